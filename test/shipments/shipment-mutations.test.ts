import { describe, expect, it, vi } from 'vitest';
import {
  ShipmentCreateDocument,
  ShipmentLabelMarkPrintedDocument,
  ShipmentPickupCancelDocument,
  ShipmentPickupRequestDocument,
  ShipmentSetTrackingDocument,
  ShipmentTrackingAppendDocument,
} from '../generated/graphql.js';
import type { OrderStatus, ShipmentStatus } from '../generated/graphql.js';
import { execute, query } from '../support/execute.js';
import { testApp } from '../support/app.js';
import { newTenant, type TestTenant } from '../support/tenant.js';
import { SHIPMENT_ACTIONS, SHIPPABLE_ORDER_STATUSES, courierStatusToShipmentStatus } from '../../src/shipments/shipment-lifecycle.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');
const ALL_ORDER_STATUSES: OrderStatus[] = ['PENDING', 'CONFIRMED', 'PROCESSING', 'PACKED', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'RETURNED'];
const ALL_SHIPMENT_STATUSES: ShipmentStatus[] = ['PENDING', 'READY_TO_SHIP', 'PICKUP_REQUESTED', 'IN_TRANSIT', 'DELIVERED', 'RETURNED', 'CANCELLED'];

async function orderOf(t: TestTenant, status: OrderStatus = 'PACKED') {
  const { variations } = await t.product({ variations: [{ price: '5000' }] });
  const order = await t.order({ status, items: [{ variationId: variations[0]!.id, quantity: 2 }] });
  return order;
}

/** A shipment of a PACKED order, with an active courier. */
async function shipmentOf(t: TestTenant, data: { status?: ShipmentStatus; withCourier?: boolean } = {}) {
  const order = await orderOf(t);
  const courier = await t.courier({ code: `jne-${order.id}`, name: 'JNE' });
  const shipment = await t.shipment({ orderId: order.id, courierId: data.withCourier === false ? undefined : courier.id, status: data.status ?? 'READY_TO_SHIP' });
  return { order, courier, shipment, shipmentGid: gid('Shipment', shipment.id) };
}

