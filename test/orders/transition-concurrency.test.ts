// Races that only a real PostgreSQL shows (PGlite runs one statement at a time):
// stock never oversold, an order never shipped twice, stale versions refused.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { TransitionCancelDocument, TransitionConfirmDocument, TransitionProcessDocument, TransitionShipDocument } from '../generated/graphql.js';
import { query, queryRetrying } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

describe.skipIf(!process.env.DATABASE_URL)('transitions under concurrency (PostgreSQL)', () => {
  it('allocates exactly 50 of 200 concurrent orders for a variation with 50 units; the other 150 get InsufficientStockError', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const v = (await t.product({ variations: [{ stock: { [w.id]: 50 } }] })).variations[0]!;
    const orders = [];
    for (let i = 0; i < 200; i++) orders.push(await t.order({ status: 'CONFIRMED', items: [{ variationId: v.id, quantity: 1 }] }));

    const results = await Promise.all(orders.map((o) => queryRetrying(t.key, TransitionProcessDocument, { input: { order: gid('Order', o.id) } })));
    const kinds = results.map((r) => r.orderProcess.__typename);
    expect(kinds.filter((k) => k === 'OrderProcessPayload')).toHaveLength(50);
    expect(kinds.filter((k) => k === 'InsufficientStockError')).toHaveLength(150);

    const level = await t.prisma.stockLevel.findUniqueOrThrow({ where: { variationId_warehouseId: { variationId: v.id, warehouseId: w.id } } });
    expect(level).toMatchObject({ onHand: 50, reserved: 50 });
    const reservations = await t.prisma.stockMovement.findMany({ where: { variationId: v.id, kind: 'RESERVATION' } });
    expect(reservations).toHaveLength(50);
    expect(await t.prisma.order.count({ where: { tenantId: t.id, status: 'PROCESSING' } })).toBe(50);
    expect(await t.prisma.order.count({ where: { tenantId: t.id, status: 'CONFIRMED', version: 1 } })).toBe(150);
    expect(await t.prisma.orderEvent.count({ where: { tenantId: t.id } })).toBe(50);
  }, 120_000);

  it('ships an order once when two requests ship it at the same time', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const v = (await t.product({ variations: [{ stock: { [w.id]: 10 } }] })).variations[0]!;
    const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: v.id, quantity: 4 }] });
    const id = gid('Order', order.id);
    await query(t.key, TransitionProcessDocument, { input: { order: id } });

    const both = await Promise.all([1, 2].map((n) => query(t.key, TransitionShipDocument, { input: { order: id, trackingNumber: `AWB-${n}` } })));
    expect(both.map((r) => r.orderShip.__typename).sort()).toEqual(['InvalidTransitionError', 'OrderShipPayload']);
    const level = await t.prisma.stockLevel.findUniqueOrThrow({ where: { variationId_warehouseId: { variationId: v.id, warehouseId: w.id } } });
    expect(level).toMatchObject({ onHand: 6, reserved: 0 });
    expect(await t.prisma.shipment.count({ where: { orderId: order.id } })).toBe(1);
    expect(await t.prisma.stockMovement.count({ where: { orderId: order.id, kind: 'SHIPMENT' } })).toBe(1);
    expect(await t.prisma.orderEvent.count({ where: { orderId: order.id, type: 'ship' } })).toBe(1);
  }, 60_000);

  // A confirm is one statement whose snapshot is taken before it waits for the order's row: an
  // event another writer committed meanwhile (an edit's, status unchanged) makes its sequence
  // collide. The statement is refused whole and sent again, numbered after it.
  it('numbers a confirm after an event committed while the confirm waited for the order', async () => {
    const t = await newTenant();
    const order = await t.order({ status: 'PENDING', items: [] });
    const writer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await writer.connect();
    await watcher.connect();
    try {
      await writer.query('BEGIN');
      await writer.query('SELECT 1 FROM "Order" WHERE "id" = $1 FOR NO KEY UPDATE', [order.id]);
      const { rows } = await writer.query<{ next: number }>('SELECT coalesce(max("sequence"), 0) + 1 AS "next" FROM "OrderEvent" WHERE "orderId" = $1', [order.id]);
      const edit = rows[0]!.next;
      await writer.query(
        `INSERT INTO "OrderEvent" ("tenantId", "orderId", "sequence", "type", "fromStatus", "toStatus", "actor") VALUES ($1, $2, $3, 'edit', 'PENDING', 'PENDING', 'test')`,
        [t.id, order.id, edit],
      );
      await writer.query('UPDATE "Order" SET "version" = "version" + 1 WHERE "id" = $1', [order.id]);
      const confirm = query(t.key, TransitionConfirmDocument, { input: { order: gid('Order', order.id) } });
      // The confirm's statement has started and waits for the row this transaction holds (seen
      // from another connection: a transaction sees pg_stat_activity as it first read it).
      for (let waited = 0; ; waited += 20) {
        const blocked = await watcher.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%"OrderEvent"%'`);
        if (blocked.rowCount) break;
        if (waited > 10_000) throw new Error('the confirm never waited for the order');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await writer.query('COMMIT');
      expect((await confirm).orderConfirm.__typename).toBe('OrderConfirmPayload');
      const events = await t.prisma.orderEvent.findMany({ where: { orderId: order.id }, orderBy: { sequence: 'asc' }, select: { sequence: true, type: true } });
      expect(events.slice(-2)).toEqual([
        { sequence: edit, type: 'edit' },
        { sequence: edit + 1, type: 'confirm' },
      ]);
      expect(await t.prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true, version: true } })).toEqual({ status: 'CONFIRMED', version: 3 });
    } finally {
      await writer.end();
      await watcher.end();
    }
  }, 60_000);

  it('gives one of two writers with the same expectedVersion a VersionConflictError', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const v = (await t.product({ variations: [{ stock: { [w.id]: 10 } }] })).variations[0]!;
    const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: v.id, quantity: 2 }] });
    const id = gid('Order', order.id);
    const [process, cancel] = await Promise.all([
      query(t.key, TransitionProcessDocument, { input: { order: id, expectedVersion: 1 } }),
      query(t.key, TransitionCancelDocument, { input: { order: id, expectedVersion: 1, reason: 'OTHER' } }),
    ]);
    const outcomes = [process.orderProcess.__typename, cancel.orderCancel.__typename];
    expect(outcomes.filter((k) => k === 'VersionConflictError')).toHaveLength(1);
    expect(outcomes.filter((k) => k === 'OrderProcessPayload' || k === 'OrderCancelPayload')).toHaveLength(1);
    const state = await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(state.version).toBe(2);
    const level = await t.prisma.stockLevel.findUniqueOrThrow({ where: { variationId_warehouseId: { variationId: v.id, warehouseId: w.id } } });
    // Reserved only if process won; never left reserved by a cancelled order.
    expect(level.reserved).toBe(state.status === 'PROCESSING' ? 2 : 0);
  }, 60_000);
});
