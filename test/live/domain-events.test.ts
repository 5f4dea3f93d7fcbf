import { afterAll, describe, expect, it } from 'vitest';
import { print } from 'graphql';
import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  LiveOrderEventsDocument,
  LivePaymentRecordDocument,
  LivePaymentRecordedDocument,
  LiveShipmentTrackedDocument,
  LiveShipmentTrackingAppendDocument,
  LiveStockAdjustDocument,
  LiveStockLevelChangedDocument,
} from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';
import { attached, liveServer, subscribe, withDeadline, wsClient, type WsClient } from '../support/subscribe.js';
import { transaction } from '../../src/db/transaction.js';
import { appendOrderEvent } from '../../src/orders/order-event-log.js';

const clients: WsClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
});

async function stockTenant() {
  const t = await newTenant();
  const warehouse = await t.warehouse();
  const other = await t.warehouse();
  const { variations } = await t.product({ variations: [{ stock: { [warehouse.id]: 10, [other.id]: 4 } }, { stock: { [warehouse.id]: 3 } }] });
  return { t, warehouse, other, variation: variations[0]!, second: variations[1]! };
}

const adjust = (key: string, variationId: number, warehouseId: number, quantity: number) =>
  query(key, LiveStockAdjustDocument, {
    input: { variation: encodeGlobalID('Variation', variationId), warehouse: encodeGlobalID('Warehouse', warehouseId), quantity, reason: 'live test' },
  });

/** Reads server-sent events from a response body until `count` "next" events arrived. */
async function readEvents(body: ReadableStream<Uint8Array>, count: number): Promise<unknown[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: unknown[] = [];
  let buffer = '';
  try {
    while (events.length < count) {
      const { value, done } = await withDeadline(reader.read(), 5_000, 'server-sent event');
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((line) => line.startsWith('data:'));
        if (block.startsWith('event: next') && data) events.push(JSON.parse(data.slice(5)));
      }
    }
  } finally {
    await reader.cancel();
  }
  return events;
}

describe('stockLevelChanged', () => {
  it('sends a stockAdjust of the subscribed variation and warehouse with the selected fields', async () => {
    const { app, url } = await liveServer();
    const { t, warehouse, other, variation, second } = await stockTenant();
    const client = wsClient(url, t.key);
    clients.push(client);
    const sub = subscribe(client, LiveStockLevelChangedDocument, {
      variation: encodeGlobalID('Variation', variation.id),
      warehouse: encodeGlobalID('Warehouse', warehouse.id),
    });
    await attached(app, t.id);

    await adjust(t.key, second.id, warehouse.id, 1); // another variation
    await adjust(t.key, variation.id, other.id, 1); // another warehouse
    await adjust(t.key, variation.id, warehouse.id, -3);
    expect((await sub.nextData()).stockLevelChanged).toEqual({
      onHand: 7,
      reserved: 0,
      available: 7,
      variation: { sku: variation.sku },
      warehouse: { code: warehouse.code },
    });
    sub.unsubscribe();
  });
});

