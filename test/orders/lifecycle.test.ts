// The order lifecycle through the API: the whole flow with stock, ledger, events
// and shipments checked at each step, cancel and return paths, cancellation
// requests, drafts, transfer orders and the bulk mutation.
import { describe, expect, it } from 'vitest';
import {
  TransitionBulkDocument,
  TransitionCancelDocument,
  TransitionCancellationApproveDocument,
  TransitionCancellationRejectDocument,
  TransitionCancellationRequestDocument,
  TransitionCompleteDocument,
  TransitionConfirmDocument,
  TransitionOrderStateDocument,
  TransitionPackDocument,
  TransitionProcessDocument,
  TransitionReturnDocument,
  TransitionSetPendingDocument,
  TransitionShipDocument,
  TransitionValidateDocument,
} from '../generated/graphql.js';
import { testApp } from '../support/app.js';
import { countStatements, execute, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function stock(t: TestTenant, variationId: number, warehouseId: number) {
  const level = await t.prisma.stockLevel.findUnique({ where: { variationId_warehouseId: { variationId, warehouseId } } });
  return { onHand: level?.onHand ?? 0, reserved: level?.reserved ?? 0 };
}

async function ledger(t: TestTenant, orderId: number) {
  const rows = await t.prisma.stockMovement.findMany({ where: { orderId }, orderBy: { id: 'asc' } });
  return rows.map((r) => ({ kind: r.kind, warehouseId: r.warehouseId, in: r.quantityIn, out: r.quantityOut, reserved: r.reservedDelta, balance: r.balance }));
}

async function events(t: TestTenant, orderId: number) {
  const rows = await t.prisma.orderEvent.findMany({ where: { orderId }, orderBy: { sequence: 'asc' } });
  return rows.map((e) => [e.sequence, e.type, e.fromStatus, e.toStatus]);
}

/** A tenant with one warehouse, one OWN variation with `onHand` units there, and an order for `quantity` of it. */
async function setup(options: { onHand?: number; quantity?: number; status?: Parameters<TestTenant['order']>[0]['status'] } = {}) {
  const t = await newTenant();
  const warehouse = await t.warehouse();
  const { variations } = await t.product({ variations: [{ stock: { [warehouse.id]: options.onHand ?? 10 } }] });
  const variation = variations[0]!;
  const order = await t.order({ status: options.status ?? 'PENDING', items: [{ variationId: variation.id, quantity: options.quantity ?? 3 }] });
  return { t, warehouse, variation, order, id: gid('Order', order.id) };
}

describe('order lifecycle', () => {
  it('runs confirm -> process -> pack -> ship -> complete with stock, ledger, events and shipment at each step', async () => {
    const { t, warehouse, variation, order, id } = await setup({ onHand: 10, quantity: 3 });
    const courier = await t.courier();
    const { app } = await testApp();
    const live = app.events.subscribe('orderStatusChanged', t.id);

    const confirmed = await query(t.key, TransitionConfirmDocument, { input: { order: id, expectedVersion: 1, note: 'paid' } });
    if (confirmed.orderConfirm.__typename !== 'OrderConfirmPayload') throw new Error(confirmed.orderConfirm.__typename);
    expect(confirmed.orderConfirm.order).toMatchObject({ status: 'CONFIRMED', version: 2 });
    expect(confirmed.orderConfirm.order.confirmedAt).toBeTruthy();
    expect(confirmed.orderConfirm.event).toMatchObject({ sequence: 1, type: 'confirm', fromStatus: 'PENDING', toStatus: 'CONFIRMED', note: 'paid', actor: 'key:test' });
    expect(confirmed.orderConfirm.order.availableTransitions.map((a) => a.name)).toEqual(['SET_PENDING', 'PROCESS', 'CANCEL']);
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 10, reserved: 0 });
    expect((await live.next()).value).toMatchObject({ orderId: order.id, transition: 'confirm', from: 'PENDING', to: 'CONFIRMED', sequence: 1 });

    const processed = await query(t.key, TransitionProcessDocument, { input: { order: id } });
    if (processed.orderProcess.__typename !== 'OrderProcessPayload') throw new Error(processed.orderProcess.__typename);
    expect(processed.orderProcess.order).toMatchObject({ status: 'PROCESSING', version: 3 });
    expect(processed.orderProcess.event).toMatchObject({ sequence: 2, type: 'process' });
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 10, reserved: 3 });
    expect(await ledger(t, order.id)).toEqual([{ kind: 'RESERVATION', warehouseId: warehouse.id, in: 0, out: 0, reserved: 3, balance: 10 }]);
    expect(await t.prisma.orderItemAllocation.findMany({ where: { orderItem: { orderId: order.id } }, select: { warehouseId: true, quantity: true } })).toEqual([
      { warehouseId: warehouse.id, quantity: 3 },
    ]);

    const packed = await query(t.key, TransitionPackDocument, { input: { order: id, pickupOption: 'EARLY_PICKUP' } });
    if (packed.orderPack.__typename !== 'OrderPackPayload') throw new Error(packed.orderPack.__typename);
    expect(packed.orderPack.order).toMatchObject({ status: 'PACKED', pickupOption: 'EARLY_PICKUP', version: 4 });
    expect(packed.orderPack.order.packedAt).toBeTruthy();

    const shipped = await query(t.key, TransitionShipDocument, {
      input: { order: id, courier: gid('Courier', courier.id), serviceName: 'REG', trackingNumber: 'AWB12345' },
    });
    if (shipped.orderShip.__typename !== 'OrderShipPayload') throw new Error(shipped.orderShip.__typename);
    expect(shipped.orderShip.order.status).toBe('SHIPPED');
    expect(shipped.orderShip.order.shipments).toEqual([
      expect.objectContaining({
        status: 'IN_TRANSIT',
        trackingNumber: 'AWB12345',
        serviceName: 'REG',
        courier: { id: gid('Courier', courier.id) },
        warehouse: { id: gid('Warehouse', warehouse.id) },
      }),
    ]);
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 7, reserved: 0 });
    expect((await ledger(t, order.id)).at(-1)).toEqual({ kind: 'SHIPMENT', warehouseId: warehouse.id, in: 0, out: 3, reserved: -3, balance: 7 });

    const completed = await query(t.key, TransitionCompleteDocument, { input: { order: id } });
    if (completed.orderComplete.__typename !== 'OrderCompletePayload') throw new Error(completed.orderComplete.__typename);
    expect(completed.orderComplete.order).toMatchObject({ status: 'COMPLETED', version: 6 });
    expect(completed.orderComplete.order.availableTransitions.map((a) => a.name)).toEqual(['RETURN']);
    expect(await events(t, order.id)).toEqual([
      [1, 'confirm', 'PENDING', 'CONFIRMED'],
      [2, 'process', 'CONFIRMED', 'PROCESSING'],
      [3, 'pack', 'PROCESSING', 'PACKED'],
      [4, 'ship', 'PACKED', 'SHIPPED'],
      [5, 'complete', 'SHIPPED', 'COMPLETED'],
    ]);
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 7, reserved: 0 });
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await live.next()).value.transition);
    expect(seen).toEqual(['process', 'pack', 'ship', 'complete']);
    await live.return?.();
  });

  it('cancels before allocation without touching stock, and records reason, note and who', async () => {
    const { t, warehouse, variation, order, id } = await setup({ status: 'CONFIRMED' });
    const result = await query(t.key, TransitionCancelDocument, { input: { order: id, reason: 'CUSTOMER_REQUEST', note: 'wrong size' } });
    if (result.orderCancel.__typename !== 'OrderCancelPayload') throw new Error(result.orderCancel.__typename);
    expect(result.orderCancel.order).toMatchObject({ status: 'CANCELLED', cancelReason: 'CUSTOMER_REQUEST', cancelNote: 'wrong size', cancelledBy: 'key:test' });
    expect(result.orderCancel.order.availableTransitions).toEqual([]);
    expect(result.orderCancel.event).toMatchObject({ type: 'cancel', reason: 'CUSTOMER_REQUEST', note: 'wrong size' });
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 10, reserved: 0 });
    expect(await ledger(t, order.id)).toEqual([]);
  });

  it('cancels after allocation and releases the reservation', async () => {
    const { t, warehouse, variation, order, id } = await setup({ status: 'CONFIRMED', quantity: 4 });
    await query(t.key, TransitionProcessDocument, { input: { order: id } });
    await query(t.key, TransitionPackDocument, { input: { order: id } });
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 10, reserved: 4 });
    const result = await query(t.key, TransitionCancelDocument, { input: { order: id, reason: 'OUT_OF_STOCK' } });
    expect(result.orderCancel.__typename).toBe('OrderCancelPayload');
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 10, reserved: 0 });
    expect((await ledger(t, order.id)).map((r) => [r.kind, r.reserved])).toEqual([
      ['RESERVATION', 4],
      ['RELEASE', -4],
    ]);
    expect(await t.prisma.orderItemAllocation.count({ where: { orderItem: { orderId: order.id } } })).toBe(0);
  });

  it('requires a cancel reason and reports it as a validation problem', async () => {
    const { t, id } = await setup();
    const result = await query(t.key, TransitionSetPendingDocument, { input: { order: id, reason: '  ' } });
    expect(result.orderSetPending).toMatchObject({ __typename: 'ValidationError' });
  });

  it('puts a processing order back to pending with a reason and releases its stock', async () => {
    const { t, warehouse, variation, order, id } = await setup({ status: 'CONFIRMED', quantity: 2 });
    await query(t.key, TransitionProcessDocument, { input: { order: id } });
    const result = await query(t.key, TransitionSetPendingDocument, { input: { order: id, reason: 'waiting for payment' } });
    if (result.orderSetPending.__typename !== 'OrderSetPendingPayload') throw new Error(result.orderSetPending.__typename);
    expect(result.orderSetPending.order.status).toBe('PENDING');
    expect(result.orderSetPending.event).toMatchObject({ type: 'setPending', reason: 'waiting for payment', fromStatus: 'PROCESSING', toStatus: 'PENDING' });
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 10, reserved: 0 });
    // And it can go round again.
    await query(t.key, TransitionConfirmDocument, { input: { order: id } });
    await query(t.key, TransitionProcessDocument, { input: { order: id } });
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 10, reserved: 2 });
    expect((await events(t, order.id)).map((e) => e[1])).toEqual(['process', 'setPending', 'confirm', 'process']);
  });

  it('returns a shipped order with restock: units back on hand where they shipped from', async () => {
    const { t, warehouse, variation, order, id } = await setup({ status: 'CONFIRMED', quantity: 3 });
    await query(t.key, TransitionProcessDocument, { input: { order: id } });
    await query(t.key, TransitionShipDocument, { input: { order: id, trackingNumber: 'AWB1' } });
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 7, reserved: 0 });
    const item = await t.prisma.orderItem.findFirstOrThrow({ where: { orderId: order.id } });
    const result = await query(t.key, TransitionReturnDocument, {
      input: { order: id, returnBy: 'customer_request', reason: 'wrong size', lines: [{ item: gid('OrderItem', item.id), quantity: 2 }] },
    });
    if (result.orderReturn.__typename !== 'OrderReturnPayload') throw new Error(JSON.stringify(result.orderReturn));
    // 2 of 3 units came back: the order stays SHIPPED, partly returned.
    expect(result.orderReturn.order.status).toBe('SHIPPED');
    expect(result.orderReturn.order.returnedAt).toBeNull();
    expect(result.orderReturn.order.returns).toEqual([
      {
        returnBy: 'customer_request',
        reason: 'wrong size',
        restock: true,
        lines: [{ quantity: 2, orderItem: { id: gid('OrderItem', item.id) }, warehouse: { id: gid('Warehouse', warehouse.id) } }],
      },
    ]);
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 9, reserved: 0 });
    expect((await ledger(t, order.id)).at(-1)).toEqual({ kind: 'RETURN', warehouseId: warehouse.id, in: 2, out: 0, reserved: 0, balance: 9 });
  });

  it('returns a completed order without restock: the return is recorded, stock stays', async () => {
    const { t, warehouse, variation, order, id } = await setup({ status: 'CONFIRMED', quantity: 3 });
    await query(t.key, TransitionProcessDocument, { input: { order: id } });
    await query(t.key, TransitionShipDocument, { input: { order: id } });
    await query(t.key, TransitionCompleteDocument, { input: { order: id } });
    const result = await query(t.key, TransitionReturnDocument, { input: { order: id, returnBy: 'customer_request', restock: false } });
    if (result.orderReturn.__typename !== 'OrderReturnPayload') throw new Error(JSON.stringify(result.orderReturn));
    expect(result.orderReturn.order.returns[0]).toMatchObject({ restock: false, lines: [{ quantity: 3, warehouse: null }] });
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 7, reserved: 0 });
    expect((await ledger(t, order.id)).map((r) => r.kind)).toEqual(['RESERVATION', 'SHIPMENT']);
  });

  it('refuses to return more units than were shipped, writing nothing', async () => {
    const { t, order, id } = await setup({ status: 'CONFIRMED', quantity: 3 });
    await query(t.key, TransitionProcessDocument, { input: { order: id } });
    await query(t.key, TransitionShipDocument, { input: { order: id } });
    const item = await t.prisma.orderItem.findFirstOrThrow({ where: { orderId: order.id } });
    const result = await query(t.key, TransitionReturnDocument, {
      input: { order: id, returnBy: 'customer_request', lines: [{ item: gid('OrderItem', item.id), quantity: 4 }] },
    });
    expect(result.orderReturn).toMatchObject({ __typename: 'ReturnExceedsShippedError', code: 'RETURN_EXCEEDS_SHIPPED', shipped: 3, returned: 0, requested: 4 });
    const state = await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(state.status).toBe('SHIPPED');
    expect(await t.prisma.orderReturn.count({ where: { orderId: order.id } })).toBe(0);
  });

  it('allocates explicitly across two warehouses, ships one shipment per warehouse', async () => {
    const t = await newTenant();
    const a = await t.warehouse();
    const b = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [a.id]: 2, [b.id]: 5 } }] });
    const v = variations[0]!;
    const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: v.id, quantity: 4 }] });
    const item = await t.prisma.orderItem.findFirstOrThrow({ where: { orderId: order.id } });
    const id = gid('Order', order.id);
    const wrong = await query(t.key, TransitionProcessDocument, {
      input: { order: id, allocations: [{ item: gid('OrderItem', item.id), warehouse: gid('Warehouse', a.id), quantity: 1 }] },
    });
    expect(wrong.orderProcess).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['allocations'] }] });
    const result = await query(t.key, TransitionProcessDocument, {
      input: {
        order: id,
        allocations: [
          { item: gid('OrderItem', item.id), warehouse: gid('Warehouse', a.id), quantity: 1 },
          { item: gid('OrderItem', item.id), warehouse: gid('Warehouse', b.id), quantity: 3 },
        ],
      },
    });
    expect(result.orderProcess.__typename).toBe('OrderProcessPayload');
    expect(await stock(t, v.id, a.id)).toEqual({ onHand: 2, reserved: 1 });
    expect(await stock(t, v.id, b.id)).toEqual({ onHand: 5, reserved: 3 });
    const shipped = await query(t.key, TransitionShipDocument, { input: { order: id } });
    if (shipped.orderShip.__typename !== 'OrderShipPayload') throw new Error(shipped.orderShip.__typename);
    expect(shipped.orderShip.order.shipments.map((s) => s.warehouse?.id).sort()).toEqual([gid('Warehouse', a.id), gid('Warehouse', b.id)].sort());
    expect(await stock(t, v.id, a.id)).toEqual({ onHand: 1, reserved: 0 });
    expect(await stock(t, v.id, b.id)).toEqual({ onHand: 2, reserved: 0 });
  });

  it('adds up two explicit allocations of one line to one warehouse', async () => {
    const t = await newTenant();
    const a = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [a.id]: 5 } }] });
    const v = variations[0]!;
    const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: v.id, quantity: 3 }] });
    const item = await t.prisma.orderItem.findFirstOrThrow({ where: { orderId: order.id } });
    const line = { item: gid('OrderItem', item.id), warehouse: gid('Warehouse', a.id) };
    const result = await query(t.key, TransitionProcessDocument, {
      input: { order: gid('Order', order.id), allocations: [{ ...line, quantity: 1 }, { ...line, quantity: 2 }] },
    });
    expect(result.orderProcess.__typename).toBe('OrderProcessPayload');
    expect(await t.prisma.orderItemAllocation.findMany({ where: { orderItemId: item.id }, select: { warehouseId: true, quantity: true } })).toEqual([{ warehouseId: a.id, quantity: 3 }]);
    expect(await stock(t, v.id, a.id)).toEqual({ onHand: 5, reserved: 3 });
    const movements = await t.prisma.stockMovement.findMany({ where: { orderId: order.id }, orderBy: { id: 'asc' }, select: { kind: true, reservedDelta: true } });
    expect(movements).toEqual([
      { kind: 'RESERVATION', reservedDelta: 1 },
      { kind: 'RESERVATION', reservedDelta: 2 },
    ]);
  });

  it('allocates by strategy: the warehouse with most available first, split when one is not enough', async () => {
    const t = await newTenant();
    const small = await t.warehouse();
    const big = await t.warehouse();
    const closed = await t.warehouse({ isActive: false });
    const { variations } = await t.product({ variations: [{ stock: { [small.id]: 3, [big.id]: 4, [closed.id]: 100 } }] });
    const v = variations[0]!;
    const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: v.id, quantity: 6 }] });
    const result = await query(t.key, TransitionProcessDocument, { input: { order: gid('Order', order.id) } });
    expect(result.orderProcess.__typename).toBe('OrderProcessPayload');
    expect(await stock(t, v.id, big.id)).toEqual({ onHand: 4, reserved: 4 });
    expect(await stock(t, v.id, small.id)).toEqual({ onHand: 3, reserved: 2 });
    expect(await stock(t, v.id, closed.id)).toEqual({ onHand: 100, reserved: 0 });
  });

  it('uses the order origin warehouse when it has one', async () => {
    const t = await newTenant();
    const origin = await t.warehouse();
    const other = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [origin.id]: 2, [other.id]: 50 } }] });
    const v = variations[0]!;
    const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: v.id, quantity: 2 }] });
    await t.prisma.order.update({ where: { id: order.id }, data: { originWarehouseId: origin.id } });
    await query(t.key, TransitionProcessDocument, { input: { order: gid('Order', order.id) } });
    expect(await stock(t, v.id, origin.id)).toEqual({ onHand: 2, reserved: 2 });
    expect(await stock(t, v.id, other.id)).toEqual({ onHand: 50, reserved: 0 });
  });

  it('fails process with InsufficientStockError and writes nothing when stock is short', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [w.id]: 5 } }, { stock: { [w.id]: 1 } }] });
    const order = await t.order({
      status: 'CONFIRMED',
      items: [
        { variationId: variations[0]!.id, quantity: 2 },
        { variationId: variations[1]!.id, quantity: 3 },
      ],
    });
    const { app } = await testApp();
    const liveStatus = app.events.subscribe('orderStatusChanged', t.id);
    const liveStock = app.events.subscribe('stockLevelChanged', t.id);
    const result = await query(t.key, TransitionProcessDocument, { input: { order: gid('Order', order.id) } });
    expect(result.orderProcess).toMatchObject({
      __typename: 'InsufficientStockError',
      code: 'INSUFFICIENT_STOCK',
      variationId: gid('Variation', variations[1]!.id),
      // The line's own figures: it needs 3 and 1 is there (not the leftovers of a split: 2 and 0).
      warehouseId: gid('Warehouse', w.id),
      requested: 3,
      available: 1,
    });
    // The first line's reservation was rolled back with everything else.
    expect(await stock(t, variations[0]!.id, w.id)).toEqual({ onHand: 5, reserved: 0 });
    expect(await stock(t, variations[1]!.id, w.id)).toEqual({ onHand: 1, reserved: 0 });
    const state = await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(state).toMatchObject({ status: 'CONFIRMED', version: 1, processedAt: null });
    expect(await events(t, order.id)).toEqual([]);
    expect(await ledger(t, order.id)).toEqual([]);
    // Nothing of the rolled-back attempt went live: the first events are those of the next success.
    const next = await t.order({ status: 'CONFIRMED', items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    await query(t.key, TransitionProcessDocument, { input: { order: gid('Order', next.id) } });
    expect((await liveStatus.next()).value).toMatchObject({ orderId: next.id, transition: 'process' });
    expect((await liveStock.next()).value).toMatchObject({ variationId: variations[0]!.id, onHand: 5, reserved: 1 });
    await liveStatus.return?.();
    await liveStock.return?.();
  });

  it('reserves nothing for supplier and preorder products', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const own = (await t.product({ variations: [{ stock: { [w.id]: 5 } }] })).variations[0]!;
    const supplier = (await t.product({ stockType: 'SUPPLIER' })).variations[0]!;
    const order = await t.order({
      status: 'CONFIRMED',
      items: [
        { variationId: own.id, quantity: 1 },
        { variationId: supplier.id, quantity: 7 },
      ],
    });
    const id = gid('Order', order.id);
    await query(t.key, TransitionProcessDocument, { input: { order: id } });
    await query(t.key, TransitionShipDocument, { input: { order: id } });
    expect(await stock(t, own.id, w.id)).toEqual({ onHand: 4, reserved: 0 });
    expect(await t.prisma.stockLevel.count({ where: { variationId: supplier.id } })).toBe(0);
  });

  it("refuses another tenant's courier and warehouse as not found, writing nothing", async () => {
    const { t, order, id } = await setup({ status: 'CONFIRMED' });
    const other = await newTenant();
    const theirCourier = await other.courier();
    const theirWarehouse = await other.warehouse();
    const item = await t.prisma.orderItem.findFirstOrThrow({ where: { orderId: order.id } });
    const process = await query(t.key, TransitionProcessDocument, {
      input: { order: id, allocations: [{ item: gid('OrderItem', item.id), warehouse: gid('Warehouse', theirWarehouse.id), quantity: 3 }] },
    });
    expect(process.orderProcess).toMatchObject({ __typename: 'NotFoundError' });
    await query(t.key, TransitionProcessDocument, { input: { order: id } });
    const ship = await query(t.key, TransitionShipDocument, { input: { order: id, courier: gid('Courier', theirCourier.id) } });
    expect(ship.orderShip).toMatchObject({ __typename: 'NotFoundError' });
    expect(await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'PROCESSING', version: 2 });
    expect(await t.prisma.shipment.count({ where: { orderId: order.id } })).toBe(0);
  });

  it('refuses an allocation naming a line of another order', async () => {
    const { t, variation, id } = await setup({ status: 'CONFIRMED' });
    const otherOrder = await t.order({ items: [{ variationId: variation.id, quantity: 3 }] });
    const foreign = await t.prisma.orderItem.findFirstOrThrow({ where: { orderId: otherOrder.id } });
    const w = await t.warehouse();
    const result = await query(t.key, TransitionProcessDocument, {
      input: { order: id, allocations: [{ item: gid('OrderItem', foreign.id), warehouse: gid('Warehouse', w.id), quantity: 3 }] },
    });
    expect(result.orderProcess).toMatchObject({ __typename: 'ValidationError' });
    if (result.orderProcess.__typename !== 'ValidationError') return;
    expect(result.orderProcess.problems.map((p) => p.path.join('.'))).toEqual(expect.arrayContaining(['allocations.0.item', 'allocations']));
  });

  it('reuses a shipment made before shipping for the same warehouse', async () => {
    const { t, warehouse, order, id } = await setup({ status: 'CONFIRMED' });
    await query(t.key, TransitionProcessDocument, { input: { order: id } });
    await t.shipment({ orderId: order.id, warehouseId: warehouse.id, status: 'READY_TO_SHIP', trackingNumber: 'EARLY-AWB' });
    const shipped = await query(t.key, TransitionShipDocument, { input: { order: id } });
    if (shipped.orderShip.__typename !== 'OrderShipPayload') throw new Error(shipped.orderShip.__typename);
    expect(shipped.orderShip.order.shipments).toEqual([expect.objectContaining({ status: 'IN_TRANSIT', trackingNumber: 'EARLY-AWB' })]);
  });

  it('rejects a stale expectedVersion with VersionConflictError and changes nothing', async () => {
    const { t, order, id } = await setup();
    const result = await query(t.key, TransitionConfirmDocument, { input: { order: id, expectedVersion: 7 } });
    expect(result.orderConfirm).toMatchObject({ __typename: 'VersionConflictError', expectedVersion: 7, actualVersion: 1 });
    expect(await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'PENDING', version: 1 });
  });

  it("does not find another tenant's order", async () => {
    const { id } = await setup();
    const other = await newTenant();
    const result = await query(other.key, TransitionConfirmDocument, { input: { order: id } });
    expect(result.orderConfirm).toMatchObject({ __typename: 'NotFoundError' });
  });

  it('only lets a draft be cancelled', async () => {
    const { t, order, id } = await setup();
    await t.prisma.order.update({ where: { id: order.id }, data: { isDraft: true } });
    const state = await query(t.key, TransitionOrderStateDocument, { id });
    expect(state.node).toMatchObject({ availableTransitions: [{ name: 'CANCEL' }] });
    const confirm = await query(t.key, TransitionConfirmDocument, { input: { order: id } });
    expect(confirm.orderConfirm).toMatchObject({ __typename: 'OrderIsDraftError', code: 'ORDER_IS_DRAFT' });
    const cancel = await query(t.key, TransitionCancelDocument, { input: { order: id, reason: 'DUPLICATE_ORDER' } });
    expect(cancel.orderCancel).toMatchObject({ __typename: 'OrderCancelPayload', order: { status: 'CANCELLED' } });
  });

  it('validates a transfer order: shipped units are booked into the destination warehouse', async () => {
    const t = await newTenant();
    const origin = await t.warehouse();
    const destination = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [origin.id]: 10 } }] });
    const v = variations[0]!;
    const order = await t.order({ kind: 'RELOCATION', status: 'CONFIRMED', items: [{ variationId: v.id, quantity: 4 }] });
    await t.prisma.order.update({ where: { id: order.id }, data: { originWarehouseId: origin.id, destinationWarehouseId: destination.id } });
    const id = gid('Order', order.id);
    await query(t.key, TransitionProcessDocument, { input: { order: id } });
    const shipped = await query(t.key, TransitionShipDocument, { input: { order: id } });
    if (shipped.orderShip.__typename !== 'OrderShipPayload') throw new Error(shipped.orderShip.__typename);
    // A transfer is received, never just completed (its units would be lost in transit).
    expect(shipped.orderShip.order.availableTransitions.map((a) => a.name)).toEqual(['VALIDATE']);
    const result = await query(t.key, TransitionValidateDocument, { input: { order: id } });
    expect(result.orderValidate).toMatchObject({ __typename: 'OrderValidatePayload', order: { status: 'COMPLETED' }, event: { type: 'validate' } });
    expect(await stock(t, v.id, origin.id)).toEqual({ onHand: 6, reserved: 0 });
    expect(await stock(t, v.id, destination.id)).toEqual({ onHand: 4, reserved: 0 });
    // A transfer is not returned through `return` (that is a RETURN order of its own).
    const ret = await query(t.key, TransitionReturnDocument, { input: { order: id, returnBy: 'x' } });
    expect(ret.orderReturn).toMatchObject({ __typename: 'InvalidTransitionError', allowed: [] });
  });

  it('confirms and completes in one statement each, and refuses with nothing written what the statement does not move', async () => {
    const { t, order, id } = await setup();
    const framing = (statements: string[]) => statements.filter((s) => /^\s*(BEGIN|COMMIT)\b/i.test(s));
    const confirmed = await countStatements(() => query(t.key, TransitionConfirmDocument, { input: { order: id, note: 'paid' } }));
    expect(confirmed.result.orderConfirm).toMatchObject({ __typename: 'OrderConfirmPayload', order: { status: 'CONFIRMED', version: 2 }, event: { type: 'confirm', note: 'paid' } });
    // No BEGIN or COMMIT (PostgreSQL shows them; PGlite's transactions do not): the order's row is held only while the statement runs.
    expect(framing(confirmed.statements)).toEqual([]);
    expect(confirmed.statements.filter((s) => s.includes('UPDATE "Order"'))).toHaveLength(1);
    expect(await events(t, order.id)).toEqual([[1, 'confirm', 'PENDING', 'CONFIRMED']]);
    // A transfer is received, not completed; a draft is only cancelled: refused by the statement's own conditions.
    const transfer = await t.order({ kind: 'RELOCATION', status: 'SHIPPED', items: [] });
    const complete = await query(t.key, TransitionCompleteDocument, { input: { order: gid('Order', transfer.id) } });
    expect(complete.orderComplete).toMatchObject({ __typename: 'InvalidTransitionError', transition: 'complete', from: 'SHIPPED', allowed: [] });
    const draft = await t.order({ status: 'SHIPPED', items: [] });
    await t.prisma.order.update({ where: { id: draft.id }, data: { isDraft: true } });
    const completeDraft = await query(t.key, TransitionCompleteDocument, { input: { order: gid('Order', draft.id) } });
    expect(completeDraft.orderComplete).toMatchObject({ __typename: 'OrderIsDraftError' });
    for (const refused of [transfer, draft]) {
      expect(await t.prisma.order.findUniqueOrThrow({ where: { id: refused.id }, select: { status: true, version: true } })).toEqual({ status: 'SHIPPED', version: 1 });
      expect(await events(t, refused.id)).toEqual([]);
    }
  });

  it('refuses validate on a sale', async () => {
    const { t, id } = await setup({ status: 'SHIPPED' });
    const result = await query(t.key, TransitionValidateDocument, { input: { order: id } });
    expect(result.orderValidate).toMatchObject({ __typename: 'InvalidTransitionError', transition: 'validate', from: 'SHIPPED', allowed: [] });
  });
});

