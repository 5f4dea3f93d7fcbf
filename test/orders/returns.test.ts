// Returns as lines, through the API: several returns per order, each line at most
// what shipped and has not come back yet, restock per line into the warehouse it
// names or where the units shipped from; the order keeps its status until every
// shipped unit came back (returnStatus NONE -> PARTIAL -> FULL, then RETURNED).
import { describe, expect, it } from 'vitest';
import {
  ReturnOrderStateDocument,
  ReturnRecordDocument,
  TransitionCompleteDocument,
  TransitionProcessDocument,
  TransitionShipDocument,
  type OrderReturnInput,
} from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function stock(t: TestTenant, variationId: number, warehouseId: number) {
  const level = await t.prisma.stockLevel.findUnique({ where: { variationId_warehouseId: { variationId, warehouseId } } });
  return level?.onHand ?? 0;
}

/**
 * A shipped order of 9 units at 10000.00 (grand total 90000.00) from warehouse A,
 * which held 10 (1 left after shipping); warehouse B holds 4.
 */
async function shippedOrder(options: { allocations?: (a: number, b: number) => Array<{ warehouse: number; quantity: number }> } = {}) {
  const t = await newTenant();
  const a = await t.warehouse();
  const b = await t.warehouse();
  const { variations } = await t.product({ variations: [{ price: '10000', stock: { [a.id]: 10, [b.id]: 4 } }] });
  const variation = variations[0]!;
  const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: variation.id, quantity: 9 }] });
  const id = gid('Order', order.id);
  const item = await t.prisma.orderItem.findFirstOrThrow({ where: { orderId: order.id } });
  const itemId = gid('OrderItem', item.id);
  const allocations = options.allocations?.(a.id, b.id).map((x) => ({ item: itemId, warehouse: gid('Warehouse', x.warehouse), quantity: x.quantity }));
  const processed = await query(t.key, TransitionProcessDocument, { input: { order: id, ...(allocations ? { allocations } : {}) } });
  expect(processed.orderProcess.__typename).toBe('OrderProcessPayload');
  const shipped = await query(t.key, TransitionShipDocument, { input: { order: id } });
  expect(shipped.orderShip.__typename).toBe('OrderShipPayload');
  return { t, a, b, variation, order, id, itemId };
}

async function returnOf(t: TestTenant, input: OrderReturnInput) {
  const result = (await query(t.key, ReturnRecordDocument, { input })).orderReturn;
  if (result.__typename !== 'OrderReturnPayload') throw new Error(JSON.stringify(result));
  return result;
}

