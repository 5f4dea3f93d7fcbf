// One write = one transaction. Effects that must not happen unless the data is
// committed (live events) are queued on the scope and run after COMMIT; a
// rollback drops them. Every published event is also written to the outbox in
// the same transaction, just before COMMIT: the webhooks read it from there, so
// a crash after COMMIT loses nothing. With tracing on, the rows (and the live
// events) carry the traceparent of the span that wrote them (events/event-trace.ts).
//
// A transaction PostgreSQL aborts as a deadlock victim (40P01) or a serialization
// failure (40001) is run again from the start, a few times with a jittered pause:
// the body runs afresh, and only the attempt that commits leaves events (its
// outbox rows are written in its own transaction; a rolled-back attempt's queue
// is dropped with it). Other database faults become typed retryable errors (faults.ts).
//
// A write that is a single statement can skip BEGIN and COMMIT (oneStatement):
// PostgreSQL runs it as its own transaction, and the locks it takes are not held
// while this process answers round trips.
import type { Logger } from 'pino';
import type { Db } from './client.js';
import type { EventBus, Topic, Topics } from '../events/topics.js';
import { activeTraceparent, carryTrace } from '../events/event-trace.js';
import { OUTBOX_CHANNEL, outboxRowOf, outboxWrites, outboxWritten, type OutboxRow } from '../events/outbox.js';
import { DatabaseBusyError, DatabaseConflictError } from '../shared/errors.js';
import { asDatabaseFault, databaseFault } from './faults.js';
import { withStatementBudget } from './statement-budget.js';
import { sendStatement, tenantOfClient } from './tenant-client.js';
import { withTenant } from './tenant-scope.js';

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface TransactionScope {
  tx: Tx;
  /** Publishes the event once the transaction has committed, never if it rolls back; and writes it to the outbox. */
  publish<T extends Topic>(topic: T, payload: Topics[T], options?: PublishOptions): void;
  afterCommit(fn: () => void | Promise<void>): void;
  /**
   * The outbox rows published so far and not yet written, for a statement of the caller's
   * to write beside its own (outboxWriteSql): one round trip fewer. Undefined when there are
   * none. The transaction writes what is published afterwards before COMMIT.
   */
  takeOutbox(): OutboxBatch | undefined;
}

export interface PublishOptions {
  /**
   * The payload holds placeholders that the statement writing its outbox row fills in SQL
   * (outboxWriteSql's `fill`: the keys the payload has among those it supplies); the caller
   * sets the live payload's own values once that statement has answered.
   */
  filledInSql?: boolean;
}

/** An outbox batch as the parameters of outboxWriteSql, in that order. */
export type OutboxBatch = [tenantIds: number[], types: string[], orderIds: Array<number | null>, payloads: string[], filledInSql: boolean[], traceparent: string | null];

export interface TransactionDeps {
  prisma: Db;
  events: EventBus;
  log: Pick<Logger, 'error'> & Partial<Pick<Logger, 'warn'>>;
}

export interface TransactionOptions {
  /** How long to wait for a connection before answering DatabaseBusyError. */
  maxWaitMs?: number;
  /** Runs of the whole transaction when PostgreSQL aborts it as a deadlock victim or serialization failure; default CONFLICT_ATTEMPTS. */
  attempts?: number;
}

/** Runs of one transaction that keeps losing deadlocks or serialization checks before DatabaseConflictError is answered. */
export const CONFLICT_ATTEMPTS = 3;

export interface RetryOptions {
  attempts?: number;
  /** Pause before the second run; doubled each time, with jitter (a random 50-100 % of it). */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (attempt: number, error: unknown) => void;
}

/**
 * Runs `run` again when it fails with a conflict (40P01, 40001; faults.ts), at most
 * `attempts` runs in all; then DatabaseConflictError. Any other error is thrown at
 * once, database faults as their typed retryable error.
 */
export async function retryOnConflict<T>(run: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? CONFLICT_ATTEMPTS);
  const baseDelayMs = options.baseDelayMs ?? 20;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (error) {
      if (databaseFault(error) !== 'conflict') throw asDatabaseFault(error);
      if (attempt >= attempts) throw new DatabaseConflictError({ cause: error });
      options.onRetry?.(attempt, error);
      const delay = baseDelayMs * 2 ** (attempt - 1);
      await sleep(Math.round(delay / 2 + (random() * delay) / 2));
    }
  }
}

