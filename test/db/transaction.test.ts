// The transaction helper: events leave only after commit, and a transaction that
// cannot get a connection in time is a retryable DatabaseBusyError, not a crash.
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { oneStatement, outboxWriteSql, transaction } from '../../src/db/transaction.js';
import { createMemoryBus } from '../../src/events/memory-bus.js';
import { DatabaseBusyError } from '../../src/shared/errors.js';
import { testApp } from '../support/app.js';
import { newTenant } from '../support/tenant.js';

const silent = { error: () => {} };

describe('transaction', () => {
  /** A new tenant's write deps, whose bus keeps what is published; and a stock event of that tenant. */
  async function writer() {
    const { app } = await testApp();
    const t = await newTenant();
    const events = createMemoryBus();
    const published: unknown[] = [];
    // The tenant's client: its outbox row is written under row-level security on PostgreSQL.
    const deps = { prisma: app.db.forTenant(t.id), events: { ...events, publish: (_t: unknown, p: unknown) => void published.push(p) } as typeof events, log: silent };
    const payload = { tenantId: t.id, variationId: 1, warehouseId: 1, onHand: 1, reserved: 0, at: 'now' };
    return { t, deps, published, payload };
  }

  it('publishes queued events after commit and drops them on rollback', async () => {
    const { deps, published, payload } = await writer();
    await transaction(deps, async (scope) => {
      scope.publish('stockLevelChanged', payload);
      expect(published).toEqual([]);
    });
    expect(published).toEqual([payload]);
    await expect(
      transaction(deps, async (scope) => {
        scope.publish('stockLevelChanged', { ...payload, onHand: 2 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(published).toEqual([payload]);
  });

  it('writes one statement alone: its events leave after it, and anything more is refused before it is sent', async () => {
    const { t, deps, published, payload } = await writer();
    const outboxRows = () => deps.prisma.outboxEvent.count({ where: { tenantId: t.id } });
    const outboxBefore = await outboxRows();
    // The statement writes the event's outbox row itself.
    const written = await oneStatement(deps, async (scope) => {
      scope.publish('stockLevelChanged', payload);
      const batch = scope.takeOutbox()!;
      const { cte, notify } = outboxWriteSql(1);
      const rows = await scope.tx.$queryRawUnsafe<Array<{ n: number }>>(`WITH ${cte} SELECT ${notify} AS "notified", (SELECT count(*)::int FROM "outbox_written") AS "n"`, ...batch);
      expect(published).toEqual([]);
      return rows[0]!.n;
    });
    expect(written).toBe(1);
    expect(published).toEqual([payload]);
    expect(await outboxRows()).toBe(outboxBefore + 1);
    // A second statement, another client method, or an event the statement would not write: refused, nothing sent.
    await expect(
      oneStatement(deps, async (scope) => {
        await scope.tx.$queryRawUnsafe('SELECT 1');
        await scope.tx.$queryRawUnsafe('SELECT 2');
      }),
    ).rejects.toThrow('one statement');
    await expect(oneStatement(deps, async (scope) => scope.tx.order.count())).rejects.toThrow('needs transaction()');
    await expect(
      oneStatement(deps, async (scope) => {
        scope.publish('stockLevelChanged', { ...payload, onHand: 2 });
        await scope.tx.$queryRawUnsafe('SELECT 1');
      }),
    ).rejects.toThrow('publishes only events its statement writes');
    expect(published).toEqual([payload]);
    expect(await outboxRows()).toBe(outboxBefore + 1);
  });

  // One pooled connection held by a transaction: the next one cannot start.
  describe.skipIf(!process.env.DATABASE_URL)('on PostgreSQL', () => {
    let close: (() => Promise<void>) | undefined;
    afterAll(() => close?.());

    it('answers DatabaseBusyError when no connection frees up within the wait', async () => {
      const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 });
      close = () => db.close();
      const deps = { prisma: db.prisma, events: createMemoryBus(), log: silent };
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = transaction(deps, async (scope) => {
        await scope.tx.$queryRaw`SELECT 1`;
        await held;
      });
      // Give the first transaction the connection.
      await new Promise((resolve) => setImmediate(resolve));
      await expect(transaction(deps, async () => 'never', { maxWaitMs: 300 })).rejects.toBeInstanceOf(DatabaseBusyError);
      release();
      await first;
    });
  });
});
