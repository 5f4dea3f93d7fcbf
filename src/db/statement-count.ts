// SQL statements per request: a request runs in a counting scope (src/http/request-facts.ts),
// and every statement the database layer sends while in it adds one. Async context
// carries the scope, so the count needs no argument through Prisma or the loaders.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface StatementCounter {
  statements: number;
}

const scope = new AsyncLocalStorage<StatementCounter>();

/** Runs fn with every statement it starts counted in `counter`. */
export function countingStatements<T>(counter: StatementCounter, fn: () => T): T {
  return scope.run(counter, fn);
}

/** Called by the database layer for each statement sent. */
export function noteStatement(): void {
  const counter = scope.getStore();
  if (counter) counter.statements++;
}