describe('shipmentCreate', () => {
  it.each(ALL_ORDER_STATUSES)('for an order that is %s succeeds exactly when shipments are allowed', async (status) => {
    const t = await newTenant();
    const order = await orderOf(t, status);
    const warehouse = await t.warehouse({ code: 'GDG-BDG' });
    const result = (await query(t.key, ShipmentCreateDocument, { input: { order: gid('Order', order.id), warehouse: gid('Warehouse', warehouse.id) } }))
      .shipmentCreate;
    if (SHIPPABLE_ORDER_STATUSES.includes(status)) {
      expect(result.__typename).toBe('ShipmentCreatePayload');
      expect(await t.prisma.shipment.count({ where: { orderId: order.id } })).toBe(1);
    } else {
      expect(result).toMatchObject({ __typename: 'OrderNotShippableError', code: 'ORDER_NOT_SHIPPABLE', orderStatus: status, allowedOrderStatuses: ['PROCESSING', 'PACKED', 'SHIPPED'] });
      expect(await t.prisma.shipment.count({ where: { orderId: order.id } })).toBe(0);
    }
  });

  it('creates several shipments per order, one per warehouse, READY_TO_SHIP when the tracking number is known', async () => {
    const t = await newTenant();
    const order = await orderOf(t, 'PROCESSING');
    const jakarta = await t.warehouse({ code: 'GDG-JKT' });
    const bandung = await t.warehouse({ code: 'GDG-BDG' });
    const courier = await t.courier({ code: 'sicepat' });
    const first = (await query(t.key, ShipmentCreateDocument, {
      input: { order: gid('Order', order.id), warehouse: gid('Warehouse', jakarta.id), courier: gid('Courier', courier.id), serviceName: 'REG', trackingNumber: ' AWB-1 ', shippingCost: '9000', weightGrams: 1200, lengthCm: 10, widthCm: 5, heightCm: 3 },
    })).shipmentCreate;
    if (first.__typename !== 'ShipmentCreatePayload') throw new Error(first.__typename);
    expect(first.shipment).toMatchObject({ status: 'READY_TO_SHIP', trackingNumber: 'AWB-1', serviceName: 'REG', shippingCost: '9000.00', weightGrams: 1200, warehouse: { code: 'GDG-JKT' }, courier: { code: 'sicepat' } });
    const second = (await query(t.key, ShipmentCreateDocument, { input: { order: gid('Order', order.id), warehouse: gid('Warehouse', bandung.id) } })).shipmentCreate;
    expect(second.__typename === 'ShipmentCreatePayload' && second.shipment).toMatchObject({ status: 'PENDING', trackingNumber: null, warehouse: { code: 'GDG-BDG' } });
    expect(await t.prisma.shipment.count({ where: { orderId: order.id } })).toBe(2);
  });

  it("answers NotFoundError for another tenant's order, warehouse or courier, and refuses an inactive courier", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const order = await orderOf(t);
    const foreignOrder = await orderOf(other);
    const foreignWarehouse = await other.warehouse();
    const foreignCourier = await other.courier();
    const inactive = await t.courier({ isActive: false });
    const create = async (input: Record<string, string>) =>
      (await query(t.key, ShipmentCreateDocument, { input: { order: gid('Order', order.id), ...input } })).shipmentCreate;
    expect(await create({ order: gid('Order', foreignOrder.id) })).toMatchObject({ __typename: 'NotFoundError', entity: 'Order' });
    expect(await create({ warehouse: gid('Warehouse', foreignWarehouse.id) })).toMatchObject({ __typename: 'NotFoundError', entity: 'Warehouse' });
    expect(await create({ courier: gid('Courier', foreignCourier.id) })).toMatchObject({ __typename: 'NotFoundError', entity: 'Courier' });
    const refused = await create({ courier: gid('Courier', inactive.id) });
    expect(refused.__typename === 'ValidationError' && refused.problems[0]!.path).toEqual(['courier']);
    expect(await t.prisma.shipment.count({ where: { tenantId: t.id } })).toBe(0);
    expect(await other.prisma.shipment.count({ where: { tenantId: other.id } })).toBe(0);
  });
});

describe('shipmentSetTracking', () => {
  it('sets courier, service and AWB; a PENDING shipment becomes READY_TO_SHIP', async () => {
    const t = await newTenant();
    const { shipmentGid, courier } = await shipmentOf(t, { status: 'PENDING', withCourier: false });
    const result = (await query(t.key, ShipmentSetTrackingDocument, {
      input: { shipment: shipmentGid, courier: gid('Courier', courier.id), trackingNumber: '00046512912705', serviceName: 'REG' },
    })).shipmentSetTracking;
    expect(result.__typename === 'ShipmentSetTrackingPayload' && result.shipment).toMatchObject({
      status: 'READY_TO_SHIP',
      trackingNumber: '00046512912705',
      serviceName: 'REG',
      courier: { id: gid('Courier', courier.id) },
    });
  });

  it.each(['DELIVERED', 'RETURNED', 'CANCELLED'] as const)('refuses a %s shipment with InvalidShipmentStateError', async (status) => {
    const t = await newTenant();
    const { shipment, shipmentGid, courier } = await shipmentOf(t, { status });
    const result = (await query(t.key, ShipmentSetTrackingDocument, { input: { shipment: shipmentGid, courier: gid('Courier', courier.id), trackingNumber: 'NEW' } }))
      .shipmentSetTracking;
    expect(result).toMatchObject({ __typename: 'InvalidShipmentStateError', code: 'INVALID_SHIPMENT_STATE', action: 'setTracking', status });
    expect((await t.prisma.shipment.findUniqueOrThrow({ where: { id: shipment.id } })).trackingNumber).toBeNull();
  });

  it('wants a tracking number', async () => {
    const t = await newTenant();
    const { shipmentGid, courier } = await shipmentOf(t);
    const result = (await query(t.key, ShipmentSetTrackingDocument, { input: { shipment: shipmentGid, courier: gid('Courier', courier.id), trackingNumber: '  ' } }))
      .shipmentSetTracking;
    expect(result.__typename === 'ValidationError' && result.problems).toEqual([{ path: ['trackingNumber'], message: 'must not be empty' }]);
  });
});

