// Live shipments: a shipment was created or its tracking status moved.
import { builder } from '../../graphql/builder.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import type { ShipmentTracked } from '../../events/topics.js';
import { liveEvents } from '../../events/live-stream.js';
import { selectionKey, sharedRead } from '../../events/shared-read.js';
import { eventOrder } from '../../graphql/event-order.js';
import { ShipmentStatusEnum } from './types.js';
import type { ShipmentStatus } from '../../db/generated/prisma/enums.js';

const ShipmentTrackedEvent = builder.objectRef<ShipmentTracked>('ShipmentTrackedEvent').implement({
  description: 'A shipment changed status (created, picked up, in transit, delivered, ...).',
  fields: (t) => ({
    status: t.field({ type: ShipmentStatusEnum, description: 'Its status now.', resolve: (e) => e.status as ShipmentStatus }),
    at: t.field({ type: 'DateTime', description: 'When it changed.', resolve: (e) => e.at }),
    shipment: t.prismaField({
      type: 'Shipment',
      description: 'The shipment, with the fields you select.',
      resolve: (query, event, _args, ctx) =>
        sharedRead(ctx.prisma, `shipment:${ctx.tenantId}:${event.shipmentId}:${event.status}:${event.at}:${selectionKey(query)}`, () =>
          ctx.prisma.shipment.findUniqueOrThrow({ ...query, where: { id: event.shipmentId, tenantId: ctx.tenantId } }),
        ),
    }),
    order: t.prismaField({
      type: 'Order',
      description: 'The order shipped.',
      resolve: (query, event, _args, ctx) => eventOrder(query, ctx, event.orderId, `s${event.shipmentId}:${event.status}:${event.at}`),
    }),
  }),
});

builder.subscriptionField('shipmentTracked', (t) =>
  t.field({
    type: ShipmentTrackedEvent,
    description: 'Every shipment status change of the tenant, after it is committed.',
    args: { order: t.arg.globalID({ required: false, description: 'Only shipments of this order.' }) },
    subscribe: (_root, args, ctx) => {
      const orderId = args.order ? decodeIdArg(args.order, 'Order') : undefined;
      return liveEvents(ctx, 'shipmentTracked', (e) => orderId === undefined || e.orderId === orderId);
    },
    resolve: (event) => event,
  }),
);