describe('returns as lines', () => {
  it('a return of 1 of 9 units keeps the order SHIPPED and PARTIAL; more returns follow until everything is back, then RETURNED', async () => {
    const { t, a, variation, id, itemId } = await shippedOrder();
    expect(await stock(t, variation.id, a.id)).toBe(1);

    const first = await returnOf(t, { order: id, returnBy: 'customer_request', reason: 'wrong size', lines: [{ item: itemId, quantity: 1 }] });
    expect(first.order).toMatchObject({ status: 'SHIPPED', returnStatus: 'PARTIAL', returnedAt: null, amountReturned: '10000.00', netTotal: '80000.00' });
    expect(first.order.items).toEqual([{ id: itemId, quantity: 9, returnedQuantity: 1 }]);
    expect(first.order.availableTransitions.map((x) => x.name)).toEqual(['COMPLETE', 'RETURN']);
    // The event says what happened: a return, the status unchanged.
    expect(first.event).toEqual({ type: 'return', fromStatus: 'SHIPPED', toStatus: 'SHIPPED' });
    expect(first.order.returns).toEqual([
      {
        id: expect.any(String),
        returnBy: 'customer_request',
        reason: 'wrong size',
        restock: true,
        value: '10000.00',
        lines: [{ quantity: 1, restock: true, value: '10000.00', orderItem: { id: itemId }, warehouse: { id: gid('Warehouse', a.id) } }],
        refunds: [],
      },
    ]);
    expect(await stock(t, variation.id, a.id)).toBe(2);

    // A second return, without restock: recorded, stock stays.
    const second = await returnOf(t, { order: id, returnBy: 'customer_request', restock: false, lines: [{ item: itemId, quantity: 3 }] });
    expect(second.order).toMatchObject({ status: 'SHIPPED', returnStatus: 'PARTIAL', amountReturned: '40000.00', netTotal: '50000.00' });
    expect(second.order.items[0]!.returnedQuantity).toBe(4);
    expect(second.order.returns[1]).toMatchObject({ restock: false, value: '30000.00', lines: [{ quantity: 3, restock: false, warehouse: null }] });
    expect(await stock(t, variation.id, a.id)).toBe(2);

    // Delivered, then the rest comes back (default lines: every unit shipped and not back yet).
    const completed = await query(t.key, TransitionCompleteDocument, { input: { order: id } });
    expect(completed.orderComplete.__typename).toBe('OrderCompletePayload');
    const last = await returnOf(t, { order: id, returnBy: 'customer_request' });
    expect(last.order).toMatchObject({ status: 'RETURNED', returnStatus: 'FULL', amountReturned: '90000.00', netTotal: '0.00' });
    expect(last.order.returnedAt).toBeTruthy();
    expect(last.event).toEqual({ type: 'return', fromStatus: 'COMPLETED', toStatus: 'RETURNED' });
    expect(last.order.returns.map((r) => r.lines.map((l) => l.quantity))).toEqual([[1], [3], [5]]);
    expect(last.order.items[0]!.returnedQuantity).toBe(9);
    expect(last.order.availableTransitions).toEqual([]);
    expect(await stock(t, variation.id, a.id)).toBe(7);

    // Nothing is left to return: RETURNED is final.
    const again = (await query(t.key, ReturnRecordDocument, { input: { order: id, returnBy: 'customer_request' } })).orderReturn;
    expect(again).toMatchObject({ __typename: 'InvalidTransitionError', from: 'RETURNED' });
  });

  it('reads NONE before any return', async () => {
    const { t, id } = await shippedOrder();
    const state = (await query(t.key, ReturnOrderStateDocument, { id })).order!;
    expect(state).toMatchObject({ status: 'SHIPPED', returnStatus: 'NONE', amountReturned: '0.00', netTotal: '90000.00', returns: [] });
    expect(state.items[0]!.returnedQuantity).toBe(0);
  });

  it('refuses to return more than shipped and not yet back, with ReturnExceedsShippedError, writing nothing', async () => {
    const { t, a, variation, order, id, itemId } = await shippedOrder();
    await returnOf(t, { order: id, returnBy: 'customer_request', lines: [{ item: itemId, quantity: 1 }] });
    const before = await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } });

    const over = (await query(t.key, ReturnRecordDocument, { input: { order: id, returnBy: 'customer_request', lines: [{ item: itemId, quantity: 9 }] } })).orderReturn;
    expect(over).toMatchObject({ __typename: 'ReturnExceedsShippedError', code: 'RETURN_EXCEEDS_SHIPPED', itemId, shipped: 9, returned: 1, unitsRequested: 9 });
    // The same line twice counts together: 5 + 4 = 9 > 8 left.
    const twice = (
      await query(t.key, ReturnRecordDocument, {
        input: { order: id, returnBy: 'customer_request', lines: [{ item: itemId, quantity: 5 }, { item: itemId, quantity: 4 }] },
      })
    ).orderReturn;
    expect(twice).toMatchObject({ __typename: 'ReturnExceedsShippedError', returned: 1, unitsRequested: 9 });

    const after = await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect({ status: after.status, version: after.version, returnStatus: after.returnStatus }).toEqual({ status: 'SHIPPED', version: before.version, returnStatus: 'PARTIAL' });
    expect(await t.prisma.orderReturn.count({ where: { orderId: order.id } })).toBe(1);
    expect(await stock(t, variation.id, a.id)).toBe(2);
    // Exactly what is left is accepted.
    const rest = await returnOf(t, { order: id, returnBy: 'customer_request', lines: [{ item: itemId, quantity: 8 }] });
    expect(rest.order).toMatchObject({ status: 'RETURNED', returnStatus: 'FULL' });
  });

  it('two returns at once that together exceed what shipped: one is recorded, the other refused', async () => {
    const { t, a, variation, order, id, itemId } = await shippedOrder();
    const results = await Promise.all(
      [5, 5].map(async (quantity) => (await query(t.key, ReturnRecordDocument, { input: { order: id, returnBy: 'customer_request', lines: [{ item: itemId, quantity }] } })).orderReturn),
    );
    expect(results.map((r) => r.__typename).sort()).toEqual(['OrderReturnPayload', 'ReturnExceedsShippedError']);
    expect(results.find((r) => r.__typename === 'ReturnExceedsShippedError')).toMatchObject({ shipped: 9, returned: 5, unitsRequested: 5 });
    const item = await t.prisma.orderItem.findFirstOrThrow({ where: { orderId: order.id } });
    expect(item.returnedQuantity).toBe(5);
    expect(await stock(t, variation.id, a.id)).toBe(6);
  });

  it("refuses another tenant's warehouse as the restock place", async () => {
    const { t, id, itemId } = await shippedOrder();
    const other = await newTenant();
    const theirs = await other.warehouse();
    const result = (
      await query(t.key, ReturnRecordDocument, { input: { order: id, returnBy: 'customer_request', lines: [{ item: itemId, quantity: 1, warehouse: gid('Warehouse', theirs.id) }] } })
    ).orderReturn;
    expect(result).toMatchObject({ code: 'NOT_FOUND' });
    expect((await query(t.key, ReturnOrderStateDocument, { id })).order!.returns).toEqual([]);
  });

  it('restocks per line: into the warehouse a line names, or not at all', async () => {
    const { t, a, b, variation, id, itemId } = await shippedOrder();
    const result = await returnOf(t, {
      order: id,
      returnBy: 'customer_request',
      lines: [
        { item: itemId, quantity: 2, warehouse: gid('Warehouse', b.id) },
        { item: itemId, quantity: 1, restock: false },
      ],
    });
    expect(result.order.returns[0]!.lines).toEqual([
      { quantity: 2, restock: true, value: '20000.00', orderItem: { id: itemId }, warehouse: { id: gid('Warehouse', b.id) } },
      { quantity: 1, restock: false, value: '10000.00', orderItem: { id: itemId }, warehouse: null },
    ]);
    expect(result.order).toMatchObject({ returnStatus: 'PARTIAL', amountReturned: '30000.00' });
    expect(await stock(t, variation.id, a.id)).toBe(1);
    expect(await stock(t, variation.id, b.id)).toBe(6);
    const movements = await t.prisma.stockMovement.findMany({ where: { kind: 'RETURN', variationId: variation.id } });
    expect(movements.map((m) => ({ warehouseId: m.warehouseId, in: m.quantityIn }))).toEqual([{ warehouseId: b.id, in: 2 }]);
  });

  it('by default puts units back where they shipped from, counting off what came back before', async () => {
    // 5 units shipped from A (10 -> 5), 4 from B (4 -> 0).
    const { t, a, b, variation, id, itemId } = await shippedOrder({ allocations: (a, b) => [{ warehouse: a, quantity: 5 }, { warehouse: b, quantity: 4 }] });
    expect([await stock(t, variation.id, a.id), await stock(t, variation.id, b.id)]).toEqual([5, 0]);
    const first = await returnOf(t, { order: id, returnBy: 'customer_request', lines: [{ item: itemId, quantity: 6 }] });
    expect(first.order.returns[0]!.lines.map((l) => [l.quantity, l.warehouse?.id])).toEqual([
      [5, gid('Warehouse', a.id)],
      [1, gid('Warehouse', b.id)],
    ]);
    const second = await returnOf(t, { order: id, returnBy: 'customer_request', lines: [{ item: itemId, quantity: 2 }] });
    expect(second.order.returns[1]!.lines.map((l) => [l.quantity, l.warehouse?.id])).toEqual([[2, gid('Warehouse', b.id)]]);
    expect([await stock(t, variation.id, a.id), await stock(t, variation.id, b.id)]).toEqual([10, 3]);
    expect(second.order).toMatchObject({ status: 'SHIPPED', returnStatus: 'PARTIAL', amountReturned: '80000.00' });
  });

  it('values units of a discounted line so that the parts add up to the line total', async () => {
    const t = await newTenant();
    const a = await t.warehouse();
    const { variations } = await t.product({ variations: [{ price: '10000', stock: { [a.id]: 5 } }] });
    // 3 units for 10000.00 together: 3333.33, 3333.34, 3333.33 by cumulative rounding.
    const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: variations[0]!.id, quantity: 3, unitPrice: '3333.3333' }] });
    await t.prisma.orderItem.updateMany({ where: { orderId: order.id }, data: { lineTotal: '10000.00' } });
    await t.prisma.order.update({ where: { id: order.id }, data: { subtotal: '10000.00', grandTotal: '10000.00' } });
    const id = gid('Order', order.id);
    const itemId = gid('OrderItem', (await t.prisma.orderItem.findFirstOrThrow({ where: { orderId: order.id } })).id);
    await query(t.key, TransitionProcessDocument, { input: { order: id } });
    await query(t.key, TransitionShipDocument, { input: { order: id } });
    const values: string[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await returnOf(t, { order: id, returnBy: 'customer_request', lines: [{ item: itemId, quantity: 1 }] });
      values.push(result.order.returns[i]!.value);
    }
    expect(values).toEqual(['3333.33', '3333.34', '3333.33']);
    const state = (await query(t.key, ReturnOrderStateDocument, { id })).order!;
    expect(state).toMatchObject({ status: 'RETURNED', amountReturned: '10000.00', netTotal: '0.00' });
  });
});