describe('shipmentTrackingAppend', () => {
  it('keeps the courier history, moves the status forward and sets shippedAt / deliveredAt (seed 002 history)', async () => {
    const t = await newTenant();
    const { shipmentGid, shipment } = await shipmentOf(t);
    const steps = [
      { status: 'PICKREQ', location: 'Terima permintaan pick up', occurredAt: '2021-01-02T10:58:00.000Z' },
      { status: 'IN', location: 'Bandung [Bandung Sumberasih]', occurredAt: '2021-01-02T18:55:00.000Z' },
      { status: 'OUT', location: 'Bandung [Bandung Sumberasih]', occurredAt: '2021-01-02T21:29:00.000Z' },
    ];
    const first = (await query(t.key, ShipmentTrackingAppendDocument, { input: { shipment: shipmentGid, events: steps } })).shipmentTrackingAppend;
    if (first.__typename !== 'ShipmentTrackingAppendPayload') throw new Error(first.__typename);
    expect(first.appended).toBe(3);
    expect(first.shipment).toMatchObject({ status: 'IN_TRANSIT', shippedAt: '2021-01-02T18:55:00.000Z', deliveredAt: null });

    // The courier resends its whole history plus the new steps, out of order.
    const resent = [
      { status: 'DELIVERED', location: 'Diterima oleh [Kamil]', description: 'Paket diterima', occurredAt: '2021-01-03T12:48:00.000Z' },
      ...steps,
      { status: 'ANT', location: 'Paket dibawa [SIGESIT]', occurredAt: '2021-01-03T10:07:00.000Z' },
    ];
    const second = (await query(t.key, ShipmentTrackingAppendDocument, { input: { shipment: shipmentGid, events: resent } })).shipmentTrackingAppend;
    if (second.__typename !== 'ShipmentTrackingAppendPayload') throw new Error(second.__typename);
    expect(second.appended).toBe(2);
    expect(second.shipment).toMatchObject({ status: 'DELIVERED', deliveredAt: '2021-01-03T12:48:00.000Z', shippedAt: '2021-01-02T18:55:00.000Z' });
    expect(second.shipment.events.map((e) => e.status)).toEqual(['PICKREQ', 'IN', 'OUT', 'ANT', 'DELIVERED']);
    expect(await t.prisma.shipmentEvent.count({ where: { shipmentId: shipment.id } })).toBe(5);

    // A late in_transit step does not move a delivered shipment back.
    const late = (await query(t.key, ShipmentTrackingAppendDocument, {
      input: { shipment: shipmentGid, events: [{ status: 'in_transit', location: 'Jakarta', occurredAt: '2021-01-02T23:00:00.000Z' }] },
    })).shipmentTrackingAppend;
    expect(late.__typename === 'ShipmentTrackingAppendPayload' && late.shipment.status).toBe('DELIVERED');
  });

  it('publishes shipmentTracked after commit', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    const { shipmentGid, shipment, order } = await shipmentOf(t);
    const seen: unknown[] = [];
    const iterator = app.events.subscribe('shipmentTracked')[Symbol.asyncIterator]();
    const pump = (async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        if (next.value.tenantId === t.id) seen.push(next.value);
      }
    })();
    try {
      await query(t.key, ShipmentTrackingAppendDocument, {
        input: { shipment: shipmentGid, events: [{ status: 'delivered', location: 'Surabaya', occurredAt: '2024-01-21T09:30:00.000Z' }] },
      });
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      expect(seen[0]).toMatchObject({ orderId: order.id, shipmentId: shipment.id, status: 'DELIVERED' });
    } finally {
      await iterator.return?.();
      await pump;
    }
  });

  it('reports every bad step with its path and writes nothing', async () => {
    const t = await newTenant();
    const { shipmentGid, shipment } = await shipmentOf(t);
    const result = (await query(t.key, ShipmentTrackingAppendDocument, {
      input: {
        shipment: shipmentGid,
        events: [
          { status: 'in_transit', occurredAt: '2024-01-21T09:30:00.000Z' },
          { status: '', occurredAt: '2024-01-21T09:30:00.000Z' },
          { status: 'delivered', occurredAt: '2099-01-01T00:00:00.000Z' },
        ],
      },
    })).shipmentTrackingAppend;
    if (result.__typename !== 'ValidationError') throw new Error(result.__typename);
    expect(result.problems.map((p) => p.path.join('.'))).toEqual(['events.1.status', 'events.2.occurredAt']);
    expect(await t.prisma.shipmentEvent.count({ where: { shipmentId: shipment.id } })).toBe(0);
    const empty = (await query(t.key, ShipmentTrackingAppendDocument, { input: { shipment: shipmentGid, events: [] } })).shipmentTrackingAppend;
    expect(empty.__typename).toBe('ValidationError');
  });

  it('refuses tracking for a cancelled shipment', async () => {
    const t = await newTenant();
    const { shipmentGid } = await shipmentOf(t, { status: 'CANCELLED' });
    const result = (await query(t.key, ShipmentTrackingAppendDocument, {
      input: { shipment: shipmentGid, events: [{ status: 'delivered', occurredAt: '2024-01-21T09:30:00.000Z' }] },
    })).shipmentTrackingAppend;
    expect(result).toMatchObject({ __typename: 'InvalidShipmentStateError', action: 'appendTracking', status: 'CANCELLED' });
  });

  it.each([
    ['in_transit', 'IN_TRANSIT'],
    ['Delivered', 'DELIVERED'],
    ['PICKREQ', 'PICKUP_REQUESTED'],
    ['ANT', 'IN_TRANSIT'],
    ['return to sender', 'RETURNED'],
    ['arrived at hub (custom)', undefined],
  ])('maps the courier word %s to %s', (word, status) => {
    expect(courierStatusToShipmentStatus(word)).toBe(status);
  });
});

