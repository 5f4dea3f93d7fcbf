// How long one SQL statement may run on PostgreSQL (statement_timeout): reads get
// the read budget, the statements of a write transaction the write budget (a write
// sent as one statement, without BEGIN, keeps the read budget: transaction.ts). The
// budget travels with the async call chain like the tenant (tenant-scope.ts); the
// pool (tenant-pool.ts) puts it on the connection at checkout, in the same
// statement as the tenant and only when the connection holds another value, so a
// connection that keeps serving reads (or writes) is not sent it again. Prisma's
// transactions take their connection before BEGIN, so the value holds for the
// whole transaction. A statement past its budget is cancelled by the server
// (57014), which faults.ts reads as a timeout.
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * export: the pages of an export job (a read, given longer); unbounded: plain SQL outside
 * Prisma (migrations, the seed's bulk inserts, outbox pruning), which may rightly take long.
 */
export type StatementBudget = 'read' | 'write' | 'export' | 'unbounded';

const budget = new AsyncLocalStorage<StatementBudget>();

/** Runs fn, and every query it starts, under the given budget. */
export function withStatementBudget<T>(kind: StatementBudget, fn: () => T | PromiseLike<T>): Promise<T> {
  return budget.run(kind, async () => await fn());
}

/** The budget of the current call chain: 'read' unless inside withStatementBudget('write'). */
export function currentStatementBudget(): StatementBudget {
  return budget.getStore() ?? 'read';
}

export interface StatementTimeouts {
  /** statement_timeout for reads, in ms (0: none). */
  readMs: number;
  /** statement_timeout inside write transactions, in ms (0: none). */
  writeMs: number;
  /** statement_timeout of an export's reads, in ms (0: none); the read budget when left out. */
  exportMs?: number;
}
