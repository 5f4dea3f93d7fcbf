// shipmentSetTracking: seed 002 POST /order/awb-number/add (courier, service and AWB of a package).
import { WarehouseNotAllowedError } from '../../../auth/errors.js';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { InvalidShipmentStateError } from '../../errors.js';
import { setTracking } from '../../shipment-service.js';
import { shipmentPayload } from './shipment-payload.js';

export const ShipmentSetTrackingInput = builder.inputType('ShipmentSetTrackingInput', {
  description: 'The courier and tracking (AWB) number of a shipment.',
  fields: (t) => ({
    shipment: t.globalID({ required: true, description: 'Global id of the shipment.' }),
    courier: t.globalID({ required: true, description: 'Active courier carrying it.' }),
    trackingNumber: t.string({ required: true, description: 'Air waybill (AWB) / tracking number issued by the courier.' }),
    serviceName: t.string({ required: false, description: 'Courier service, e.g. "REG" or "YES".' }),
  }),
});

const ShipmentSetTrackingPayload = shipmentPayload('ShipmentSetTrackingPayload', 'The shipment with its tracking number.');

builder.mutationField('shipmentSetTracking', (t) =>
  t.field({
    type: ShipmentSetTrackingPayload,
    description: 'Sets courier, service and tracking number; a PENDING shipment becomes READY_TO_SHIP. Refused once delivered, returned or cancelled.',
    errors: { types: [InvalidShipmentStateError, WarehouseNotAllowedError] },
    args: { input: t.arg({ type: ShipmentSetTrackingInput, required: true, description: 'Courier and tracking number.' }) },
    resolve: (_root, { input }, ctx) =>
      setTracking(ctx, {
        shipmentId: decodeIdArg(input.shipment, 'Shipment'),
        courierId: decodeIdArg(input.courier, 'Courier'),
        trackingNumber: input.trackingNumber,
        serviceName: input.serviceName,
      }),
  }),
);