describe('pickup requests', () => {
  it('requests a pickup with a seed 001 pickup option and cancels it again (seed 002 pickup-request / cancel-pickup)', async () => {
    const t = await newTenant();
    const { shipmentGid } = await shipmentOf(t);
    const requested = (await query(t.key, ShipmentPickupRequestDocument, { input: { shipment: shipmentGid, pickupOption: 'LATE_PICKUP', note: 'Gate 2' } }))
      .shipmentPickupRequest;
    if (requested.__typename !== 'ShipmentPickupRequestPayload') throw new Error(requested.__typename);
    expect(requested.shipment).toMatchObject({ status: 'PICKUP_REQUESTED', pickupOption: 'LATE_PICKUP', pickupCancelledAt: null });
    expect(requested.shipment.pickupRequestedAt).not.toBeNull();
    expect(requested.shipment.events.at(-1)).toMatchObject({ status: 'pickup_requested', description: 'LATE_PICKUP: Gate 2' });

    const again = (await query(t.key, ShipmentPickupRequestDocument, { input: { shipment: shipmentGid, pickupOption: 'EARLY_PICKUP' } })).shipmentPickupRequest;
    expect(again).toMatchObject({ __typename: 'InvalidShipmentStateError', action: 'requestPickup', status: 'PICKUP_REQUESTED' });

    const cancelled = (await query(t.key, ShipmentPickupCancelDocument, { input: { shipment: shipmentGid, reason: 'Package not ready' } })).shipmentPickupCancel;
    if (cancelled.__typename !== 'ShipmentPickupCancelPayload') throw new Error(cancelled.__typename);
    expect(cancelled.shipment.status).toBe('READY_TO_SHIP');
    expect(cancelled.shipment.pickupCancelledAt).not.toBeNull();
    expect(cancelled.shipment.events.at(-1)).toMatchObject({ status: 'pickup_cancelled', description: 'Package not ready' });

    const twice = (await query(t.key, ShipmentPickupCancelDocument, { input: { shipment: shipmentGid } })).shipmentPickupCancel;
    expect(twice).toMatchObject({ __typename: 'InvalidShipmentStateError', action: 'cancelPickup', status: 'READY_TO_SHIP', allowedStatuses: ['PICKUP_REQUESTED'] });
  });

  it('takes an explicit slot instead of an option', async () => {
    const t = await newTenant();
    const { shipmentGid } = await shipmentOf(t);
    const result = (await query(t.key, ShipmentPickupRequestDocument, {
      input: { shipment: shipmentGid, slotStart: '2026-02-01T02:00:00.000Z', slotEnd: '2026-02-01T05:00:00.000Z' },
    })).shipmentPickupRequest;
    expect(result.__typename === 'ShipmentPickupRequestPayload' && result.shipment).toMatchObject({
      status: 'PICKUP_REQUESTED',
      pickupOption: null,
      pickupSlotStart: '2026-02-01T02:00:00.000Z',
      pickupSlotEnd: '2026-02-01T05:00:00.000Z',
    });
  });

  it.each([
    ['neither option nor slot', {}, ['']],
    ['a slot without its end', { slotStart: '2026-02-01T02:00:00.000Z' }, ['slotEnd']],
    ['a slot that ends before it starts', { slotStart: '2026-02-01T05:00:00.000Z', slotEnd: '2026-02-01T02:00:00.000Z' }, ['slotEnd']],
  ])('refuses %s', async (_name, extra, paths) => {
    const t = await newTenant();
    const { shipmentGid, shipment } = await shipmentOf(t);
    const result = (await query(t.key, ShipmentPickupRequestDocument, { input: { shipment: shipmentGid, ...extra } })).shipmentPickupRequest;
    expect(result.__typename === 'ValidationError' && result.problems.map((p) => p.path.join('.'))).toEqual(paths);
    expect((await t.prisma.shipment.findUniqueOrThrow({ where: { id: shipment.id } })).status).toBe('READY_TO_SHIP');
  });

  it('needs a courier on the shipment', async () => {
    const t = await newTenant();
    const { shipmentGid } = await shipmentOf(t, { withCourier: false });
    const result = (await query(t.key, ShipmentPickupRequestDocument, { input: { shipment: shipmentGid, pickupOption: 'MID_PICKUP' } })).shipmentPickupRequest;
    expect(result.__typename === 'ValidationError' && result.problems[0]!.path).toEqual(['shipment']);
  });

  it('follows the action table for every shipment status', async () => {
    const t = await newTenant();
    for (const status of ALL_SHIPMENT_STATUSES) {
      const { shipmentGid } = await shipmentOf(t, { status });
      const result = (await query(t.key, ShipmentPickupRequestDocument, { input: { shipment: shipmentGid, pickupOption: 'MID_PICKUP' } })).shipmentPickupRequest;
      const allowed = SHIPMENT_ACTIONS.requestPickup.from.includes(status);
      expect([status, result.__typename]).toEqual([status, allowed ? 'ShipmentPickupRequestPayload' : 'InvalidShipmentStateError']);
    }
  });
});

