// deliveryTypeUpdate: recodes, renames or (de)activates a delivery type.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { updateDeliveryType } from '../../delivery-type-service.js';
import { deliveryTypePayload } from './delivery-type-payload.js';

export const DeliveryTypeUpdateInput = builder.inputType('DeliveryTypeUpdateInput', {
  description: 'Changes to a delivery type; fields left out stay as they are.',
  fields: (t) => ({
    deliveryType: t.globalID({ required: true, description: 'Global id of the DeliveryType.' }),
    code: t.string({ required: false, description: 'New code, unique per shop.' }),
    name: t.string({ required: false, description: 'New display name.' }),
    needsCourier: t.boolean({ required: false, description: 'Whether orders of this type go with a courier.' }),
    isActive: t.boolean({ required: false, description: 'Offer it to new orders (true) or not (false).' }),
  }),
});

const DeliveryTypeUpdatePayload = deliveryTypePayload('DeliveryTypeUpdatePayload', 'The delivery type updated.');

builder.mutationField('deliveryTypeUpdate', (t) =>
  t.field({
    type: DeliveryTypeUpdatePayload,
    description: 'Updates a delivery type; orders that name it keep it.',
    errors: { types: [] },
    args: { input: t.arg({ type: DeliveryTypeUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) => updateDeliveryType(ctx, { ...input, deliveryTypeId: decodeIdArg(input.deliveryType, 'DeliveryType') }),
  }),
);
