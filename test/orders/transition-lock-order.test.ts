// Orders whose lines name the same variations in opposite orders, processed and
// cancelled at the same time, never deadlock: every stock writer locks stock rows
// in (variation, warehouse) order. And a transition that waited for its order's row
// leaves from the status the order had when it got the row. PostgreSQL only (PGlite
// runs one at a time).
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

describe.skipIf(!process.env.DATABASE_URL)('a transition and a concurrent write to its order', () => {
  // The move locks the order and returns it as it was: a write that committed while the
  // move waited for the lock is what the transition leaves from (its event and effects),
  // not the status an earlier unlocked read saw.
  it('records the status the order really left when another write moved it while the transition waited', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [w.id]: 10 } }] });
    const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    // Another writer moves the order to PROCESSING and holds its row until released.
    const writer = t.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE "Order" SET "status" = 'PROCESSING', "version" = "version" + 1 WHERE "id" = ${order.id}`;
      held();
      await gate;
    });
    await holding;
    const cancel = query(t.key, TransitionCancelDocument, { input: { order: gid('Order', order.id), reason: 'CUSTOMER_REQUEST' } });
    // The cancel is waiting for the row (its move cannot go on); then the writer commits.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await writer;
    expect((await cancel).orderCancel.__typename).toBe('OrderCancelPayload');
    const events = await t.prisma.orderEvent.findMany({ where: { orderId: order.id }, orderBy: { sequence: 'asc' }, select: { type: true, fromStatus: true, toStatus: true } });
    expect(events.at(-1)).toEqual({ type: 'cancel', fromStatus: 'PROCESSING', toStatus: 'CANCELLED' });
  });
});