describe('shipmentLabelMarkPrinted', () => {
  it('records who printed the label and when, on the shipment and its order', async () => {
    const t = await newTenant();
    const { shipmentGid, order } = await shipmentOf(t);
    const result = (await query(t.key, ShipmentLabelMarkPrintedDocument, { input: { shipment: shipmentGid } })).shipmentLabelMarkPrinted;
    if (result.__typename !== 'ShipmentLabelMarkPrintedPayload') throw new Error(result.__typename);
    expect(result.shipment.labelPrintedBy).toBe('key:test');
    expect(result.shipment.labelPrintedAt).not.toBeNull();
    expect(result.shipment.order).toMatchObject({ printedBy: 'key:test', printedAt: result.shipment.labelPrintedAt });
    const stored = await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(stored.printedAt?.toISOString()).toBe(result.shipment.labelPrintedAt);
  });
});

describe('tenant isolation of shipment mutations', () => {
  it("answers NotFoundError for another tenant's shipment and leaves it as it was", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const { shipmentGid, shipment } = await shipmentOf(other);
    const ownCourier = await t.courier();
    const results = await Promise.all([
      execute(t.key, ShipmentSetTrackingDocument, { input: { shipment: shipmentGid, courier: gid('Courier', ownCourier.id), trackingNumber: 'X' } }),
      execute(t.key, ShipmentTrackingAppendDocument, { input: { shipment: shipmentGid, events: [{ status: 'delivered', occurredAt: '2024-01-01T00:00:00.000Z' }] } }),
      execute(t.key, ShipmentPickupRequestDocument, { input: { shipment: shipmentGid, pickupOption: 'EARLY_PICKUP' } }),
      execute(t.key, ShipmentPickupCancelDocument, { input: { shipment: shipmentGid } }),
      execute(t.key, ShipmentLabelMarkPrintedDocument, { input: { shipment: shipmentGid } }),
    ]);
    for (const r of results) {
      const payload = Object.values(r.data ?? {})[0] as { __typename: string; entity?: string };
      expect(payload).toMatchObject({ __typename: 'NotFoundError', entity: 'Shipment' });
    }
    const after = await other.prisma.shipment.findUniqueOrThrow({ where: { id: shipment.id } });
    expect(after).toMatchObject({ status: 'READY_TO_SHIP', trackingNumber: null, labelPrintedAt: null, pickupRequestedAt: null });
    expect(await other.prisma.shipmentEvent.count({ where: { shipmentId: shipment.id } })).toBe(0);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('shipment mutations on PostgreSQL under concurrency', () => {
  it('lets one of 6 simultaneous pickup requests through; the others are typed state errors', async () => {
    const t = await newTenant();
    const { shipmentGid, shipment } = await shipmentOf(t);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => execute(t.key, ShipmentPickupRequestDocument, { input: { shipment: shipmentGid, pickupOption: 'EARLY_PICKUP' } })),
    );
    const kinds = results.map((r) => r.data?.shipmentPickupRequest.__typename ?? JSON.stringify(r.errors));
    expect(kinds.filter((k) => k === 'ShipmentPickupRequestPayload')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'InvalidShipmentStateError')).toHaveLength(5);
    expect(await t.prisma.shipmentEvent.count({ where: { shipmentId: shipment.id, status: 'pickup_requested' } })).toBe(1);
  });

  it('stores each step once when a courier resends the same history 5 times at once', async () => {
    const t = await newTenant();
    const { shipmentGid, shipment } = await shipmentOf(t);
    const events = [
      { status: 'in_transit', location: 'Jakarta', occurredAt: '2024-01-21T10:00:00.000Z' },
      { status: 'delivered', location: 'Surabaya', occurredAt: '2024-01-22T09:30:00.000Z' },
    ];
    const results = await Promise.all(Array.from({ length: 5 }, () => execute(t.key, ShipmentTrackingAppendDocument, { input: { shipment: shipmentGid, events } })));
    const appended = results.map((r) => (r.data?.shipmentTrackingAppend.__typename === 'ShipmentTrackingAppendPayload' ? r.data.shipmentTrackingAppend.appended : -1));
    expect(appended.sort()).toEqual([0, 0, 0, 0, 2]);
    expect(await t.prisma.shipmentEvent.count({ where: { shipmentId: shipment.id } })).toBe(2);
    expect((await t.prisma.shipment.findUniqueOrThrow({ where: { id: shipment.id } })).status).toBe('DELIVERED');
  });
});
