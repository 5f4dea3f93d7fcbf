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
 * The database could not take the work in time (no free connection within the
 * transaction's wait). Nothing was written; the same request may be sent again.
 */
export class DatabaseBusyError extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE';
  readonly retryAfterSeconds = 1;
  constructor() {
    super('The database is busy; nothing was written. Retry in a moment.');
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
