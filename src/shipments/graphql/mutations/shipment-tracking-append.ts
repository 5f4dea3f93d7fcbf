// shipmentTrackingAppend: courier updates (seed 001 delivery_history, seed 002 expedition tracking history).
import { WarehouseNotAllowedError } from '../../../auth/errors.js';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { InvalidShipmentStateError } from '../../errors.js';
import { appendTracking } from '../../shipment-service.js';

export const ShipmentTrackingEventInput = builder.inputType('ShipmentTrackingEventInput', {
  description: 'One tracking step as the courier reports it.',
  fields: (t) => ({
    status: t.string({
      required: true,
      description:
        'Courier status word, e.g. "in_transit", "delivered" or "PICKREQ", "IN", "OUT", "ANT", "DELIVERED". ' +
        'Known words move the shipment status forward; others are kept as history only.',
    }),
    location: t.string({ required: false, description: 'Where it happened, e.g. "Jakarta".' }),
    description: t.string({ required: false, description: "The courier's description of the step." }),
    occurredAt: t.field({ type: 'DateTime', required: true, description: 'When it happened.' }),
  }),
});

export const ShipmentTrackingAppendInput = builder.inputType('ShipmentTrackingAppendInput', {
  description: 'Tracking steps to add to a shipment; steps already stored are skipped, so a whole history may be resent.',
  fields: (t) => ({
    shipment: t.globalID({ required: true, description: 'Global id of the shipment.' }),
    events: t.field({ type: [ShipmentTrackingEventInput], required: true, description: 'The steps, in any order (1 to 200).' }),
  }),
});

const ShipmentTrackingAppendPayload = builder.objectRef<{ shipmentId: number; appended: number }>('ShipmentTrackingAppendPayload').implement({
  description: 'The shipment with its tracking history and status after the update.',
  fields: (t) => ({
    shipment: t.prismaField({
      type: 'Shipment',
      description: 'The shipment after the update.',
      resolve: (query, p, _args, ctx) => ctx.prisma.shipment.findUniqueOrThrow({ ...query, where: { id: p.shipmentId } }),
    }),
    appended: t.exposeInt('appended', { description: 'How many steps were new (steps already stored are not added twice).' }),
  }),
});

builder.mutationField('shipmentTrackingAppend', (t) =>
  t.field({
    type: ShipmentTrackingAppendPayload,
    description:
      'Adds courier tracking steps. The shipment status follows the latest known step and never goes back ' +
      '(delivered sets DELIVERED and deliveredAt). Publishes shipmentTracked.',
    errors: { types: [InvalidShipmentStateError, WarehouseNotAllowedError] },
    args: { input: t.arg({ type: ShipmentTrackingAppendInput, required: true, description: 'The shipment and its new steps.' }) },
    resolve: (_root, { input }, ctx) =>
      appendTracking(ctx, {
        shipmentId: decodeIdArg(input.shipment, 'Shipment'),
        events: input.events.map((e) => ({ status: e.status, location: e.location, description: e.description, occurredAt: e.occurredAt })),
      }),
  }),
);
