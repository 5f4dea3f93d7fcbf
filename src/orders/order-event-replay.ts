// orderStatusChanged with resume: a client that reconnects with the last event id
// it saw gets the status changes it missed, read from OrderEvent rows in id
// order, then live ones, with no gap and no duplicate. The live subscription is
// attached before the history is read (fanout.subscribe attaches synchronously),
// so nothing committed meanwhile is lost; live events the history already
// delivered are skipped by id.
import type { Prisma } from '../db/generated/prisma/client.js';
import type { Db } from '../db/client.js';
import type { EventBus, OrderStatusChanged } from '../events/topics.js';
import { liveEvents, type EventFilter } from '../events/live-stream.js';
import { sharedRead } from '../events/shared-read.js';
import type { OrderStatus } from '../db/generated/prisma/enums.js';

const PAGE = 200;

export interface OrderStatusFilter {
  statuses?: readonly OrderStatus[];
  orderId?: number;
  warehouseId?: number;
  customerId?: number;
}

export interface OrderStatusChangedEvent extends OrderStatusChanged {
  /** True when read from the history on resume; absent when live (the bus's own object, shared by subscribers). */
  replayed?: boolean;
}

interface Deps {
  prisma: Db;
  events: EventBus;
  viewer: { tenantId: number };
}

/** Where-clause over OrderEvent rows for a filter (status changes only). */
function historyWhere(tenantId: number, after: number, filter: OrderStatusFilter): Prisma.OrderEventWhereInput {
  const order: Prisma.OrderWhereInput = {};
  if (filter.warehouseId !== undefined) order.originWarehouseId = filter.warehouseId;
  if (filter.customerId !== undefined) order.customerId = filter.customerId;
  return {
    tenantId,
    id: { gt: after },
    ...(filter.orderId !== undefined ? { orderId: filter.orderId } : {}),
    ...(filter.statuses ? { toStatus: { in: [...filter.statuses] } } : {}),
    ...(Object.keys(order).length ? { order } : {}),
  };
}

/** The same filter over a live payload; warehouse and customer need the order row (shared per event). */
function liveFilter(deps: Deps, filter: OrderStatusFilter): EventFilter<OrderStatusChanged> {
  // Answers at once (no promise) unless the order row is needed: it runs per subscriber and event.
  return (event) => {
    if (filter.orderId !== undefined && event.orderId !== filter.orderId) return false;
    if (filter.statuses && !filter.statuses.includes(event.to as OrderStatus)) return false;
    if (filter.warehouseId === undefined && filter.customerId === undefined) return true;
    const order = sharedRead(deps.prisma, `order-parties:${event.tenantId}:${event.orderId}:${event.eventId}`, () =>
      deps.prisma.order.findFirst({
        where: { id: event.orderId, tenantId: event.tenantId },
        select: { originWarehouseId: true, customerId: true },
      }),
    );
    return order.then((row) => {
      if (!row) return false;
      if (filter.warehouseId !== undefined && row.originWarehouseId !== filter.warehouseId) return false;
      if (filter.customerId !== undefined && row.customerId !== filter.customerId) return false;
      return true;
    });
  };
}

export function orderStatusEvents(deps: Deps, filter: OrderStatusFilter, after?: number): AsyncIterableIterator<OrderStatusChangedEvent> {
  const tenantId = deps.viewer.tenantId;
  const live = liveEvents(deps, 'orderStatusChanged', liveFilter(deps, filter));
  // Ids the history delivered; a live copy of one of them is skipped.
  const sent = new Set<number>();
  let cursor = after;
  let page: OrderStatusChangedEvent[] = [];
  let historyDone = after === undefined;
  let closed = false;

  const loadPage = async () => {
    const rows = await deps.prisma.orderEvent.findMany({
      where: historyWhere(tenantId, cursor!, filter),
      orderBy: { id: 'asc' },
      take: PAGE,
      select: { id: true, orderId: true, sequence: true, type: true, fromStatus: true, toStatus: true, createdAt: true },
    });
    if (rows.length < PAGE) historyDone = true;
    if (rows.length) cursor = rows[rows.length - 1]!.id;
    page = rows
      // Edits that leave the status alone are history, not status changes.
      .filter((row) => row.fromStatus !== row.toStatus)
      .map((row) => ({
        tenantId,
        orderId: row.orderId,
        eventId: row.id,
        sequence: row.sequence,
        transition: row.type,
        from: row.fromStatus,
        to: row.toStatus,
        at: row.createdAt.toISOString(),
        replayed: true,
      }));
  };

  const iterator: AsyncIterableIterator<OrderStatusChangedEvent> = {
    async next() {
      while (!closed && !page.length && !historyDone) await loadPage();
      if (closed) return { value: undefined, done: true };
      const replayed = page.shift();
      if (replayed) {
        sent.add(replayed.eventId);
        return { value: replayed, done: false };
      }
      for (;;) {
        const result = await live.next();
        if (result.done) return { value: undefined, done: true };
        if (sent.delete(result.value.eventId)) continue;
        return { value: result.value, done: false };
      }
    },
    async return() {
      closed = true;
      page = [];
      await live.return!();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      await iterator.return!();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
