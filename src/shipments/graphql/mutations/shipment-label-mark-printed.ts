// shipmentLabelMarkPrinted: seed 001 shipping-label mark_as_printed, seed 002 is_print.
import { WarehouseNotAllowedError } from '../../../auth/errors.js';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { InvalidShipmentStateError } from '../../errors.js';
import { markLabelPrinted } from '../../shipment-service.js';
import { shipmentPayload } from './shipment-payload.js';

export const ShipmentLabelMarkPrintedInput = builder.inputType('ShipmentLabelMarkPrintedInput', {
  description: 'The shipment whose label was printed.',
  fields: (t) => ({
    shipment: t.globalID({ required: true, description: 'Global id of the shipment.' }),
  }),
});

const ShipmentLabelMarkPrintedPayload = shipmentPayload('ShipmentLabelMarkPrintedPayload', 'The shipment with its label print state.');

builder.mutationField('shipmentLabelMarkPrinted', (t) =>
  t.field({
    type: ShipmentLabelMarkPrintedPayload,
    description:
      'Records that the shipping label was printed, now and by the caller, on the shipment (labelPrintedAt / labelPrintedBy) ' +
      'and its order (printedAt / printedBy). GET labelUrl?markPrinted=true does the same while downloading.',
    errors: { types: [InvalidShipmentStateError, WarehouseNotAllowedError] },
    args: { input: t.arg({ type: ShipmentLabelMarkPrintedInput, required: true, description: 'The shipment.' }) },
    resolve: (_root, { input }, ctx) => markLabelPrinted(ctx, { shipmentId: decodeIdArg(input.shipment, 'Shipment') }),
  }),
);
