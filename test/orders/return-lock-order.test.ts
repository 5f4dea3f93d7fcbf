// A return that restocks takes the stock rows in the ledger's global order
// (variation, warehouse), not in the order of the return's lines: a return racing
// orderProcess on two-line orders cannot deadlock, and no client sees "Unexpected error.".
import { describe, expect, it } from 'vitest';
import { TransitionCancelDocument, TransitionProcessDocument, TransitionReturnDocument, TransitionShipDocument } from '../generated/graphql.js';
import { stockLockOrderViolations } from '../../src/inventory/stock-ledger.js';
import { execute, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

/** Two variations; the first created has the lower id. */
async function twoVariations(t: TestTenant, warehouseId: number, units: number) {
  const { variations } = await t.product({ variations: [{ stock: { [warehouseId]: units } }, { stock: { [warehouseId]: units } }] });
  const [a, b] = variations as [(typeof variations)[number], (typeof variations)[number]];
  expect(a.id).toBeLessThan(b.id);
  return { a, b };
}

/** A shipped order whose lines name b before a (the return's lines follow that order). */
async function shippedOrder(t: TestTenant, a: { id: number }, b: { id: number }) {
  const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: b.id, quantity: 1 }, { variationId: a.id, quantity: 1 }] });
  await query(t.key, TransitionProcessDocument, { input: { order: gid('Order', order.id) } });
  await query(t.key, TransitionShipDocument, { input: { order: gid('Order', order.id) } });
  return order;
}

describe('stock lock order of returns and split lines', () => {
  it('restocks a two-line return in (variation, warehouse) order, whatever the order of its lines', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const { a, b } = await twoVariations(t, w.id, 10);
    const order = await shippedOrder(t, a, b);
    const before = stockLockOrderViolations();
    const result = await query(t.key, TransitionReturnDocument, { input: { order: gid('Order', order.id), returnBy: 'customer_request' } });
    expect(result.orderReturn.__typename).toBe('OrderReturnPayload');
    expect(stockLockOrderViolations() - before).toBe(0);
    const levels = await t.prisma.stockLevel.findMany({ where: { tenantId: t.id }, orderBy: { variationId: 'asc' }, select: { onHand: true, reserved: true } });
    expect(levels).toEqual([
      { onHand: 10, reserved: 0 },
      { onHand: 10, reserved: 0 },
    ]);
  });

  it('reserves and releases two lines of one variation split over two warehouses in warehouse order', async () => {
    const t = await newTenant();
    const [w1, w2] = [await t.warehouse(), await t.warehouse()];
    const { variations } = await t.product({ variations: [{ stock: { [w1.id]: 6, [w2.id]: 10 } }] });
    const a = variations[0]!;
    // Line 1 takes 5 from w2 (most available); line 2 then finds w1 (6) ahead of w2 (5 left): the second warehouse first.
    const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: a.id, quantity: 5 }, { variationId: a.id, quantity: 5 }] });
    const before = stockLockOrderViolations();
    const processed = await query(t.key, TransitionProcessDocument, { input: { order: gid('Order', order.id) } });
    expect(processed.orderProcess.__typename).toBe('OrderProcessPayload');
    const level = async (warehouseId: number) =>
      t.prisma.stockLevel.findUniqueOrThrow({ where: { variationId_warehouseId: { variationId: a.id, warehouseId } }, select: { onHand: true, reserved: true } });
    expect([await level(w1.id), await level(w2.id)]).toEqual([
      { onHand: 6, reserved: 5 },
      { onHand: 10, reserved: 5 },
    ]);
    const cancelled = await query(t.key, TransitionCancelDocument, { input: { order: gid('Order', order.id), reason: 'CUSTOMER_REQUEST' } });
    expect(cancelled.orderCancel.__typename).toBe('OrderCancelPayload');
    expect([await level(w1.id), await level(w2.id)]).toEqual([
      { onHand: 6, reserved: 0 },
      { onHand: 10, reserved: 0 },
    ]);
    expect(stockLockOrderViolations() - before).toBe(0);
  });

  // PGlite runs one transaction at a time: only PostgreSQL can deadlock.
  it.skipIf(!process.env.DATABASE_URL)('returns racing orderProcess on two-line orders all succeed (no INTERNAL_SERVER_ERROR)', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const { a, b } = await twoVariations(t, w.id, 1_000);
    const before = stockLockOrderViolations();
    for (let round = 0; round < 4; round++) {
      const shipped = await Promise.all(Array.from({ length: 4 }, () => shippedOrder(t, a, b)));
      const fresh = await Promise.all(
        Array.from({ length: 4 }, () => t.order({ status: 'CONFIRMED', items: [{ variationId: a.id, quantity: 1 }, { variationId: b.id, quantity: 1 }] })),
      );
      const results = await Promise.all([
        ...shipped.map((o) => execute(t.key, TransitionReturnDocument, { input: { order: gid('Order', o.id), returnBy: 'customer_request' } })),
        ...fresh.map((o) => execute(t.key, TransitionProcessDocument, { input: { order: gid('Order', o.id) } })),
      ]);
      expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
      const typenames = results.map((r) => Object.values(r.data as Record<string, { __typename: string }>)[0]!.__typename);
      expect(typenames).toEqual([...shipped.map(() => 'OrderReturnPayload'), ...fresh.map(() => 'OrderProcessPayload')]);
    }
    expect(stockLockOrderViolations() - before).toBe(0);
    // Each round: 4 orders shipped and returned (net 0), 4 processed (1 unit of each variation reserved).
    const levels = await t.prisma.stockLevel.findMany({ where: { tenantId: t.id }, orderBy: { variationId: 'asc' }, select: { onHand: true, reserved: true } });
    expect(levels).toEqual([
      { onHand: 1_000, reserved: 16 },
      { onHand: 1_000, reserved: 16 },
    ]);
  });
});
