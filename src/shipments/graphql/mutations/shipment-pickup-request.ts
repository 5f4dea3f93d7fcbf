// shipmentPickupRequest: seed 002 POST /shipping/pickup-request, with seed 001's pickup options.
import { WarehouseNotAllowedError } from '../../../auth/errors.js';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { PickupOption } from '../../../db/generated/prisma/enums.js';
import { InvalidShipmentStateError } from '../../errors.js';
import { requestPickup } from '../../shipment-service.js';
import { shipmentPayload } from './shipment-payload.js';

export const ShipmentPickupRequestInput = builder.inputType('ShipmentPickupRequestInput', {
  description: 'Asks the courier to collect a package: a pickup option of the day, or an explicit slot.',
  fields: (t) => ({
    shipment: t.globalID({ required: true, description: 'Global id of the shipment (it needs a courier).' }),
    pickupOption: t.field({ type: PickupOption, required: false, description: 'Which pickup slot of the day.' }),
    slotStart: t.field({ type: 'DateTime', required: false, description: 'Start of the pickup slot; with slotEnd.' }),
    slotEnd: t.field({ type: 'DateTime', required: false, description: 'End of the pickup slot; after slotStart.' }),
    note: t.string({ required: false, description: 'Note for the courier, kept in the tracking history.' }),
  }),
});

const ShipmentPickupRequestPayload = shipmentPayload('ShipmentPickupRequestPayload', 'The shipment, now PICKUP_REQUESTED.');

builder.mutationField('shipmentPickupRequest', (t) =>
  t.field({
    type: ShipmentPickupRequestPayload,
    description: 'Requests a courier pickup for a PENDING or READY_TO_SHIP shipment; it becomes PICKUP_REQUESTED.',
    errors: { types: [InvalidShipmentStateError, WarehouseNotAllowedError] },
    args: { input: t.arg({ type: ShipmentPickupRequestInput, required: true, description: 'The pickup request.' }) },
    resolve: (_root, { input }, ctx) =>
      requestPickup(ctx, {
        shipmentId: decodeIdArg(input.shipment, 'Shipment'),
        pickupOption: input.pickupOption,
        slotStart: input.slotStart,
        slotEnd: input.slotEnd,
        note: input.note,
      }),
  }),
);
