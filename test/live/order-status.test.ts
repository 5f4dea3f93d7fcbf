import { afterAll, describe, expect, it } from 'vitest';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { OrderStatus } from '../../src/db/generated/prisma/enums.js';
import { transaction } from '../../src/db/transaction.js';
import { appendOrderEvent } from '../../src/orders/order-event-log.js';
import type { App } from '../../src/app.js';
import {
  LiveOrderConfirmDocument,
  LiveOrderCreatedDocument,
  LiveOrderProcessDocument,
  LiveOrderStatusChangedDocument,
  LiveOrderStatusCountsDocument,
} from '../generated/graphql.js';
import { newTenant } from '../support/tenant.js';
import { testApp } from '../support/app.js';
import { query } from '../support/execute.js';
import { attached, liveServer, subscribe, until, wsClient, type WsClient } from '../support/subscribe.js';

const clients: WsClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
});

function connect(url: string, key: string) {
  const client = wsClient(url, key);
  clients.push(client);
  return client;
}

/** Moves an order to `to` the way the lifecycle does: row update + OrderEvent, events after commit. */
async function changeStatus(app: App, order: { id: number; tenantId: number }, to: OrderStatus, options: { rollback?: boolean; type?: string } = {}) {
  const deps = { prisma: app.db.forTenant(order.tenantId), events: app.events, log: app.log };
  return transaction(deps, async (scope) => {
    const current = await scope.tx.order.findUniqueOrThrow({ where: { id: order.id } });
    await scope.tx.order.update({ where: { id: order.id }, data: { status: to } });
    const event = await appendOrderEvent(scope, {
      tenantId: order.tenantId,
      orderId: order.id,
      type: options.type ?? to.toLowerCase(),
      fromStatus: current.status,
      toStatus: to,
      actor: 'test',
    });
    if (options.rollback) throw new Error('rolled back on purpose');
    return event;
  });
}

async function tenantWithOrder() {
  const t = await newTenant();
  const { variations } = await t.product();
  const customer = await t.customer({ name: 'Siti Rahayu' });
  const order = await t.order({ customerId: customer.id, items: [{ variationId: variations[0]!.id, quantity: 1 }] });
  return { t, order, customer, variationId: variations[0]!.id };
}

const gid = (type: string, id: number) => encodeGlobalID(type, id);

