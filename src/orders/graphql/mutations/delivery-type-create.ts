// deliveryTypeCreate: adds a way orders reach buyers.
import { builder } from '../../../graphql/builder.js';
import { createDeliveryType } from '../../delivery-type-service.js';
import { deliveryTypePayload } from './delivery-type-payload.js';

export const DeliveryTypeCreateInput = builder.inputType('DeliveryTypeCreateInput', {
  description: 'A new delivery type.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Code, unique per shop, stored upper-case (spaces become "_"), at most 30 characters, e.g. "SELF_DELIVERY".' }),
    name: t.string({ required: true, description: 'Display name, at most 100 characters.' }),
    needsCourier: t.boolean({ required: false, description: 'Whether orders of this type go with a courier; default true.' }),
    isActive: t.boolean({ required: false, description: 'Whether new orders may name it; default true.' }),
  }),
});

const DeliveryTypeCreatePayload = deliveryTypePayload('DeliveryTypeCreatePayload', 'The delivery type created.');

builder.mutationField('deliveryTypeCreate', (t) =>
  t.field({
    type: DeliveryTypeCreatePayload,
    description: 'Adds a delivery type; a code already used is a ValidationError.',
    errors: { types: [] },
    args: { input: t.arg({ type: DeliveryTypeCreateInput, required: true, description: 'The delivery type.' }) },
    resolve: (_root, { input }, ctx) => createDeliveryType(ctx, input),
  }),
);