describe('cancellation requests', () => {
  it('approving a request cancels the order with its reason and releases stock', async () => {
    const { t, warehouse, variation, order, id } = await setup({ status: 'CONFIRMED', quantity: 2 });
    await query(t.key, TransitionProcessDocument, { input: { order: id } });
    const requested = await query(t.key, TransitionCancellationRequestDocument, {
      input: { order: id, reason: 'CUSTOMER_REQUEST', note: 'changed mind', requestedBy: 'CHANNEL' },
    });
    if (requested.orderCancellationRequest.__typename !== 'OrderCancellationRequestPayload') throw new Error(requested.orderCancellationRequest.__typename);
    expect(requested.orderCancellationRequest.order.status).toBe('PROCESSING');
    expect(requested.orderCancellationRequest.cancellationRequest).toMatchObject({ status: 'REQUESTED', reason: 'CUSTOMER_REQUEST', requestedBy: 'CHANNEL' });
    const again = await query(t.key, TransitionCancellationRequestDocument, { input: { order: id, reason: 'OTHER' } });
    expect(again.orderCancellationRequest).toMatchObject({ __typename: 'CancellationRequestOpenError', requestId: requested.orderCancellationRequest.cancellationRequest.id });

    const approved = await query(t.key, TransitionCancellationApproveDocument, { input: { order: id } });
    if (approved.orderCancellationApprove.__typename !== 'OrderCancellationApprovePayload') throw new Error(approved.orderCancellationApprove.__typename);
    expect(approved.orderCancellationApprove.order).toMatchObject({ status: 'CANCELLED', cancelReason: 'CUSTOMER_REQUEST', cancelNote: 'changed mind' });
    expect(approved.orderCancellationApprove.cancellationRequest).toMatchObject({ status: 'APPROVED', decidedBy: 'key:test' });
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 10, reserved: 0 });
    expect(await events(t, order.id)).toEqual([
      [1, 'process', 'CONFIRMED', 'PROCESSING'],
      [2, 'cancellationRequest', 'PROCESSING', 'PROCESSING'],
      [3, 'cancel', 'PROCESSING', 'CANCELLED'],
    ]);
    const late = await query(t.key, TransitionCancellationRejectDocument, { input: { order: id } });
    expect(late.orderCancellationReject).toMatchObject({ __typename: 'InvalidTransitionError' });
  });

  it('rejecting a request leaves the order going on', async () => {
    const { t, order, id } = await setup({ status: 'CONFIRMED' });
    const none = await query(t.key, TransitionCancellationRejectDocument, { input: { order: id } });
    expect(none.orderCancellationReject).toMatchObject({ __typename: 'NoOpenCancellationRequestError' });
    await query(t.key, TransitionCancellationRequestDocument, { input: { order: id, reason: 'PAYMENT_FAILED' } });
    const rejected = await query(t.key, TransitionCancellationRejectDocument, { input: { order: id, note: 'already paid' } });
    if (rejected.orderCancellationReject.__typename !== 'OrderCancellationRejectPayload') throw new Error(rejected.orderCancellationReject.__typename);
    expect(rejected.orderCancellationReject.order.status).toBe('CONFIRMED');
    expect(rejected.orderCancellationReject.cancellationRequest).toMatchObject({ status: 'REJECTED', decidedBy: 'key:test' });
    expect((await events(t, order.id)).map((e) => e[1])).toEqual(['cancellationRequest', 'cancellationReject']);
    const processed = await query(t.key, TransitionProcessDocument, { input: { order: id } });
    expect(processed.orderProcess.__typename).toBe('OrderProcessPayload');
  });

  it('refuses a request after shipping (return instead)', async () => {
    const { t, id } = await setup({ status: 'SHIPPED' });
    const result = await query(t.key, TransitionCancellationRequestDocument, { input: { order: id, reason: 'OTHER' } });
    expect(result.orderCancellationRequest).toMatchObject({ __typename: 'InvalidTransitionError', from: 'SHIPPED' });
  });
});