describe('orderStatusChanged over graphql-ws', () => {
  it('delivers a committed status change with the fields the client selected', async () => {
    const { app, url } = await liveServer();
    const { t, order } = await tenantWithOrder();
    const sub = subscribe(connect(url, t.key), LiveOrderStatusChangedDocument, {});
    await attached(app, t.id);

    const event = await changeStatus(app, order, 'CONFIRMED', { type: 'confirm' });
    const data = await sub.nextData();
    expect(data.orderStatusChanged).toEqual({
      eventId: gid('OrderEvent', event.id),
      sequence: event.sequence,
      transition: 'confirm',
      from: 'PENDING',
      to: 'CONFIRMED',
      at: event.createdAt.toISOString(),
      replayed: false,
      order: { id: gid('Order', order.id), code: order.code, status: 'CONFIRMED', customer: { name: 'Siti Rahayu' } },
    });
    sub.unsubscribe();
  });

  it('re-reads the order once per event for subscribers who asked the same thing', async () => {
    const { app, url } = await liveServer();
    const { sql } = await testApp();
    const { t, order } = await tenantWithOrder();
    const subs = [1, 2, 3].map(() => subscribe(connect(url, t.key), LiveOrderStatusChangedDocument, {}));
    await attached(app, t.id, subs.length);

    sql.reset();
    await changeStatus(app, order, 'CONFIRMED');
    for (const sub of subs) expect((await sub.nextData()).orderStatusChanged.order.status).toBe('CONFIRMED');
    // One SELECT of the order by changeStatus itself, one re-read shared by the three subscribers.
    const orderReads = sql.statements.filter((s) => /^SELECT/i.test(s.trim()) && /FROM "public"\."Order"/.test(s));
    expect(orderReads).toHaveLength(2);
    subs.forEach((sub) => sub.unsubscribe());
  });

  it('sends only the changes that match the filter', async () => {
    const { app, url } = await liveServer();
    const { t, order, customer } = await tenantWithOrder();
    const warehouse = await t.warehouse();
    const { variations } = await t.product();
    const other = await t.order({ items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    await t.prisma.order.update({ where: { id: order.id }, data: { originWarehouseId: warehouse.id } });

    const client = connect(url, t.key);
    const filters = {
      statuses: { statuses: ['CANCELLED' as const] },
      warehouse: { warehouse: gid('Warehouse', warehouse.id) },
      customer: { customer: gid('Customer', customer.id) },
      order: { order: gid('Order', order.id) },
    };
    const subs = Object.entries(filters).map(([name, filter]) => [name, subscribe(client, LiveOrderStatusChangedDocument, { filter })] as const);
    await attached(app, t.id, subs.length);

    // First a change none of them wants (another order, not into CANCELLED), then one they all want.
    await changeStatus(app, other, 'CONFIRMED');
    const wanted = await changeStatus(app, order, 'CANCELLED', { type: 'cancel' });
    for (const [name, sub] of subs) {
      const data = await sub.nextData();
      expect({ name, eventId: data.orderStatusChanged.eventId }).toEqual({ name, eventId: gid('OrderEvent', wanted.id) });
      sub.unsubscribe();
    }
  });

  it("never sends one tenant's events to another tenant's subscriber", async () => {
    const { app, url } = await liveServer();
    const a = await tenantWithOrder();
    const b = await tenantWithOrder();
    const subB = subscribe(connect(url, b.t.key), LiveOrderStatusChangedDocument, {});
    await attached(app, b.t.id);

    await changeStatus(app, a.order, 'CONFIRMED');
    await changeStatus(app, a.order, 'CANCELLED');
    const own = await changeStatus(app, b.order, 'CONFIRMED');
    // B's first event is its own: A's two came before it and were not sent.
    const data = await subB.nextData();
    expect(data.orderStatusChanged.eventId).toBe(gid('OrderEvent', own.id));
    expect(data.orderStatusChanged.order.code).toBe(b.order.code);
    subB.unsubscribe();
  });

  it('sends nothing for a rolled-back transition', async () => {
    const { app, url } = await liveServer();
    const { t, order } = await tenantWithOrder();
    const sub = subscribe(connect(url, t.key), LiveOrderStatusChangedDocument, {});
    await attached(app, t.id);

    await expect(changeStatus(app, order, 'CANCELLED', { rollback: true })).rejects.toThrow('rolled back on purpose');
    const committed = await changeStatus(app, order, 'CONFIRMED');
    const data = await sub.nextData();
    expect(data.orderStatusChanged).toMatchObject({ eventId: gid('OrderEvent', committed.id), from: 'PENDING', to: 'CONFIRMED' });
    expect(await t.prisma.orderEvent.count({ where: { orderId: order.id } })).toBe(1);
    sub.unsubscribe();
  });

  it('resumes after the last event received: missed changes from the history, then live ones, no gap, no duplicate', async () => {
    const { app, url } = await liveServer();
    const { t, order } = await tenantWithOrder();
    const client = connect(url, t.key);
    const first = subscribe(client, LiveOrderStatusChangedDocument, {});
    await attached(app, t.id);
    await changeStatus(app, order, 'CONFIRMED');
    const seen = await first.nextData();
    first.unsubscribe();
    await until(() => app.events.subscriberCount!(t.id) === 0, 'first subscription detached');

    // Missed while away: two changes (and an edit that does not change the status).
    const missed1 = await changeStatus(app, order, 'PROCESSING');
    await changeStatus(app, order, 'PROCESSING', { type: 'edit' });
    const missed2 = await changeStatus(app, order, 'PACKED');

    const resumed = subscribe(client, LiveOrderStatusChangedDocument, { after: seen.orderStatusChanged.eventId });
    await attached(app, t.id);
    const live = await changeStatus(app, order, 'SHIPPED');

    const received = [];
    for (let i = 0; i < 3; i++) received.push((await resumed.nextData()).orderStatusChanged);
    expect(received.map((e) => [e.eventId, e.to, e.replayed])).toEqual([
      [gid('OrderEvent', missed1.id), 'PROCESSING', true],
      [gid('OrderEvent', missed2.id), 'PACKED', true],
      [gid('OrderEvent', live.id), 'SHIPPED', false],
    ]);
    // Nothing else follows: the next one is the next change, not a duplicate.
    const next = await changeStatus(app, order, 'COMPLETED');
    expect((await resumed.nextData()).orderStatusChanged.eventId).toBe(gid('OrderEvent', next.id));
    resumed.unsubscribe();
  });

  it('rejects an `after` that is not an OrderEvent id', async () => {
    const { url } = await liveServer();
    const { t, order } = await tenantWithOrder();
    const sub = subscribe(connect(url, t.key), LiveOrderStatusChangedDocument, { after: gid('Order', order.id) });
    const result = await sub.next();
    expect(result.errors?.[0]?.message).toMatch(/Expected a OrderEvent id/);
  });
});

describe('orderStatusChanged through the order mutations', () => {
  it('sends orderConfirm to a subscriber, and nothing for an orderProcess that is refused and rolled back', async () => {
    const { app, url } = await liveServer();
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [warehouse.id]: 0 } }] });
    const pending = await t.order({ items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    const confirmed = await t.order({ status: 'CONFIRMED', items: [{ variationId: variations[0]!.id, quantity: 5 }] });
    await t.prisma.order.update({ where: { id: confirmed.id }, data: { originWarehouseId: warehouse.id } });
    const sub = subscribe(connect(url, t.key), LiveOrderStatusChangedDocument, {});
    await attached(app, t.id);

    const refused = await query(t.key, LiveOrderProcessDocument, { input: { order: gid('Order', confirmed.id) } });
    expect(refused.orderProcess.__typename).not.toBe('OrderProcessPayload');
    const done = await query(t.key, LiveOrderConfirmDocument, { input: { order: gid('Order', pending.id) } });
    expect(done.orderConfirm.__typename).toBe('OrderConfirmPayload');

    const data = await sub.nextData();
    expect(data.orderStatusChanged).toMatchObject({ transition: 'confirm', from: 'PENDING', to: 'CONFIRMED', order: { code: pending.code, status: 'CONFIRMED' } });
    expect(await t.prisma.order.findUniqueOrThrow({ where: { id: confirmed.id } })).toMatchObject({ status: 'CONFIRMED' });
    sub.unsubscribe();
  });
});

