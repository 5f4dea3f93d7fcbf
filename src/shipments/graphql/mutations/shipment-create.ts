// shipmentCreate: another package of an order (several per order, one per warehouse it leaves from).
import { WarehouseNotAllowedError } from '../../../auth/errors.js';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { OrderNotShippableError } from '../../errors.js';
import { createShipment } from '../../shipment-service.js';
import { shipmentPayload } from './shipment-payload.js';

export const ShipmentCreateInput = builder.inputType('ShipmentCreateInput', {
  description: 'A new package of an order that is PROCESSING, PACKED or SHIPPED.',
  fields: (t) => ({
    order: t.globalID({ required: true, description: 'Global id of the order.' }),
    warehouse: t.globalID({ required: false, description: "Warehouse it leaves from; default the order's origin warehouse." }),
    courier: t.globalID({ required: false, description: 'Active courier carrying it; can be set later with shipmentSetTracking.' }),
    serviceName: t.string({ required: false, description: 'Courier service, e.g. "REG".' }),
    trackingNumber: t.string({ required: false, description: 'AWB / tracking number, if already known (the shipment is then READY_TO_SHIP).' }),
    shippingCost: t.field({ type: 'Decimal', required: false, description: 'What the courier charges.' }),
    weightGrams: t.int({ required: false, description: 'Package weight in grams.' }),
    lengthCm: t.int({ required: false, description: 'Package length in centimetres.' }),
    widthCm: t.int({ required: false, description: 'Package width in centimetres.' }),
    heightCm: t.int({ required: false, description: 'Package height in centimetres.' }),
  }),
});

const ShipmentCreatePayload = shipmentPayload('ShipmentCreatePayload', 'The shipment created.');

builder.mutationField('shipmentCreate', (t) =>
  t.field({
    type: ShipmentCreatePayload,
    description: 'Creates an extra shipment for an order being prepared or sent (the ship transition creates the first one).',
    errors: { types: [OrderNotShippableError, WarehouseNotAllowedError] },
    args: { input: t.arg({ type: ShipmentCreateInput, required: true, description: 'The shipment.' }) },
    resolve: (_root, { input }, ctx) =>
      createShipment(ctx, {
        orderId: decodeIdArg(input.order, 'Order'),
        warehouseId: input.warehouse ? decodeIdArg(input.warehouse, 'Warehouse') : null,
        courierId: input.courier ? decodeIdArg(input.courier, 'Courier') : null,
        serviceName: input.serviceName,
        trackingNumber: input.trackingNumber,
        shippingCost: input.shippingCost,
        weightGrams: input.weightGrams,
        lengthCm: input.lengthCm,
        widthCm: input.widthCm,
        heightCm: input.heightCm,
      }),
  }),
);