export async function transaction<T>(
  deps: TransactionDeps,
  fn: (scope: TransactionScope) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  // Each run has its own queue of after-commit effects: a rolled-back run's events never leave.
  let afterCommit: Array<() => void | Promise<void>> = [];
  const result = await retryOnConflict(
    () => {
      afterCommit = [];
      return runTransaction(deps, afterCommit, fn, options.maxWaitMs ?? 10_000);
    },
    {
      attempts: options.attempts,
      onRetry: (attempt, error) => deps.log.warn?.({ err: error, attempt }, 'transaction aborted by a concurrent write; running it again'),
    },
  );
  await runEffects(deps, afterCommit);
  return result;
}

async function runEffects(deps: TransactionDeps, afterCommit: Array<() => void | Promise<void>>): Promise<void> {
  for (const cb of afterCommit) {
    try {
      await cb();
    } catch (error) {
      // The data is committed; a lost notification must not turn success into failure.
      deps.log.error({ err: error }, 'after-commit effect failed');
    }
  }
}

/** What a statement that writes outbox rows fills their placeholders from (PublishOptions.filledInSql). */
export interface OutboxFill {
  /** A FROM item of the statement, e.g. `"event" e` (one row). */
  from: string;
  /** A jsonb object over it: the values of the keys placeholders may have. */
  values: string;
  /** The rows' order id column, for rows published before their order had an id (its insert is the same statement). */
  orderId?: string;
}

/**
 * What writes an outbox batch (parameters $p to $p+5, an OutboxBatch): a CTE, and the
 * expression (one value) that sends the wake-up of every instance's relay at COMMIT
 * (none on rollback), naming the tenants ("3" or "3,7"). Rows keep the order they were
 * published in (ids follow it). With `fill`, rows published filledInSql take the values of
 * the keys they have from it. In the statement rather than a trigger: a statement trigger
 * with its table of new rows cost a third of what the outbox adds to a write.
 */
export function outboxWriteSql(p: number, fill?: OutboxFill): { cte: string; notify: string } {
  const payload = fill
    ? `CASE WHEN r."filledInSql" THEN r."payload" || coalesce((
         SELECT jsonb_object_agg(f."key", f."value") FROM jsonb_each(${fill.values}) f WHERE r."payload" ? f."key"), '{}') ELSE r."payload" END`
    : `r."payload"`;
  return {
    cte: `"outbox_written" AS (
    INSERT INTO "OutboxEvent" ("tenantId", "type", "orderId", "payload", "traceparent")
    SELECT r."tenantId", r."type", ${fill?.orderId ? `CASE WHEN r."filledInSql" THEN ${fill.orderId} ELSE r."orderId" END` : 'r."orderId"'}, ${payload}, $${p + 5}::text
      FROM unnest($${p}::int[], $${p + 1}::text[], $${p + 2}::int[], $${p + 3}::jsonb[], $${p + 4}::boolean[])
           WITH ORDINALITY AS r("tenantId", "type", "orderId", "payload", "filledInSql", "n")${fill ? `
     CROSS JOIN ${fill.from}` : ''}
     ORDER BY r."n"
    RETURNING "tenantId"
  )`,
    notify: OUTBOX_NOTIFY,
  };
}

/**
 * The wake-up outboxWriteSql's CTE sends (one value, over its "outbox_written"); none when no
 * row was written (a fill from an empty FROM item: a refused stock change).
 */
export const OUTBOX_NOTIFY = `(SELECT CASE WHEN x."tenants" IS NOT NULL THEN (SELECT 1 FROM pg_notify('${OUTBOX_CHANNEL}', x."tenants")) END
       FROM (SELECT string_agg(DISTINCT w."tenantId"::text, ',') AS "tenants" FROM "outbox_written" w) x)`;

/** The rows published after the last statement that took them, before COMMIT. */
const OUTBOX_INSERT = (() => {
  const { cte, notify } = outboxWriteSql(1);
  return `WITH ${cte} SELECT ${notify} AS "notified"`;
})();

/** A write's scope over `tx`, and what it has published but not yet written to the outbox. */
function openScope(deps: TransactionDeps, tx: Tx, afterCommit: Array<() => void | Promise<void>>) {
  const outbox: Array<OutboxRow & { filledInSql: boolean }> = [];
  const tenants = new Set<number>();
  const takeOutbox = (): OutboxBatch | undefined => {
    if (!outbox.length) return undefined;
    const rows = outbox.splice(0);
    for (const row of rows) tenants.add(row.tenantId);
    return [
      rows.map((row) => row.tenantId),
      rows.map((row) => row.type),
      rows.map((row) => row.orderId),
      rows.map((row) => JSON.stringify(row.payload)),
      rows.map((row) => row.filledInSql),
      // Tracing on: the span active at the write, which webhook deliveries link to; nothing (NULL) otherwise.
      activeTraceparent() ?? null,
    ];
  };
  const scope: TransactionScope = {
    tx,
    publish: (topic, payload, options) => {
      const row = outboxWrites() ? outboxRowOf(topic, payload) : undefined;
      if (row) outbox.push({ ...row, filledInSql: options?.filledInSql === true });
      // Tracing on: subscribers' deliveries link to the span publishing the event (event-trace.ts).
      carryTrace(payload, activeTraceparent());
      afterCommit.push(() => deps.events.publish(topic, payload));
    },
    afterCommit: (cb) => afterCommit.push(cb),
    takeOutbox,
  };
  /** The rows no statement took; once the write is done, the relays are woken for every tenant written. */
  const rest = () => {
    const batch = takeOutbox();
    if (tenants.size) afterCommit.push(() => void outboxWritten.emit('written', [...tenants]));
    return batch;
  };
  return { scope, rest, untaken: () => outbox.length };
}