describe('paymentRecorded', () => {
  it('sends a paymentRecord of the subscribed order with the payment and the order re-read', async () => {
    const { app, url } = await liveServer();
    const t = await newTenant();
    const { variations } = await t.product();
    const order = await t.order({ items: [{ variationId: variations[0]!.id, quantity: 2 }] });
    const other = await t.order({ items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    const client = wsClient(url, t.key);
    clients.push(client);
    const sub = subscribe(client, LivePaymentRecordedDocument, { order: encodeGlobalID('Order', order.id) });
    await attached(app, t.id);

    const pay = (orderId: number, amount: string) =>
      query(t.key, LivePaymentRecordDocument, { input: { order: encodeGlobalID('Order', orderId), method: 'CASH', amount } });
    expect((await pay(other.id, '1000')).paymentRecord.__typename).toBe('PaymentRecordPayload');
    expect((await pay(order.id, '2500')).paymentRecord.__typename).toBe('PaymentRecordPayload');
    const event = (await sub.nextData()).paymentRecorded;
    expect(event).toMatchObject({ kind: 'PAYMENT', order: { code: order.code } });
    expect(Number(event.payment.amount)).toBe(2500);
    expect(event.order.paymentStatus).not.toBe('UNPAID');
    sub.unsubscribe();
  });
});

describe('shipmentTracked', () => {
  it('sends a tracking update that moves the shipment, with the shipment re-read', async () => {
    const { app, url } = await liveServer();
    const t = await newTenant();
    const { variations } = await t.product();
    const order = await t.order({ status: 'SHIPPED', items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    const courier = await t.courier();
    const shipment = await t.shipment({ orderId: order.id, courierId: courier.id, status: 'IN_TRANSIT', trackingNumber: 'JNE-LIVE-1', shippedAt: new Date() });
    const client = wsClient(url, t.key);
    clients.push(client);
    const sub = subscribe(client, LiveShipmentTrackedDocument, { order: encodeGlobalID('Order', order.id) });
    await attached(app, t.id);

    const result = await query(t.key, LiveShipmentTrackingAppendDocument, {
      input: { shipment: encodeGlobalID('Shipment', shipment.id), events: [{ status: 'delivered', occurredAt: new Date().toISOString() }] },
    });
    expect(result.shipmentTrackingAppend.__typename).toBe('ShipmentTrackingAppendPayload');
    expect((await sub.nextData()).shipmentTracked).toEqual({ status: 'DELIVERED', shipment: { trackingNumber: 'JNE-LIVE-1' }, order: { code: order.code } });
    sub.unsubscribe();
  });
});

describe('server-sent events', () => {
  it('streams a subscription over plain HTTP (Accept: text/event-stream) with the same API key', async () => {
    const { app } = await liveServer();
    const { t, warehouse, variation } = await stockTenant();
    const abort = new AbortController();
    const response = await app.yoga.fetch('http://ordergraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${t.key}` },
      body: JSON.stringify({ query: print(LiveStockLevelChangedDocument), variables: {} }),
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    await attached(app, t.id);

    await adjust(t.key, variation.id, warehouse.id, 5);
    const [event] = await readEvents(response.body!, 1);
    expect(event).toMatchObject({ data: { stockLevelChanged: { onHand: 15, variation: { sku: variation.sku } } } });
    abort.abort();
  });

  it('refuses an SSE subscription without a valid key with 401', async () => {
    const { app } = await liveServer();
    const response = await app.yoga.fetch('http://ordergraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: print(LiveStockLevelChangedDocument) }),
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('UNAUTHENTICATED');
  });
});

describe('orderEvents', () => {
  it("pages through the tenant's order history in the order it was written, and nothing of other tenants", async () => {
    const { app } = await liveServer();
    const t = await newTenant();
    const other = await newTenant();
    const { variations } = await t.product();
    const order = await t.order({ items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    const { variations: otherVariations } = await other.product();
    const otherOrder = await other.order({ items: [{ variationId: otherVariations[0]!.id, quantity: 1 }] });
    // Each tenant's writes through the app's client for that tenant (row-level security in CI).
    const deps = (tenantId: number) => ({ prisma: app.db.forTenant(tenantId), events: app.events, log: app.log });
    const steps = [
      ['create', null, 'PENDING'],
      ['confirm', 'PENDING', 'CONFIRMED'],
      ['edit', 'CONFIRMED', 'CONFIRMED'],
      ['process', 'CONFIRMED', 'PROCESSING'],
    ] as const;
    for (const [type, fromStatus, toStatus] of steps) {
      await transaction(deps(t.id), (scope) => appendOrderEvent(scope, { tenantId: t.id, orderId: order.id, type, fromStatus, toStatus }));
      await transaction(deps(other.id), (scope) => appendOrderEvent(scope, { tenantId: other.id, orderId: otherOrder.id, type, fromStatus, toStatus }));
    }

    const first = await query(t.key, LiveOrderEventsDocument, { first: 3 });
    expect(first.orderEvents.edges.map((e) => [e.node.sequence, e.node.type, e.node.order.code])).toEqual([
      [1, 'create', order.code],
      [2, 'confirm', order.code],
      [3, 'edit', order.code],
    ]);
    expect(first.orderEvents.pageInfo.hasNextPage).toBe(true);
    const rest = await query(t.key, LiveOrderEventsDocument, { first: 3, after: first.orderEvents.pageInfo.endCursor });
    expect(rest.orderEvents.edges.map((e) => e.node.type)).toEqual(['process']);
    expect(rest.orderEvents.pageInfo.hasNextPage).toBe(false);

    const changesOnly = await query(t.key, LiveOrderEventsDocument, {
      filter: { statusChangesOnly: true, afterEvent: first.orderEvents.edges[0]!.node.id },
    });
    expect(changesOnly.orderEvents.edges.map((e) => e.node.type)).toEqual(['confirm', 'process']);
  });
});
