// Orders whose lines name the same variations in opposite orders, processed and
// cancelled at the same time, never deadlock: every stock writer locks stock rows
// in (variation, warehouse) order. PostgreSQL only (PGlite runs one at a time).
import { describe, expect, it } from 'vitest';
import { TransitionCancelDocument, TransitionProcessDocument } from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

describe.skipIf(!process.env.DATABASE_URL)('stock lock order', () => {
  it('processes and cancels crossing orders concurrently without a deadlock', async () => {
    const t = await newTenant();
    const [w1, w2] = [await t.warehouse(), await t.warehouse()];
    // Split stock, so allocations span both warehouses.
    const { variations } = await t.product({ variations: [{ stock: { [w1.id]: 30, [w2.id]: 30 } }, { stock: { [w1.id]: 30, [w2.id]: 30 } }] });
    const [a, b] = variations as [(typeof variations)[number], (typeof variations)[number]];
    for (let round = 0; round < 5; round++) {
      const orders = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          t.order({
            status: 'CONFIRMED',
            items: i % 2 ? [{ variationId: a.id, quantity: 2 }, { variationId: b.id, quantity: 2 }] : [{ variationId: b.id, quantity: 2 }, { variationId: a.id, quantity: 2 }],
          }),
        ),
      );
      const processed = await Promise.all(orders.map((o) => query(t.key, TransitionProcessDocument, { input: { order: gid('Order', o.id) } })));
      expect(processed.map((r) => r.orderProcess.__typename)).toEqual(orders.map(() => 'OrderProcessPayload'));
      const cancelled = await Promise.all(
        orders.map((o) => query(t.key, TransitionCancelDocument, { input: { order: gid('Order', o.id), reason: 'CUSTOMER_REQUEST' } })),
      );
      expect(cancelled.map((r) => r.orderCancel.__typename)).toEqual(orders.map(() => 'OrderCancelPayload'));
    }
    const levels = await t.prisma.stockLevel.findMany({ where: { tenantId: t.id } });
    expect(levels.every((l) => l.reserved === 0 && l.onHand === 30)).toBe(true);
  });
});