/**
 * Runs fn in the tenant of the client (row-level security) under the budget given; P2028
 * (no connection for a transaction in time) is a busy database.
 */
async function asWrite<T>(deps: TransactionDeps, budget: 'read' | 'write', fn: () => Promise<T>): Promise<T> {
  // A tenant's client takes its connection as that tenant; $transaction is not one of its hooked operations.
  const tenantId = tenantOfClient(deps.prisma);
  try {
    return await withStatementBudget(budget, () => (tenantId === undefined ? fn() : withTenant(tenantId, fn)));
  } catch (error) {
    if ((error as { code?: string }).code === 'P2028') throw new DatabaseBusyError({ cause: error });
    throw error;
  }
}

async function runTransaction<T>(
  deps: TransactionDeps,
  afterCommit: Array<() => void | Promise<void>>,
  fn: (scope: TransactionScope) => Promise<T>,
  maxWaitMs: number,
): Promise<T> {
  // The write budget (statement_timeout) for every statement of the transaction (PostgreSQL; statement-budget.ts).
  return asWrite(deps, 'write', () =>
    deps.prisma.$transaction(
      async (tx) => {
        const { scope, rest } = openScope(deps, tx, afterCommit);
        const result = await fn(scope);
        // Last, after the rows the events report on were locked: an order's events commit, and are numbered, in order.
        const batch = rest();
        // Raw: Prisma's createMany costs a query plan per call, about a millisecond of CPU on every write.
        if (batch) await tx.$queryRawUnsafe(OUTBOX_INSERT, ...batch);
        return result;
      },
      // Stock rows are locked briefly; a request that waits longer than this is better refused.
      { maxWait: maxWaitMs, timeout: 30_000 },
    ),
  );
}

/**
 * A write that is one statement, which PostgreSQL runs as a transaction of its own: no
 * BEGIN and COMMIT sent, so no locks are held while this process answers them. `fn`
 * gets a scope like transaction()'s whose `tx` takes exactly one $queryRawUnsafe (the
 * statement) and nothing else; its events must all be written by that statement
 * (takeOutbox). Conflicts are run again as transaction() does; effects run after it.
 * The statement keeps its connection's read budget (statement_timeout): the write budget
 * rides on a transaction's BEGIN, and setting it for one statement would cost two more.
 */
export async function oneStatement<T>(deps: TransactionDeps, fn: (scope: TransactionScope) => Promise<T>): Promise<T> {
  let afterCommit: Array<() => void | Promise<void>> = [];
  const result = await retryOnConflict(
    () => {
      afterCommit = [];
      let sent = false;
      let untaken = () => 0;
      // Checked before the statement is sent: once sent, it has committed.
      const tx = new Proxy(deps.prisma, {
        get(target, property) {
          if (property !== '$queryRawUnsafe') throw new Error(`a one-statement write sends $queryRawUnsafe once; ${String(property)} needs transaction()`);
          return (...args: Parameters<Db['$queryRawUnsafe']>) => {
            if (sent) throw new Error('a one-statement write sends one statement; use transaction()');
            if (untaken()) throw new Error('a one-statement write publishes only events its statement writes (takeOutbox)');
            sent = true;
            const [sql, ...params] = args;
            return sendStatement(target, sql, params);
          };
        },
      }) as unknown as Tx;
      return asWrite(deps, 'read', async () => {
        const opened = openScope(deps, tx, afterCommit);
        untaken = opened.untaken;
        const value = await fn(opened.scope);
        if (opened.rest()) throw new Error('a one-statement write published events after its statement');
        return value;
      });
    },
    { onRetry: (attempt, error) => deps.log.warn?.({ err: error, attempt }, 'write aborted by a concurrent write; running it again') },
  );
  await runEffects(deps, afterCommit);
  return result;
}
