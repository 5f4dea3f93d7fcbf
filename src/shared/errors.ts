// Expected failures a client can act on. Each class has one code; the GraphQL
// layer turns them into typed results (plugin-errors) — never the global Error,
// so driver messages cannot reach clients.

export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} was not found`);
  }
}

export interface ValidationProblem {
  /** Path of the offending input field, e.g. ["items", "0", "quantity"]. */
  path: string[];
  message: string;
}

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION';
  constructor(readonly problems: ValidationProblem[]) {
    super(problems.map((p) => (p.path.length ? `${p.path.join('.')}: ${p.message}` : p.message)).join('; '));
  }
}

/**
 * The database could not do the work now; the same request may be sent again after
 * `retryAfterSeconds`. The GraphQL layer answers these as errors with
 * `extensions.code` and `extensions.retryAfter` (and HTTP 503 with Retry-After when
 * nothing of the request succeeded), never as a typed result.
 */
export abstract class RetryableDatabaseError extends DomainError {
  abstract override readonly code: 'SERVICE_UNAVAILABLE' | 'TIMEOUT';
  readonly retryAfterSeconds: number = 1;
}

/**
 * The database could not take the work in time (no free connection within the
 * transaction's wait). Nothing was written; the same request may be sent again.
 */
export class DatabaseBusyError extends RetryableDatabaseError {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(options?: ErrorOptions) {
    super('The database is busy; nothing was written. Retry in a moment.', options);
  }
}

/** The connection to the database broke or could not be made (restart, failover, network). */
export class DatabaseUnavailableError extends RetryableDatabaseError {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(options?: ErrorOptions) {
    super('The database is unavailable right now. Retry in a moment.', options);
  }
}

/**
 * A write kept colliding with concurrent writes to the same rows (deadlock or
 * serialization failure) after the server's own retries. Nothing was written.
 */
export class DatabaseConflictError extends RetryableDatabaseError {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(options?: ErrorOptions) {
    super('The write collided with concurrent writes to the same data; nothing was written. Retry in a moment.', options);
  }
}

/**
 * A statement, or the whole request, ran past its time budget and was stopped.
 * A stopped transaction wrote nothing.
 */
export class DatabaseTimeoutError extends RetryableDatabaseError {
  readonly code = 'TIMEOUT';
  override readonly retryAfterSeconds = 2;
  constructor(options?: ErrorOptions, message = 'The request took too long and was stopped. Retry later, or narrow it down.') {
    super(message, options);
  }
}

/**
 * A malformed argument the client must fix (an id of the wrong type, out of
 * range). Not a typed result: the GraphQL layer answers it as a `BAD_USER_INPUT`
 * error at the field, as graphql-js does for invalid values.
 */
export class InputError extends Error {
  readonly code = 'BAD_USER_INPUT';
}
