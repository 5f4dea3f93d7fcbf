// shipmentPickupCancel: seed 002 POST /shipping/cancel-pickup.
import { WarehouseNotAllowedError } from '../../../auth/errors.js';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { InvalidShipmentStateError } from '../../errors.js';
import { cancelPickup } from '../../shipment-service.js';
import { shipmentPayload } from './shipment-payload.js';

export const ShipmentPickupCancelInput = builder.inputType('ShipmentPickupCancelInput', {
  description: 'Withdraws a pickup request.',
  fields: (t) => ({
    shipment: t.globalID({ required: true, description: 'Global id of the shipment.' }),
    reason: t.string({ required: false, description: 'Why (some couriers, e.g. JNE, require one); kept in the tracking history.' }),
  }),
});

const ShipmentPickupCancelPayload = shipmentPayload('ShipmentPickupCancelPayload', 'The shipment, READY_TO_SHIP again.');

builder.mutationField('shipmentPickupCancel', (t) =>
  t.field({
    type: ShipmentPickupCancelPayload,
    description: 'Cancels the pickup request of a PICKUP_REQUESTED shipment; it goes back to READY_TO_SHIP.',
    errors: { types: [InvalidShipmentStateError, WarehouseNotAllowedError] },
    args: { input: t.arg({ type: ShipmentPickupCancelInput, required: true, description: 'The shipment and reason.' }) },
    resolve: (_root, { input }, ctx) => cancelPickup(ctx, { shipmentId: decodeIdArg(input.shipment, 'Shipment'), reason: input.reason }),
  }),
);
