import { encodeGlobalID } from '@pothos/plugin-relay';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CourierListDocument,
  OrderShipmentsDocument,
  ShipmentByTrackingNumberDocument,
  ShipmentDocument,
  ShipmentListDocument,
  ShipmentNodeDocument,
  type ShipmentFilter,
} from '../generated/graphql.js';
import { testApp } from '../support/app.js';
import { countStatements, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

async function anOrder(t: TestTenant, code?: string) {
  const { variations } = await t.product({ variations: [{ price: '12000' }] });
  return t.order({ code, items: [{ variationId: variations[0]!.id, quantity: 1 }] });
}

const at = (iso: string) => new Date(iso);


describe('shipments (read)', () => {
  // The database starts here, under the hook timeout, not inside the first test's.
  beforeAll(() => testApp());

  it("shows an order's shipments with courier and tracking history, oldest event first", async () => {
    const t = await newTenant();
    const jne = await t.courier({ code: 'jne', name: 'JNE', supportsCod: true });
    const order = await anOrder(t, 'ORD123');
    await t.shipment({
      orderId: order.id,
      courierId: jne.id,
      serviceName: 'REG',
      trackingNumber: 'AWB12345',
      status: 'DELIVERED',
      shippingCost: '15000',
      events: [
        { status: 'delivered', location: 'Surabaya', occurredAt: at('2024-01-22T09:30:00Z') },
        { status: 'in_transit', location: 'Jakarta', occurredAt: at('2024-01-21T10:00:00Z') },
      ],
    });
    await t.shipment({ orderId: order.id, status: 'PENDING' });

    const data = await query(t.key, OrderShipmentsDocument, { id: encodeGlobalID('Order', order.id) });
    if (!data.node || !('shipments' in data.node)) throw new Error('expected an Order');
    expect(data.node.code).toBe('ORD123');
    expect(data.node.shipments.map((s) => [s.trackingNumber, s.status, s.courier?.code ?? null])).toEqual([
      ['AWB12345', 'DELIVERED', 'jne'],
      [null, 'PENDING', null],
    ]);
    expect(data.node.shipments[0]!.events).toEqual([
      { status: 'in_transit', location: 'Jakarta', occurredAt: '2024-01-21T10:00:00.000Z' },
      { status: 'delivered', location: 'Surabaya', occurredAt: '2024-01-22T09:30:00.000Z' },
    ]);

    const one = await query(t.key, ShipmentByTrackingNumberDocument, { trackingNumber: 'AWB12345' });
    expect(one.shipmentByTrackingNumber).toMatchObject({
      trackingNumber: 'AWB12345',
      serviceName: 'REG',
      shippingCost: '15000.00',
      courier: { code: 'jne', name: 'JNE', supportsCod: true },
      order: { code: 'ORD123' },
    });
  });

  it('never shows another tenant its shipments, couriers or tracking events, by any query or node(id)', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const courierB = await b.courier({ code: 'jne' });
    const orderB = await anOrder(b);
    const shipmentB = await b.shipment({
      orderId: orderB.id,
      courierId: courierB.id,
      trackingNumber: 'SAME-AWB',
      events: [{ status: 'in_transit', occurredAt: at('2024-01-21T10:00:00Z') }],
    });
    const eventB = await b.prisma.shipmentEvent.findFirstOrThrow({ where: { shipmentId: shipmentB.id } });
    await a.courier({ code: 'jne' });
    const orderA = await anOrder(a);
    const shipmentA = await a.shipment({ orderId: orderA.id, trackingNumber: 'OWN-AWB' });

    expect((await query(a.key, ShipmentDocument, { id: encodeGlobalID('Shipment', shipmentB.id) })).shipment).toBeNull();
    expect((await query(a.key, ShipmentDocument, { id: encodeGlobalID('Shipment', shipmentA.id) })).shipment?.trackingNumber).toBe('OWN-AWB');
    expect((await query(a.key, ShipmentByTrackingNumberDocument, { trackingNumber: 'SAME-AWB' })).shipmentByTrackingNumber).toBeNull();
    expect((await query(b.key, ShipmentByTrackingNumberDocument, { trackingNumber: 'SAME-AWB' })).shipmentByTrackingNumber?.events).toHaveLength(1);

    const list = await query(a.key, ShipmentListDocument, {});
    expect(list.shipments.totalCount).toBe(1);
    expect(list.shipments.edges.map((e) => e.node.trackingNumber)).toEqual(['OWN-AWB']);
    const couriers = await query(a.key, CourierListDocument, {});
    expect(couriers.couriers.totalCount).toBe(1);
    expect(couriers.couriers.edges[0]!.node.id).not.toBe(encodeGlobalID('Courier', courierB.id));

    for (const id of [
      encodeGlobalID('Shipment', shipmentB.id),
      encodeGlobalID('Courier', courierB.id),
      encodeGlobalID('ShipmentEvent', eventB.id),
      encodeGlobalID('Order', orderB.id),
    ]) {
      expect((await query(a.key, ShipmentNodeDocument, { id })).node, id).toBeNull();
      expect((await query(b.key, ShipmentNodeDocument, { id })).node, id).not.toBeNull();
    }
    expect((await query(a.key, OrderShipmentsDocument, { id: encodeGlobalID('Order', orderB.id) })).node).toBeNull();
  });

  describe('shipment list filters', () => {
    let t: TestTenant;
    const ids: Record<string, string> = {};
    const vars: Record<string, string> = {};

    beforeAll(async () => {
      t = await newTenant();
      const jne = await t.courier({ code: 'jne' });
      const sicepat = await t.courier({ code: 'sicepat' });
      const jakarta = await t.warehouse();
      const bandung = await t.warehouse();
      const order1 = await anOrder(t);
      const order2 = await anOrder(t);
      const specs = {
        jneJakartaShipped: { orderId: order1.id, courierId: jne.id, warehouseId: jakarta.id, status: 'IN_TRANSIT', trackingNumber: 'JNE-1', shippedAt: at('2024-03-01T08:00:00Z') },
        jneBandungDelivered: { orderId: order2.id, courierId: jne.id, warehouseId: bandung.id, status: 'DELIVERED', trackingNumber: 'JNE-2', shippedAt: at('2024-03-05T08:00:00Z') },
        sicepatJakartaPending: { orderId: order2.id, courierId: sicepat.id, warehouseId: jakarta.id, status: 'PENDING' },
      } as const;
      for (const [name, spec] of Object.entries(specs)) {
        const shipment = await t.shipment({ ...spec });
        ids[name] = encodeGlobalID('Shipment', shipment.id);
      }
      Object.assign(vars, {
        jne: encodeGlobalID('Courier', jne.id),
        bandung: encodeGlobalID('Warehouse', bandung.id),
        order1: encodeGlobalID('Order', order1.id),
      });
    });

    async function shipmentsWhere(filter: ShipmentFilter) {
      const data = await query(t.key, ShipmentListDocument, { filter });
      const names = Object.entries(ids);
      return data.shipments.edges.map((e) => names.find(([, id]) => id === e.node.id)![0]).sort();
    }

    it('keeps only the given statuses', async () => {
      expect(await shipmentsWhere({ statuses: ['IN_TRANSIT', 'PENDING'] })).toEqual(['jneJakartaShipped', 'sicepatJakartaPending']);
    });

    it('keeps only the given courier', async () => {
      expect(await shipmentsWhere({ courier: vars.jne! })).toEqual(['jneBandungDelivered', 'jneJakartaShipped']);
    });

    it('keeps only the given warehouse', async () => {
      expect(await shipmentsWhere({ warehouse: vars.bandung! })).toEqual(['jneBandungDelivered']);
    });

    it('keeps only the given order', async () => {
      expect(await shipmentsWhere({ order: vars.order1! })).toEqual(['jneJakartaShipped']);
    });

    it('keeps only the exact tracking number', async () => {
      expect(await shipmentsWhere({ trackingNumber: 'JNE-2' })).toEqual(['jneBandungDelivered']);
    });

    it('keeps only shipments handed over in the interval, start inclusive and end exclusive', async () => {
      expect(await shipmentsWhere({ shippedAt: { from: '2024-03-01T08:00:00Z', to: '2024-03-05T08:00:00Z' } })).toEqual(['jneJakartaShipped']);
      expect(await shipmentsWhere({ shippedAt: { from: '2024-03-02T00:00:00Z' } })).toEqual(['jneBandungDelivered']);
    });

    it('combines conditions, and counts what the filter keeps', async () => {
      const data = await query(t.key, ShipmentListDocument, { filter: { courier: vars.jne!, statuses: ['DELIVERED'] } });
      expect(data.shipments.totalCount).toBe(1);
      expect(data.shipments.edges[0]!.node.id).toBe(ids.jneBandungDelivered);
    });

    it('refuses a filter id of the wrong type', async () => {
      await expect(query(t.key, ShipmentListDocument, { filter: { courier: vars.bandung! } })).rejects.toThrow(/Expected a Courier id/);
    });
  });

  it('sorts newest created first by default, and by hand-over time with unshipped last, paging without gaps', async () => {
    const t = await newTenant();
    const order = await anOrder(t);
    const make = (trackingNumber: string, createdAt: string, shippedAt?: string) =>
      t.shipment({ orderId: order.id, trackingNumber, createdAt: at(createdAt), shippedAt: shippedAt ? at(shippedAt) : undefined });
    await make('A', '2024-01-01T00:00:00Z', '2024-01-09T00:00:00Z');
    await make('B', '2024-01-02T00:00:00Z');
    await make('C', '2024-01-03T00:00:00Z', '2024-01-05T00:00:00Z');
    await make('D', '2024-01-04T00:00:00Z');
    await make('E', '2024-01-05T00:00:00Z', '2024-01-07T00:00:00Z');

    const byDefault = await query(t.key, ShipmentListDocument, {});
    expect(byDefault.shipments.edges.map((e) => e.node.trackingNumber)).toEqual(['E', 'D', 'C', 'B', 'A']);

    for (const [direction, expected] of [
      ['ASC', ['C', 'E', 'A', 'B', 'D']],
      ['DESC', ['A', 'E', 'C', 'D', 'B']],
    ] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 5; page++) {
        const data = await query(t.key, ShipmentListDocument, { first: 2, after, orderBy: { field: 'SHIPPED_AT', direction } });
        seen.push(...data.shipments.edges.map((e) => e.node.trackingNumber!));
        if (!data.shipments.pageInfo.hasNextPage) break;
        after = data.shipments.pageInfo.endCursor ?? undefined;
      }
      expect(seen, direction).toEqual(expected);
    }
  });

  it('lists couriers by name, optionally only active ones', async () => {
    const t = await newTenant();
    await t.courier({ code: 'sicepat', name: 'SiCepat' });
    await t.courier({ code: 'jne', name: 'JNE', supportsCod: true });
    await t.courier({ code: 'pos', name: 'Pos Indonesia', isActive: false });

    const all = await query(t.key, CourierListDocument, {});
    expect(all.couriers.totalCount).toBe(3);
    expect(all.couriers.edges.map((e) => e.node.name)).toEqual(['JNE', 'Pos Indonesia', 'SiCepat']);
    const active = await query(t.key, CourierListDocument, { filter: { isActive: true } });
    expect(active.couriers.edges.map((e) => e.node.code)).toEqual(['jne', 'sicepat']);
    const inactive = await query(t.key, CourierListDocument, { filter: { isActive: false } });
    expect(inactive.couriers.totalCount).toBe(1);
    expect(inactive.couriers.edges.map((e) => e.node.code)).toEqual(['pos']);
  });

  it('loads a page of shipments with courier, events and order in the same statements for 10 or 50 rows', async () => {
    const t = await newTenant();
    const courier = await t.courier();
    const warehouse = await t.warehouse();
    const order = await anOrder(t);
    for (let i = 0; i < 50; i++) {
      await t.shipment({
        orderId: order.id,
        courierId: courier.id,
        warehouseId: warehouse.id,
        trackingNumber: `AWB-${i}`,
        events: [
          { status: 'picked_up', occurredAt: at('2024-01-01T00:00:00Z') },
          { status: 'in_transit', occurredAt: at('2024-01-02T00:00:00Z') },
        ],
      });
    }
    await query(t.key, ShipmentListDocument, { first: 1 });

    const ten = await countStatements(() => query(t.key, ShipmentListDocument, { first: 10 }));
    const fifty = await countStatements(() => query(t.key, ShipmentListDocument, { first: 50 }));
    expect(ten.result.shipments.edges).toHaveLength(10);
    expect(fifty.result.shipments.edges).toHaveLength(50);
    expect(fifty.result.shipments.edges.every((e) => e.node.events.length === 2 && e.node.order.code === order.code)).toBe(true);
    // The page (with courier, warehouse, order and events joined) + totalCount.
    expect(ten.count).toBe(2);
    expect(fifty.count).toBe(ten.count);
  });
});
