// Cancellation requests as a queue, through the API: the list with its filters,
// sort, pages and totalCount; the orders filter; the deadline from the shop's
// setting; packing and shipping refused while a request is open; expiry (granted)
// past the deadline, when the queue is read, when the order is acted on, and by
// the server's sweep; deciding before the deadline still works.
import { describe, expect, it } from 'vitest';
import {
  CancellationQueueCountDocument,
  CancellationQueueDocument,
  CancellationSettingsDocument,
  CancellationSettingsUpdateDocument,
  OrdersWithCancellationFilterDocument,
  QueueApproveDocument,
  QueueBulkPackDocument,
  QueueOrderNextDocument,
  QueuePackDocument,
  QueueRejectDocument,
  QueueRequestCancelDocument,
  QueueShipDocument,
} from '../generated/graphql.js';
import { testApp } from '../support/app.js';
import { execute, query } from '../support/execute.js';
import { newTenant, tenantsCreatedHere, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');
const num = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);
const MINUTE = 60_000;

/** A tenant whose requests wait 90 minutes, a warehouse with 10 units (2 per order when more), and `count` orders of 2 units in PROCESSING (stock reserved). */
async function shop(count: number) {
  const t = await newTenant();
  const warehouse = await t.warehouse();
  const { variations } = await t.product({ variations: [{ stock: { [warehouse.id]: Math.max(10, 2 * count) } }] });
  const variation = variations[0]!;
  const updated = await query(t.key, CancellationSettingsUpdateDocument, { input: { deadlineMinutes: 90 } });
  expect(updated.cancellationRequestSettingsUpdate).toEqual({ __typename: 'CancellationRequestSettingsUpdatePayload', settings: { deadlineMinutes: 90 } });
  const orders: string[] = [];
  for (let i = 0; i < count; i++) {
    const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: variation.id, quantity: 2 }] });
    orders.push(gid('Order', order.id));
    await execute(t.key, 'mutation($id: ID!) { orderProcess(input: { order: $id }) { __typename } }', { id: gid('Order', order.id) });
  }
  return { t, warehouse, variation, orders };
}

async function requestCancel(t: TestTenant, order: string, reason: 'CUSTOMER_REQUEST' | 'OUT_OF_STOCK' | 'PAYMENT_FAILED', requestedBy: 'BUYER' | 'CHANNEL' = 'BUYER') {
  const result = await query(t.key, QueueRequestCancelDocument, { input: { order, reason, requestedBy, note: `asked: ${reason}` } });
  if (result.orderCancellationRequest.__typename !== 'OrderCancellationRequestPayload') throw new Error(result.orderCancellationRequest.__typename);
  return result.orderCancellationRequest.cancellationRequest;
}

async function stock(t: TestTenant, variationId: number, warehouseId: number) {
  const level = await t.prisma.stockLevel.findUnique({ where: { variationId_warehouseId: { variationId, warehouseId } } });
  return { onHand: level?.onHand ?? 0, reserved: level?.reserved ?? 0 };
}

/** As if the request's deadline had gone by: it lies one minute in the past. */
async function letDeadlinePass(t: TestTenant, requestId: string) {
  await t.prisma.cancellationRequest.update({ where: { id: num(requestId) }, data: { deadlineAt: new Date(Date.now() - MINUTE) } });
}

