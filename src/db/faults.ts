// What a database failure means for the client, read from whichever layer reported
// it: the pg driver (SQLSTATE codes, Node socket errors), Prisma's driver adapter
// (a DriverAdapterError whose cause has a `kind` and the `originalCode`), or
// Prisma itself (P-codes). Core code: no GraphQL; the HTTP layer turns the typed
// errors into `SERVICE_UNAVAILABLE` / `TIMEOUT` answers with a retry hint.
import { DatabaseBusyError, DatabaseConflictError, DatabaseTimeoutError, DatabaseUnavailableError, RetryableDatabaseError } from '../shared/errors.js';

/**
 * - conflict: a deadlock (40P01) or serialization failure (40001); the whole
 *   transaction can run again.
 * - busy: no connection could be had in time (the pool is exhausted, or the
 *   server has no connection slot left: 53300).
 * - unavailable: the connection broke or could not be made (server restart or
 *   shutdown 57P01-57P03, connection errors 08xxx, socket resets).
 * - timeout: a statement ran past its budget (statement_timeout: 57014) or a
 *   transaction past its own.
 */
export type DatabaseFault = 'conflict' | 'busy' | 'unavailable' | 'timeout';

const CONFLICT_CODES = new Set(['40P01', '40001', 'P2034']);
const TIMEOUT_CODES = new Set(['57014', 'P1008']);
// P2024 no pool connection in time, P2028 the transaction could not start in time (maxWait) or expired.
const BUSY_CODES = new Set(['53300', '53400', 'P2024', 'P2028']);
// P1001 cannot reach the server, P1002 it timed out, P1017 it closed the connection.
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', 'P1001', 'P1002', 'P1017']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNABORTED']);
// The kinds @prisma/adapter-pg gives the errors it recognises.
const CONFLICT_KINDS = new Set(['TransactionWriteConflict']);
const BUSY_KINDS = new Set(['TooManyConnections']);
const UNAVAILABLE_KINDS = new Set(['ConnectionClosed', 'DatabaseNotReachable', 'SocketTimeout']);
// pg's own errors carry no code: a dropped connection, a pool that found no free connection in time.
// (A pool this process ended itself is not among them: that is a bug or a shutdown, an unexpected error.)
const BUSY_MESSAGES = [/timeout exceeded when trying to connect/i];
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /client has encountered a connection error/i,
  /connection (?:is )?closed/i,
  // The pool's own backstop (query_timeout): no answer at all, a silent partition.
  /query read timeout/i,
];
const TIMEOUT_MESSAGES = [/canceling statement due to statement timeout/i];

interface Reported {
  code?: unknown;
  originalCode?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown; code?: unknown };
}

/** The fault an error stands for, or undefined for anything else (a bug, a constraint, an expected failure). */
export function databaseFault(error: unknown): DatabaseFault | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  let found: DatabaseFault | undefined;
  // Breadth-first through the wrappers (cause, meta.driverAdapterError); the first definite answer wins,
  // except that a conflict anywhere is a conflict (it is the only one the transaction retries).
  while (queue.length && seen.size < 20) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const e = current as Reported;
    const fault = faultOf(e);
    if (fault === 'conflict') return fault;
    found ??= fault;
    queue.push(e.cause, e.meta?.driverAdapterError);
  }
  return found;
}

function faultOf(e: Reported): DatabaseFault | undefined {
  for (const code of [e.code, e.originalCode, e.meta?.code]) {
    if (typeof code !== 'string') continue;
    if (CONFLICT_CODES.has(code)) return 'conflict';
    if (TIMEOUT_CODES.has(code)) return 'timeout';
    if (BUSY_CODES.has(code)) return 'busy';
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || UNAVAILABLE_SOCKET_CODES.has(code)) return 'unavailable';
  }
  if (typeof e.kind === 'string') {
    if (CONFLICT_KINDS.has(e.kind)) return 'conflict';
    if (BUSY_KINDS.has(e.kind)) return 'busy';
    if (UNAVAILABLE_KINDS.has(e.kind)) return 'unavailable';
    if (e.kind === 'postgres') return undefined;
  }
  if (typeof e.message === 'string') {
    if (TIMEOUT_MESSAGES.some((re) => re.test(e.message as string))) return 'timeout';
    if (BUSY_MESSAGES.some((re) => re.test(e.message as string))) return 'busy';
    if (UNAVAILABLE_MESSAGES.some((re) => re.test(e.message as string))) return 'unavailable';
  }
  return undefined;
}

/** The typed, retryable error for a database fault; other errors come back as they are. */
export function asDatabaseFault(error: unknown): unknown {
  if (error instanceof RetryableDatabaseError) return error;
  switch (databaseFault(error)) {
    case 'conflict':
      return new DatabaseConflictError({ cause: error });
    case 'timeout':
      return new DatabaseTimeoutError({ cause: error });
    case 'busy':
      return new DatabaseBusyError({ cause: error });
    case 'unavailable':
      return new DatabaseUnavailableError({ cause: error });
    default:
      return error;
  }
}

/** A unique index refused the write (Prisma's P2002, or a raw statement's 23505): another writer got there first. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Reported;
  // Prisma's model write, or pg's own error for a statement sent outside Prisma (sendStatement).
  if (e.code === 'P2002' || e.code === '23505') return true;
  // A raw statement's failure (P2010) carries the driver adapter's error: its cause has PostgreSQL's code.
  const cause = (e.meta?.driverAdapterError as Reported | undefined)?.cause as Reported | undefined;
  return e.code === 'P2010' && (cause?.originalCode === '23505' || cause?.kind === 'UniqueConstraintViolation');
}
