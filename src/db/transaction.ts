// One write = one transaction. Effects that must not happen unless the data is
// committed (live events) are queued on the scope and run after COMMIT; a
// rollback drops them. Every published event is also written to the outbox in
// the same transaction, just before COMMIT: the webhooks read it from there, so
// a crash after COMMIT loses nothing.
import type { Logger } from 'pino';
import type { Db } from './client.js';
import type { EventBus, Topic, Topics } from '../events/topics.js';
import { outboxRowOf, outboxWrites, outboxWritten, type OutboxRow } from '../events/outbox.js';
import { DatabaseBusyError } from '../shared/errors.js';
import { tenantOfClient } from './tenant-client.js';
import { withTenant } from './tenant-scope.js';

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface TransactionScope {
  tx: Tx;
  /** Publishes the event once the transaction has committed, never if it rolls back; and writes it to the outbox. */
  publish<T extends Topic>(topic: T, payload: Topics[T]): void;
  afterCommit(fn: () => void | Promise<void>): void;
}

export interface TransactionDeps {
  prisma: Db;
  events: EventBus;
  log: Pick<Logger, 'error'>;
}

export interface TransactionOptions {
  /** How long to wait for a connection before answering DatabaseBusyError. */
  maxWaitMs?: number;
}

export async function transaction<T>(
  deps: TransactionDeps,
  fn: (scope: TransactionScope) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const afterCommit: Array<() => void | Promise<void>> = [];
  const result = await runTransaction(deps, afterCommit, fn, options.maxWaitMs ?? 10_000);
  for (const cb of afterCommit) {
    try {
      await cb();
    } catch (error) {
      // The data is committed; a lost notification must not turn success into failure.
      deps.log.error({ err: error }, 'after-commit effect failed');
    }
  }
  return result;
}

async function runTransaction<T>(
  deps: TransactionDeps,
  afterCommit: Array<() => void | Promise<void>>,
  fn: (scope: TransactionScope) => Promise<T>,
  maxWaitMs: number,
): Promise<T> {
  // A tenant's client takes its connection as that tenant (row-level security); $transaction is not one of its hooked operations.
  const tenantId = tenantOfClient(deps.prisma);
  const start = () =>
    deps.prisma.$transaction(
      async (tx) => {
        const outbox: OutboxRow[] = [];
        const result = await fn({
          tx,
          publish: (topic, payload) => {
            const row = outboxWrites() ? outboxRowOf(topic, payload) : undefined;
            if (row) outbox.push(row);
            afterCommit.push(() => deps.events.publish(topic, payload));
          },
          afterCommit: (cb) => afterCommit.push(cb),
        });
        // Last, after the rows the events report on were locked: an order's events commit, and are numbered, in order.
        if (outbox.length) {
          await tx.outboxEvent.createMany({ data: outbox.map((row) => ({ ...row, payload: row.payload as object })) });
          afterCommit.push(() => void outboxWritten.emit('written'));
        }
        return result;
      },
      // Stock rows are locked briefly; a request that waits longer than this is better refused.
      { maxWait: maxWaitMs, timeout: 30_000 },
    );
  try {
    return await (tenantId === undefined ? start() : withTenant(tenantId, start));
  } catch (error) {
    // P2028: no connection for the transaction within maxWait. A retryable answer, not a bug.
    if ((error as { code?: string }).code === 'P2028') throw new DatabaseBusyError();
    throw error;
  }
}
