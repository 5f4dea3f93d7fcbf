// Orders per status, read from the counter table ("OrderStatusCount", kept by triggers on
// "Order" in the writing transaction) when the filter names only keys the counter holds, and
// from a GROUP BY over the orders otherwise. Either way every status is listed, zeros included.
import type { Db } from '../db/client.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import { OrderStatus } from '../db/generated/prisma/enums.js';
import { orderWhere, type OrderFilterValue } from './order-filters.js';

export interface StatusCount {
  status: OrderStatus;
  count: number;
}

/** The filter keys the counter is kept by (beside tenant and status); the where of each is the same on both tables. */
const COUNTER_KEYS = ['statuses', 'paymentStatuses', 'kinds', 'channels', 'isDraft'] as const satisfies ReadonlyArray<keyof OrderFilterValue>;

/** Where the counts come from for this filter: the counter when every condition it sets is on a counter key. */
export function statusCountSource(tenantId: number, filter: OrderFilterValue | null | undefined): 'counter' | 'orders' {
  if (!filter) return 'counter';
  const rest: OrderFilterValue = { ...filter };
  for (const key of COUNTER_KEYS) delete rest[key];
  // Anything else the translation turns into a condition (a non-empty search, a date range, ...) needs the orders.
  return orderWhere(tenantId, rest).AND ? 'orders' : 'counter';
}

/** Every status in lifecycle order, with zero where the counted rows have none. */
export function everyStatus(counted: ReadonlyMap<OrderStatus, number>): StatusCount[] {
  return Object.values(OrderStatus).map((status) => ({ status, count: counted.get(status) ?? 0 }));
}

/**
 * Orders per status matching the filter, in one statement. `prisma` is the viewer's client:
 * a key bound to a channel counts that channel only (key-scope.ts scopes both tables).
 */
export async function readStatusCounts(prisma: Db, tenantId: number, filter: OrderFilterValue | null | undefined): Promise<StatusCount[]> {
  const where = orderWhere(tenantId, filter);
  if (statusCountSource(tenantId, filter) === 'counter') {
    // Only tenantId, status, paymentStatus, kind, channel and isDraft conditions: columns of both tables.
    const rows = await prisma.orderStatusCount.groupBy({
      by: ['status'],
      where: where as Prisma.OrderStatusCountWhereInput,
      _sum: { count: true },
    });
    return everyStatus(new Map(rows.map((row) => [row.status, row._sum.count ?? 0])));
  }
  const rows = await prisma.order.groupBy({ by: ['status'], where, _count: { _all: true } });
  return everyStatus(new Map(rows.map((row) => [row.status, row._count._all])));
}

/**
 * How many orders match the filter: summed from the counter when every condition is on a
 * counter key (one row per key and writer slot, whatever the number of orders), else counted.
 */
export async function countOrders(prisma: Db, tenantId: number, filter: OrderFilterValue | null | undefined, where: Prisma.OrderWhereInput): Promise<number> {
  if (statusCountSource(tenantId, filter) === 'counter') {
    const sum = await prisma.orderStatusCount.aggregate({ where: where as Prisma.OrderStatusCountWhereInput, _sum: { count: true } });
    return sum._sum.count ?? 0;
  }
  return prisma.order.count({ where });
}
