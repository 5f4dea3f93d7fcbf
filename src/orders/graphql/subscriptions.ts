// Live order changes: status changes (with resume), new orders and the status
// tiles. Payloads carry the change; `order` re-reads what the client selected.
import { builder } from '../../graphql/builder.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import { OrderStatus } from '../../db/generated/prisma/enums.js';
import type { OrderCreated } from '../../events/topics.js';
import { liveEvents } from '../../events/live-stream.js';
import { liveSettingsOf } from '../../events/live-settings.js';
import { eventOrder } from '../../graphql/event-order.js';
import type { Context } from '../../graphql/context.js';
import { orderStatusEvents, type OrderStatusChangedEvent } from '../order-event-replay.js';
import { statusCountChanges, type StatusCount, type StatusCounts } from '../order-status-counts-watch.js';

const OrderStatusChangedFilter = builder.inputType('OrderStatusChangedFilter', {
  description: 'Which status changes to receive; all given conditions must hold.',
  fields: (t) => ({
    statuses: t.field({ type: [OrderStatus], required: false, description: 'Only changes into one of these statuses.' }),
    warehouse: t.globalID({ required: false, description: 'Only orders shipped from this warehouse (Order.originWarehouse).' }),
    customer: t.globalID({ required: false, description: 'Only orders of this customer.' }),
    order: t.globalID({ required: false, description: 'Only this order.' }),
  }),
});

const OrderStatusChangedEventRef = builder.objectRef<OrderStatusChangedEvent>('OrderStatusChangedEvent').implement({
  description: 'An order moved from one status to another (one OrderEvent row).',
  fields: (t) => ({
    eventId: t.globalID({
      description: 'Global id of the OrderEvent; pass the last one you received as `after` to resume without gap or duplicate.',
      resolve: (event) => ({ type: 'OrderEvent', id: event.eventId }),
    }),
    sequence: t.exposeInt('sequence', { description: "Position of the event in the order's history (1, 2, 3, ...)." }),
    transition: t.exposeString('transition', { description: 'Transition that caused it ("confirm", "ship", "cancel", ...).' }),
    from: t.field({ type: OrderStatus, nullable: true, description: 'Status before; null when the order was just created.', resolve: (e) => e.from as OrderStatus | null }),
    to: t.field({ type: OrderStatus, description: 'Status after.', resolve: (e) => e.to as OrderStatus }),
    at: t.field({ type: 'DateTime', description: 'When the change was written.', resolve: (e) => e.at }),
    replayed: t.boolean({ description: 'True when sent from the history on resume (`after`), false when live.', resolve: (e) => e.replayed ?? false }),
    order: t.prismaField({
      type: 'Order',
      description: 'The order as it is now, with the fields you select.',
      resolve: (query, event, _args, ctx) => eventOrder(query, ctx, event.orderId, `e${event.eventId}`),
    }),
  }),
});

builder.subscriptionField('orderStatusChanged', (t) =>
  t.field({
    type: OrderStatusChangedEventRef,
    description:
      'Every order status change of the tenant, after it is committed. With `after`, first the changes since that event (from the order history), then live ones.',
    args: {
      filter: t.arg({ type: OrderStatusChangedFilter, required: false, description: 'Narrows the changes sent.' }),
      after: t.arg.globalID({ required: false, description: 'Resume after this OrderEvent (the `eventId` of the last event you received, or an `orderEvents` node id).' }),
    },
    subscribe: (_root, args, ctx) =>
      orderStatusEvents(
        ctx,
        {
          statuses: args.filter?.statuses ?? undefined,
          orderId: args.filter?.order ? decodeIdArg(args.filter.order, 'Order') : undefined,
          warehouseId: args.filter?.warehouse ? decodeIdArg(args.filter.warehouse, 'Warehouse') : undefined,
          customerId: args.filter?.customer ? decodeIdArg(args.filter.customer, 'Customer') : undefined,
        },
        args.after ? decodeIdArg(args.after, 'OrderEvent') : undefined,
      ),
    resolve: (event) => event,
  }),
);

const OrderCreatedEvent = builder.objectRef<OrderCreated>('OrderCreatedEvent').implement({
  description: 'A new order was created.',
  fields: (t) => ({
    status: t.field({ type: OrderStatus, description: 'Status it was created in.', resolve: (e) => e.status as OrderStatus }),
    at: t.field({ type: 'DateTime', description: 'When it was created.', resolve: (e) => e.at }),
    order: t.prismaField({
      type: 'Order',
      description: 'The new order, with the fields you select.',
      resolve: (query, event, _args, ctx) => eventOrder(query, ctx, event.orderId, `c${event.at}`),
    }),
  }),
});

builder.subscriptionField('orderCreated', (t) =>
  t.field({
    type: OrderCreatedEvent,
    description: 'Every new order of the tenant, after it is committed.',
    subscribe: (_root, _args, ctx) => liveEvents(ctx, 'orderCreated'),
    resolve: (event) => event,
  }),
);

const OrderStatusTile = builder.objectRef<StatusCount>('OrderStatusTile').implement({
  description: 'Number of orders in one status (a dashboard tile).',
  fields: (t) => ({
    status: t.field({ type: OrderStatus, description: 'The status.', resolve: (c) => c.status }),
    count: t.exposeInt('count', { description: 'Orders of the tenant in it.' }),
  }),
});

const OrderStatusCountsChangedEvent = builder.objectRef<StatusCounts>('OrderStatusCountsChangedEvent').implement({
  description: 'The orders per status after a change (same numbers as `orderStatusCounts` without a filter).',
  fields: (t) => ({
    counts: t.field({ type: [OrderStatusTile], description: 'Every status in lifecycle order, zeros included.', resolve: (e) => e.counts }),
    at: t.field({ type: 'DateTime', description: 'When they were counted.', resolve: (e) => e.at }),
  }),
});

builder.subscriptionField('orderStatusCountsChanged', (t) =>
  t.field({
    type: OrderStatusCountsChangedEvent,
    description:
      'The dashboard tiles: the current orders per status at once, then again whenever a count changes. Bursts of changes are coalesced into one message.',
    subscribe: (_root, _args, ctx) => statusCountChanges(ctx, liveSettingsOf(ctx.events).countsCoalesceMs),
    resolve: (counts) => counts,
  }),
);