describe('cancellation request queue', () => {
  it('lists, filters, sorts and pages the requests with totalCount; a deadline is requested time + the setting', async () => {
    const { t, orders } = await shop(4);
    const [a, b, c, d] = orders as [string, string, string, string];
    const settings = await query(t.key, CancellationSettingsDocument);
    expect(settings.cancellationRequestSettings.deadlineMinutes).toBe(90);

    const first = await requestCancel(t, a, 'CUSTOMER_REQUEST', 'BUYER');
    const second = await requestCancel(t, b, 'OUT_OF_STOCK', 'CHANNEL');
    const third = await requestCancel(t, c, 'PAYMENT_FAILED', 'BUYER');
    const rejected = await query(t.key, QueueRejectDocument, { input: { order: c } });
    expect(rejected.orderCancellationReject.__typename).toBe('OrderCancellationRejectPayload');
    // 90 minutes = 5 400 000 ms after the request.
    for (const request of [first, second, third]) {
      expect(new Date(request.deadlineAt as string).getTime() - new Date(request.createdAt as string).getTime()).toBe(5_400_000);
      expect(request.isOverdue).toBe(false);
    }

    const open = await query(t.key, CancellationQueueDocument, { filter: { statuses: ['REQUESTED'] } });
    expect(open.cancellationRequests.totalCount).toBe(2);
    // Default order: the nearest deadline first.
    expect(open.cancellationRequests.edges.map((e) => e.node.id)).toEqual([first.id, second.id]);
    expect(open.cancellationRequests.edges.map((e) => e.node.order.id)).toEqual([a, b]);

    const all = await query(t.key, CancellationQueueDocument, {});
    expect(all.cancellationRequests.totalCount).toBe(3);
    expect(all.cancellationRequests.edges.map((e) => e.node.status)).toEqual(['REQUESTED', 'REQUESTED', 'REJECTED']);
    const newestFirst = await query(t.key, CancellationQueueDocument, { orderBy: { field: 'REQUESTED_AT', direction: 'DESC' } });
    expect(newestFirst.cancellationRequests.edges.map((e) => e.node.id)).toEqual([third.id, second.id, first.id]);

    const count = async (filter: object) => (await query(t.key, CancellationQueueCountDocument, { filter })).cancellationRequests.totalCount;
    expect(await count({ reasons: ['OUT_OF_STOCK', 'PAYMENT_FAILED'] })).toBe(2);
    expect(await count({ requestedBy: ['CHANNEL'] })).toBe(1);
    expect(await count({ order: c })).toBe(1);
    expect(await count({ order: d })).toBe(0);
    expect(await count({ statuses: ['REJECTED'], requestedBy: ['BUYER'] })).toBe(1);
    const before = new Date(new Date(first.createdAt as string).getTime() - MINUTE).toISOString();
    const later = new Date(Date.now() + 10 * MINUTE).toISOString();
    expect(await count({ requestedAt: { from: before, to: later } })).toBe(3);
    expect(await count({ requestedAt: { from: later } })).toBe(0);
    // Every deadline is 90 minutes out: none within the next 10 minutes, all within 100.
    expect(await count({ deadlineAt: { to: later } })).toBe(0);
    expect(await count({ deadlineAt: { to: new Date(Date.now() + 100 * MINUTE).toISOString() } })).toBe(3);
    expect(await count({ overdue: true })).toBe(0);
    expect(await count({ overdue: false })).toBe(3);

    const page1 = await query(t.key, CancellationQueueDocument, { filter: { statuses: ['REQUESTED'] }, first: 1 });
    expect(page1.cancellationRequests.totalCount).toBe(2);
    expect(page1.cancellationRequests.edges.map((e) => e.node.id)).toEqual([first.id]);
    expect(page1.cancellationRequests.pageInfo.hasNextPage).toBe(true);
    const page2 = await query(t.key, CancellationQueueDocument, {
      filter: { statuses: ['REQUESTED'] },
      first: 1,
      after: page1.cancellationRequests.pageInfo.endCursor,
    });
    expect(page2.cancellationRequests.edges.map((e) => e.node.id)).toEqual([second.id]);
    expect(page2.cancellationRequests.pageInfo.hasNextPage).toBe(false);

    const withOpen = await query(t.key, OrdersWithCancellationFilterDocument, { filter: { hasOpenCancellationRequest: true } });
    expect(withOpen.orders.totalCount).toBe(2);
    expect(withOpen.orders.edges.map((e) => e.node.id).sort()).toEqual([a, b].sort());
    const withoutOpen = await query(t.key, OrdersWithCancellationFilterDocument, { filter: { hasOpenCancellationRequest: false } });
    expect(withoutOpen.orders.totalCount).toBe(2);
    expect(withoutOpen.orders.edges.map((e) => e.node.id).sort()).toEqual([c, d].sort());

    // Another shop sees none of them.
    const other = await newTenant();
    expect((await query(other.key, CancellationQueueCountDocument, {})).cancellationRequests.totalCount).toBe(0);
  });

  it('refuses pack and ship with the open request named, and packs once the request is rejected', async () => {
    const { t, orders } = await shop(1);
    const order = orders[0]!;
    const state = async () => {
      const node = (await query(t.key, QueueOrderNextDocument, { id: order })).node;
      if (!node || !('availableTransitions' in node)) throw new Error('not an order');
      return { next: node.availableTransitions.map((tr) => tr.name), deadline: node.cancellationDeadlineAt };
    };
    expect(await state()).toEqual({ next: ['SET_PENDING', 'PACK', 'SHIP', 'CANCEL'], deadline: null });
    const request = await requestCancel(t, order, 'CUSTOMER_REQUEST');
    const version = request.order.version;
    // While the request is open the order offers no packing or shipping, and shows the request's deadline.
    expect(await state()).toEqual({ next: ['SET_PENDING', 'CANCEL'], deadline: request.deadlineAt });

    const pack = await query(t.key, QueuePackDocument, { input: { order } });
    expect(pack.orderPack).toMatchObject({ __typename: 'CancellationRequestOpenError', code: 'CANCELLATION_REQUEST_OPEN', orderId: order, requestId: request.id, transition: 'pack' });
    const ship = await query(t.key, QueueShipDocument, { input: { order } });
    expect(ship.orderShip).toMatchObject({ __typename: 'CancellationRequestOpenError', code: 'CANCELLATION_REQUEST_OPEN', requestId: request.id, transition: 'ship' });
    const bulk = await query(t.key, QueueBulkPackDocument, { orders: [order] });
    if (bulk.ordersTransition.__typename !== 'OrdersTransitionPayload') throw new Error(bulk.ordersTransition.__typename);
    expect(bulk.ordersTransition).toMatchObject({ succeeded: 0, failed: 1 });
    expect(bulk.ordersTransition.results[0]!.error).toMatchObject({ __typename: 'CancellationRequestOpenError', requestId: request.id, transition: 'pack' });
    // Nothing was written: same status, same version.
    const [queued] = (await query(t.key, CancellationQueueDocument, { filter: { order } })).cancellationRequests.edges;
    expect(queued!.node).toMatchObject({ status: 'REQUESTED', order: { status: 'PROCESSING', version } });

    const rejected = await query(t.key, QueueRejectDocument, { input: { order, note: 'already packed by hand' } });
    expect(rejected.orderCancellationReject).toMatchObject({ __typename: 'OrderCancellationRejectPayload', cancellationRequest: { status: 'REJECTED' } });
    const packed = await query(t.key, QueuePackDocument, { input: { order } });
    expect(packed.orderPack).toMatchObject({ __typename: 'OrderPackPayload', order: { status: 'PACKED' } });
  });

  it('approves before the deadline: the order is cancelled and its stock released', async () => {
    const { t, orders, variation, warehouse } = await shop(1);
    const order = orders[0]!;
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 10, reserved: 2 });
    await requestCancel(t, order, 'CUSTOMER_REQUEST');
    const approved = await query(t.key, QueueApproveDocument, { input: { order } });
    expect(approved.orderCancellationApprove).toMatchObject({
      __typename: 'OrderCancellationApprovePayload',
      order: { status: 'CANCELLED' },
      cancellationRequest: { status: 'APPROVED', decidedBy: 'key:test' },
    });
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 10, reserved: 0 });
  });

  it('expires a request past its deadline when the queue is read: the cancellation is granted', async () => {
    const { t, orders, variation, warehouse } = await shop(2);
    const [late, early] = orders as [string, string];
    const overdue = await requestCancel(t, late, 'CUSTOMER_REQUEST');
    const waiting = await requestCancel(t, early, 'OUT_OF_STOCK');
    await letDeadlinePass(t, overdue.id);

    const queue = await query(t.key, CancellationQueueDocument, {});
    expect(queue.cancellationRequests.totalCount).toBe(2);
    const byId = new Map(queue.cancellationRequests.edges.map((e) => [e.node.id, e.node]));
    expect(byId.get(overdue.id)).toMatchObject({
      status: 'EXPIRED',
      decidedBy: 'system:deadline',
      isOverdue: false,
      order: { id: late, status: 'CANCELLED', cancelReason: 'CUSTOMER_REQUEST' },
    });
    expect(byId.get(waiting.id)).toMatchObject({ status: 'REQUESTED', order: { status: 'PROCESSING' } });
    // Two orders reserved 2 units each; the cancelled one gave its 2 back.
    expect(await stock(t, variation.id, warehouse.id)).toEqual({ onHand: 10, reserved: 2 });
    const events = await t.prisma.orderEvent.findMany({ where: { orderId: num(late) }, orderBy: { sequence: 'asc' } });
    expect(events.map((e) => [e.type, e.actor, e.fromStatus, e.toStatus, e.reason])).toEqual([
      ['process', 'key:test', 'CONFIRMED', 'PROCESSING', null],
      ['cancellationRequest', 'key:test', 'PROCESSING', 'PROCESSING', 'CUSTOMER_REQUEST'],
      ['cancel', 'system:deadline', 'PROCESSING', 'CANCELLED', 'CUSTOMER_REQUEST'],
    ]);
    expect(await query(t.key, CancellationQueueCountDocument, { filter: { statuses: ['EXPIRED'] } })).toEqual({ cancellationRequests: { totalCount: 1 } });
  });

  it('expires the request before packing the order: pack then finds the order cancelled', async () => {
    const { t, orders } = await shop(1);
    const order = orders[0]!;
    const request = await requestCancel(t, order, 'CUSTOMER_REQUEST');
    await letDeadlinePass(t, request.id);
    const pack = await query(t.key, QueuePackDocument, { input: { order } });
    expect(pack.orderPack).toMatchObject({ __typename: 'InvalidTransitionError', code: 'INVALID_TRANSITION', from: 'CANCELLED' });
    const [row] = (await query(t.key, CancellationQueueDocument, { filter: { order } })).cancellationRequests.edges;
    expect(row!.node).toMatchObject({ status: 'EXPIRED', decidedBy: 'system:deadline', order: { status: 'CANCELLED' } });
    // Approving now finds no request waiting: the order is already cancelled.
    const approve = await query(t.key, QueueApproveDocument, { input: { order } });
    expect(approve.orderCancellationApprove).toMatchObject({ __typename: 'InvalidTransitionError', from: 'CANCELLED' });
  });

  it('closes a request left open on an order that shipped before requests had deadlines, keeping the order shipped', async () => {
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [warehouse.id]: 5 } }] });
    const order = await t.order({ status: 'SHIPPED', items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    // As the migration leaves such a request: made 3 days ago, deadline 48 hours after.
    const made = new Date(Date.now() - 72 * 3_600_000);
    const stuck = await t.prisma.cancellationRequest.create({
      data: { tenantId: t.id, orderId: order.id, requestedBy: 'BUYER', reason: 'CUSTOMER_REQUEST', createdAt: made, deadlineAt: new Date(made.getTime() + 48 * 3_600_000) },
    });
    const queue = await query(t.key, CancellationQueueDocument, {});
    expect(queue.cancellationRequests.totalCount).toBe(1);
    expect(queue.cancellationRequests.edges[0]!.node).toMatchObject({
      id: gid('CancellationRequest', stuck.id),
      status: 'EXPIRED',
      decidedBy: 'system:deadline',
      order: { status: 'SHIPPED', version: 2, cancelReason: null },
    });
    const events = await t.prisma.orderEvent.findMany({ where: { orderId: order.id } });
    expect(events.map((e) => [e.type, e.fromStatus, e.toStatus, e.actor])).toEqual([['cancellationExpire', 'SHIPPED', 'SHIPPED', 'system:deadline']]);
  });

  it("the server's sweep expires what is past the deadline at its clock, and nothing else", async () => {
    const { app } = await testApp();
    const { t, orders } = await shop(1);
    const order = orders[0]!;
    const request = await requestCancel(t, order, 'CUSTOMER_REQUEST');
    // A shop on the default setting (48 hours): its request is not due 91 minutes from now.
    const other = await shop(1);
    await query(other.t.key, CancellationSettingsUpdateDocument, { input: { deadlineMinutes: 2880 } });
    const otherRequest = await requestCancel(other.t, other.orders[0]!, 'CUSTOMER_REQUEST');
    expect(new Date(otherRequest.deadlineAt as string).getTime() - new Date(otherRequest.createdAt as string).getTime()).toBe(172_800_000);

    // 89 minutes from now: nothing of these two is due yet.
    await app.cancellationSweep.runOnce(new Date(Date.now() + 89 * MINUTE), tenantsCreatedHere);
    expect((await t.prisma.cancellationRequest.findMany({ where: { tenantId: { in: [t.id, other.t.id] } }, select: { status: true } })).map((r) => r.status)).toEqual([
      'REQUESTED',
      'REQUESTED',
    ]);

    // 91 minutes from now: the first shop's request is past its 90 minutes.
    const expired = await app.cancellationSweep.runOnce(new Date(Date.now() + 91 * MINUTE), tenantsCreatedHere);
    expect(expired).toBeGreaterThanOrEqual(1);
    const mine = await t.prisma.cancellationRequest.findFirstOrThrow({ where: { tenantId: t.id }, include: { order: true } });
    expect(mine).toMatchObject({ status: 'EXPIRED', decidedBy: 'system:deadline', order: { status: 'CANCELLED', cancelReason: 'CUSTOMER_REQUEST' } });
    expect(mine.id).toBe(num(request.id));
    const theirs = await t.prisma.cancellationRequest.findFirstOrThrow({ where: { tenantId: other.t.id }, include: { order: true } });
    expect(theirs).toMatchObject({ status: 'REQUESTED', order: { status: 'PROCESSING' } });
  });

  it('checks the setting: whole minutes from 1 to 43200, changed by owners and admins only', async () => {
    const t = await newTenant();
    expect((await query(t.key, CancellationSettingsDocument)).cancellationRequestSettings.deadlineMinutes).toBe(2880);
    const zero = await query(t.key, CancellationSettingsUpdateDocument, { input: { deadlineMinutes: 0 } });
    expect(zero.cancellationRequestSettingsUpdate).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['deadlineMinutes'] }] });
    const staff = await t.apiKey('STAFF');
    const refused = await execute(staff, CancellationSettingsUpdateDocument, { input: { deadlineMinutes: 60 } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await query(t.key, CancellationSettingsDocument)).cancellationRequestSettings.deadlineMinutes).toBe(2880);
  });
});

