// shippingRateDelete: removes a rate; the route falls back to a rate of a wider region, if any.
import { builder } from '../../../graphql/builder.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { deleteShippingRate } from '../../shipping-catalog.js';

export const ShippingRateDeleteInput = builder.inputType('ShippingRateDeleteInput', {
  description: 'The rate to remove.',
  fields: (t) => ({
    rate: t.globalID({ required: true, description: 'Global id of the ShippingRate.' }),
  }),
});

const ShippingRateDeletePayload = builder.objectRef<{ rateId: number }>('ShippingRateDeletePayload').implement({
  description: 'The rate removed.',
  fields: (t) => ({
    deletedRateId: t.id({ description: 'Global id of the rate removed.', resolve: (p) => encodeGlobalID('ShippingRate', p.rateId) }),
  }),
});

builder.mutationField('shippingRateDelete', (t) =>
  t.field({
    type: ShippingRateDeletePayload,
    description: 'Removes a rate; quotes for its route fall back to a rate of a wider region, if one is set.',
    errors: { types: [] },
    args: { input: t.arg({ type: ShippingRateDeleteInput, required: true, description: 'The rate.' }) },
    resolve: (_root, { input }, ctx) => deleteShippingRate(ctx, { rateId: decodeIdArg(input.rate, 'ShippingRate') }),
  }),
);
