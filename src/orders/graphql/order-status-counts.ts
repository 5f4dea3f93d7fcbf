// orderStatusCounts: how many orders are in each status (seed 000 /orders/counts),
// every status listed, zeros included, in one statement: from the status counter when
// the filter allows it, else a GROUP BY (order-status-counts.ts).
import { builder } from '../../graphql/builder.js';
import { OrderStatus } from '../../db/generated/prisma/enums.js';
import { OrderFilter } from './order-filter-input.js';
import { readStatusCounts, type StatusCount } from '../order-status-counts.js';

const OrderStatusCount = builder.objectRef<StatusCount>('OrderStatusCount').implement({
  description: 'Number of orders in one status.',
  fields: (t) => ({
    status: t.expose('status', { type: OrderStatus, description: 'The status.' }),
    count: t.exposeInt('count', { description: 'Orders in it that match the filter.' }),
  }),
});

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
      return readStatusCounts(ctx.prisma, ctx.tenantId, args.filter);
    },
  }),
);