describe('orderCreated and orderStatusCountsChanged', () => {
  it('announces a new order with the selected fields', async () => {
    const { app, url } = await liveServer();
    const { t, order } = await tenantWithOrder();
    const sub = subscribe(connect(url, t.key), LiveOrderCreatedDocument, {});
    await attached(app, t.id);
    await transaction({ prisma: app.db.forTenant(t.id), events: app.events, log: app.log }, (scope) =>
      appendOrderEvent(scope, { tenantId: t.id, orderId: order.id, type: 'create', fromStatus: null, toStatus: 'PENDING' }),
    );
    expect((await sub.nextData()).orderCreated).toEqual({ status: 'PENDING', order: { code: order.code } });
    sub.unsubscribe();
  });

  it('sends the current tiles at once, then the new counts after changes', async () => {
    const { app, url } = await liveServer();
    const { t, order, variationId } = await tenantWithOrder();
    await t.order({ items: [{ variationId, quantity: 1 }] });
    const sub = subscribe(connect(url, t.key), LiveOrderStatusCountsDocument, {});
    const countsOf = (data: { orderStatusCountsChanged: { counts: Array<{ status: string; count: number }> } }) =>
      Object.fromEntries(data.orderStatusCountsChanged.counts.filter((c) => c.count).map((c) => [c.status, c.count]));

    expect(countsOf(await sub.nextData())).toEqual({ PENDING: 2 });
    // A burst of changes: the tiles end at the final numbers, without one message per change.
    await changeStatus(app, order, 'CONFIRMED');
    await changeStatus(app, order, 'PROCESSING');
    let counts = countsOf(await sub.nextData());
    let messages = 1;
    while (counts.PROCESSING !== 1) {
      counts = countsOf(await sub.nextData());
      messages++;
    }
    expect(counts).toEqual({ PENDING: 1, PROCESSING: 1 });
    expect(messages).toBeLessThanOrEqual(2);
    sub.unsubscribe();
  });
});
