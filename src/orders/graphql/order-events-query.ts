// orderEvents: the tenant's order history as one feed, oldest first, for
// integrators who poll instead of subscribing. Keep the last cursor (or node id)
// and ask again with `after`: nothing is skipped or repeated.
import { builder } from '../../graphql/builder.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import { OrderStatus } from '../../db/generated/prisma/enums.js';
import { connectionOf } from '../../graphql/shared-connections.js';

const OrderEventFilter = builder.inputType('OrderEventFilter', {
  description: 'Narrows the order history feed; all given conditions must hold.',
  fields: (t) => ({
    order: t.globalID({ required: false, description: 'Only events of this order.' }),
    statuses: t.field({ type: [OrderStatus], required: false, description: 'Only events into one of these statuses.' }),
    afterEvent: t.globalID({ required: false, description: 'Only events after this OrderEvent (e.g. the `eventId` of the last orderStatusChanged you received).' }),
    statusChangesOnly: t.boolean({ required: false, description: 'Leave out edits that did not change the status (default false).' }),
  }),
});

builder.queryField('orderEvents', (t) =>
  t.prismaConnection({
    type: 'OrderEvent',
    cursor: 'id',
    description: "Every order event of the tenant (status changes and edits) in the order they were written, oldest first. Page with `after` to follow the feed.",
    args: { filter: t.arg({ type: OrderEventFilter, required: false, description: 'Narrows the feed.' }) },
    resolve: (query, _root, args, ctx) => {
      const filter = args.filter;
      const orderId = filter?.order ? decodeIdArg(filter.order, 'Order') : undefined;
      const afterId = filter?.afterEvent ? decodeIdArg(filter.afterEvent, 'OrderEvent') : undefined;
      return ctx.prisma.orderEvent.findMany({
        ...query,
        where: {
          tenantId: ctx.tenantId,
          ...(orderId !== undefined ? { orderId } : {}),
          ...(filter?.statuses ? { toStatus: { in: filter.statuses } } : {}),
          ...(afterId !== undefined ? { id: { gt: afterId } } : {}),
          ...(filter?.statusChangesOnly
            ? { OR: [{ fromStatus: null }, { NOT: { fromStatus: { equals: ctx.prisma.orderEvent.fields.toStatus } } }] }
            : {}),
        },
        orderBy: { id: 'asc' },
      });
    },
  }, connectionOf('OrderEvent', { totalCount: false })),
);
