// Statements a caller may call off: the request deadline (http/request-deadline.ts)
// runs a query's execution in a cancellation scope; the pool (tenant-pool.ts) notes
// each connection the scope checks out until it is released. cancel() asks
// PostgreSQL to stop the statement running on each of them, and refuses the scope's
// later checkouts, so an answered request leaves no statement behind: a query
// waiting on a lock or scanning for seconds stops when its answer has gone, not at
// its statement budget. PGlite runs one statement at a time in-process and has
// nothing to cancel.
import { AsyncLocalStorage } from 'node:async_hooks';
import { DatabaseTimeoutError } from '../shared/errors.js';

export class CancellationScope {
  private readonly running = new Map<object, () => void>();
  private done = false;

  get cancelled(): boolean {
    return this.done;
  }

  /** Called by the pool when the scope checks a connection out; the function stops its statement. */
  track(connection: object, cancel: () => void): void {
    if (!this.done) this.running.set(connection, cancel);
  }

  untrack(connection: object): void {
    this.running.delete(connection);
  }

  /** Stops what the scope is running; returns how many statements were asked to stop. */
  cancel(): number {
    this.done = true;
    const cancels = [...this.running.values()];
    this.running.clear();
    for (const stop of cancels) stop();
    return cancels.length;
  }
}

const current = new AsyncLocalStorage<CancellationScope>();

/** Runs fn, and every query it starts, in the given scope. */
export function withCancellation<T>(scope: CancellationScope, fn: () => Promise<T>): Promise<T> {
  return current.run(scope, fn);
}

/** The scope of the current call chain, if any; the pool captures it at checkout, in the caller's context. */
export function currentCancellation(): CancellationScope | undefined {
  return current.getStore();
}

/** What a checkout of a cancelled scope throws: its request was already answered. */
export function cancelledError(): DatabaseTimeoutError {
  return new DatabaseTimeoutError(undefined, 'The request was stopped at its deadline; no new statement is started for it.');
}