// Races that only a real PostgreSQL shows (PGlite runs one statement at a time).
describe.skipIf(!process.env.DATABASE_URL)('cancellation requests under concurrency (PostgreSQL)', () => {
  it('never ships an order while a request made at the same moment stays open', async () => {
    const { t, orders } = await shop(12);
    for (const order of orders) expect((await query(t.key, QueuePackDocument, { input: { order } })).orderPack.__typename).toBe('OrderPackPayload');
    const outcomes = await Promise.all(
      orders.map(async (order) => {
        const [ship, request] = await Promise.all([
          query(t.key, QueueShipDocument, { input: { order } }),
          query(t.key, QueueRequestCancelDocument, { input: { order, reason: 'CUSTOMER_REQUEST' } }),
        ]);
        return [ship.orderShip.__typename, request.orderCancellationRequest.__typename];
      }),
    );
    for (const [ship, request] of outcomes) {
      // Exactly one of the two wins: shipped (the request is refused) or requested (shipping waits).
      expect([ship, request].filter((k) => k === 'OrderShipPayload' || k === 'OrderCancellationRequestPayload'), `${ship} / ${request}`).toHaveLength(1);
    }
    const ids = orders.map(num);
    const shippedWithOpen = await t.prisma.order.count({ where: { id: { in: ids }, status: 'SHIPPED', cancellationRequests: { some: { status: 'REQUESTED' } } } });
    expect(shippedWithOpen).toBe(0);
    expect(await t.prisma.order.count({ where: { id: { in: ids }, status: 'SHIPPED' } })).toBe(outcomes.filter(([ship]) => ship === 'OrderShipPayload').length);
  }, 120_000);
});
