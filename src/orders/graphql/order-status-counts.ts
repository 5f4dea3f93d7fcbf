// orderStatusCounts: how many orders are in each status (seed 000 /orders/counts),
// every status listed, zeros included, from one GROUP BY statement.
import { builder } from '../../graphql/builder.js';
import { OrderStatus } from '../../db/generated/prisma/enums.js';
import { OrderFilter } from './order-filter-input.js';
import { orderWhere } from '../order-filters.js';

interface StatusCount {
  status: OrderStatus;
  count: number;
}

const OrderStatusCount = builder.objectRef<StatusCount>('OrderStatusCount').implement({
  description: 'Number of orders in one status.',
  fields: (t) => ({
    status: t.expose('status', { type: OrderStatus, description: 'The status.' }),
    count: t.exposeInt('count', { description: 'Orders in it that match the filter.' }),
  }),
});

/** Every status in lifecycle order, with zero where the grouped rows have none. */
export function statusCounts(rows: ReadonlyArray<{ status: OrderStatus; _count: { _all: number } }>): StatusCount[] {
  const byStatus = new Map(rows.map((row) => [row.status, row._count._all]));
  return Object.values(OrderStatus).map((status) => ({ status, count: byStatus.get(status) ?? 0 }));
}

builder.queryField('orderStatusCounts', (t) =>
  t.field({
    type: [OrderStatusCount],
    description: 'Orders per status, every status listed (zeros included), for tabs such as "Pending (12)".',
    args: {
      filter: t.arg({
        type: OrderFilter,
        required: false,
        description: 'Counts only matching orders. Leave `statuses` out to count every status.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const rows = await ctx.prisma.order.groupBy({
        by: ['status'],
        where: orderWhere(ctx.tenantId, args.filter),
        _count: { _all: true },
      });
      return statusCounts(rows);
    },
  }),
);
