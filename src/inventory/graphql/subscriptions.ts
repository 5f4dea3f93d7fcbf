// Live stock: a stock level changed (receipt, reservation, shipment, adjustment, ...).
import { builder } from '../../graphql/builder.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import type { StockLevelChanged } from '../../events/topics.js';
import { liveEvents } from '../../events/live-stream.js';
import { selectionKey, sharedRead } from '../../events/shared-read.js';

const StockLevelChangedEvent = builder.objectRef<StockLevelChanged>('StockLevelChangedEvent').implement({
  description: 'The stock of one variation in one warehouse changed.',
  fields: (t) => ({
    onHand: t.exposeInt('onHand', { description: 'Units in the warehouse after the change.' }),
    reserved: t.exposeInt('reserved', { description: 'Units promised to orders after the change.' }),
    inTransit: t.int({ description: 'Units shipped here by transfers and not yet received, after the change.', resolve: (e) => e.inTransit ?? 0 }),
    available: t.int({ description: 'Units that can still be sold: on hand minus reserved.', resolve: (e) => e.onHand - e.reserved }),
    at: t.field({ type: 'DateTime', description: 'When it changed.', resolve: (e) => e.at }),
    variation: t.prismaField({
      type: 'Variation',
      description: 'The variation, with the fields you select.',
      resolve: (query, event, _args, ctx) =>
        sharedRead(ctx.prisma, `variation:${ctx.tenantId}:${event.variationId}:${event.warehouseId}:${event.at}:${selectionKey(query)}`, () =>
          ctx.prisma.variation.findUniqueOrThrow({ ...query, where: { id: event.variationId, tenantId: ctx.tenantId } }),
        ),
    }),
    warehouse: t.prismaField({
      type: 'Warehouse',
      description: 'The warehouse.',
      resolve: (query, event, _args, ctx) =>
        sharedRead(ctx.prisma, `warehouse:${ctx.tenantId}:${event.warehouseId}:${event.variationId}:${event.at}:${selectionKey(query)}`, () =>
          ctx.prisma.warehouse.findUniqueOrThrow({ ...query, where: { id: event.warehouseId, tenantId: ctx.tenantId } }),
        ),
    }),
  }),
});

builder.subscriptionField('stockLevelChanged', (t) =>
  t.field({
    type: StockLevelChangedEvent,
    description: 'Every stock level change of the tenant, after it is committed.',
    args: {
      variation: t.arg.globalID({ required: false, description: 'Only this variation.' }),
      warehouse: t.arg.globalID({ required: false, description: 'Only this warehouse.' }),
    },
    subscribe: (_root, args, ctx) => {
      const variationId = args.variation ? decodeIdArg(args.variation, 'Variation') : undefined;
      const warehouseId = args.warehouse ? decodeIdArg(args.warehouse, 'Warehouse') : undefined;
      return liveEvents(
        ctx,
        'stockLevelChanged',
        (e) => (variationId === undefined || e.variationId === variationId) && (warehouseId === undefined || e.warehouseId === warehouseId),
      );
    },
    resolve: (event) => event,
  }),
);