describe('ordersTransition (bulk)', () => {
  it('runs per order: successes are kept, failures are typed and change nothing', async () => {
    const t = await newTenant();
    const w = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [w.id]: 3 } }] });
    const v = variations[0]!;
    const a = await t.order({ status: 'CONFIRMED', items: [{ variationId: v.id, quantity: 2 }] });
    const b = await t.order({ status: 'CONFIRMED', items: [{ variationId: v.id, quantity: 2 }] });
    const c = await t.order({ status: 'PENDING', items: [{ variationId: v.id, quantity: 1 }] });
    const ids = [a, b, c].map((o) => gid('Order', o.id));
    const result = await query(t.key, TransitionBulkDocument, { orders: [...ids, gid('Warehouse', w.id)], transition: 'PROCESS' });
    if (result.ordersTransition.__typename !== 'OrdersTransitionPayload') throw new Error(result.ordersTransition.__typename);
    expect(result.ordersTransition).toMatchObject({ succeeded: 1, failed: 3 });
    expect(result.ordersTransition.results.map((r) => [r.success, r.order?.status ?? null, r.error?.__typename ?? null])).toEqual([
      [true, 'PROCESSING', null],
      [false, null, 'InsufficientStockError'],
      [false, null, 'InvalidTransitionError'],
      [false, null, 'NotFoundError'],
    ]);
    expect(await stock(t, v.id, w.id)).toEqual({ onHand: 3, reserved: 2 });
    expect(await t.prisma.order.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: 'CONFIRMED', version: 1 });
  });

  it('packs many orders with one pickup option (seed 001 bulk packing)', async () => {
    const t = await newTenant();
    const { variations } = await t.product({ stockType: 'SUPPLIER' });
    const orders = await Promise.all([1, 2, 3].map(() => t.order({ status: 'PROCESSING', items: [{ variationId: variations[0]!.id, quantity: 1 }] })));
    const result = await query(t.key, TransitionBulkDocument, {
      orders: orders.map((o) => gid('Order', o.id)),
      transition: 'PACK',
      input: { pickupOption: 'LATE_PICKUP' },
    });
    expect(result.ordersTransition).toMatchObject({ succeeded: 3, failed: 0 });
    expect(await t.prisma.order.count({ where: { tenantId: t.id, status: 'PACKED', pickupOption: 'LATE_PICKUP' } })).toBe(3);
  });

  it("checks the transition's roles: a warehouse key may bulk-pack but not bulk-cancel", async () => {
    const { t, order, id } = await setup({ status: 'PROCESSING' });
    const warehouseKey = await t.apiKey('WAREHOUSE');
    const cancel = await execute(warehouseKey, TransitionBulkDocument, { orders: [id], transition: 'CANCEL', input: { cancelReason: 'OTHER' } });
    expect(cancel.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'PROCESSING', version: 1 });
    const pack = await query(warehouseKey, TransitionBulkDocument, { orders: [id], transition: 'PACK' });
    expect(pack.ordersTransition).toMatchObject({ succeeded: 1 });
  });

  it('reports missing required input per order and refuses more than 100 ids', async () => {
    const { t, id } = await setup();
    const missing = await query(t.key, TransitionBulkDocument, { orders: [id], transition: 'CANCEL' });
    expect(missing.ordersTransition).toMatchObject({ failed: 1, results: [{ error: { __typename: 'ValidationError' } }] });
    const many = await query(t.key, TransitionBulkDocument, { orders: Array.from({ length: 101 }, () => id), transition: 'CONFIRM' });
    expect(many.ordersTransition).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['orders'] }] });
  });
});
