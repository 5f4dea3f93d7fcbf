// courierCreate: adds a courier (expedition) the shop ships with.
import { builder } from '../../../graphql/builder.js';
import { DuplicateCourierError } from '../../courier-errors.js';
import { createCourier } from '../../courier-service.js';
import { courierPayload } from './courier-payload.js';

export const CourierCreateInput = builder.inputType('CourierCreateInput', {
  description: 'A new courier.',
  fields: (t) => ({
    code: t.string({
      required: true,
      description: 'Short code, unique per tenant, stored lower-case, at most 30 characters (letters, digits, "_", "." and "-"), e.g. "jne".',
    }),
    name: t.string({ required: true, description: 'Display name, at most 100 characters, e.g. "JNE Express".' }),
    supportsCod: t.boolean({ required: false, description: 'Whether it collects cash on delivery; default false.' }),
    isActive: t.boolean({ required: false, description: 'Whether new shipments may use it; default true.' }),
    flatFee: t.field({ type: 'Decimal', required: false, description: "A custom courier's price per shipment (e.g. the shop's own courier), quoted for any route." }),
  }),
});

const CourierCreatePayload = courierPayload('CourierCreatePayload', 'The courier created.');

builder.mutationField('courierCreate', (t) =>
  t.field({
    type: CourierCreatePayload,
    description: 'Adds a courier; a code already used is a DuplicateCourierError.',
    errors: { types: [DuplicateCourierError] },
    args: { input: t.arg({ type: CourierCreateInput, required: true, description: 'The courier.' }) },
    resolve: (_root, { input }, ctx) => createCourier(ctx, input),
  }),
);
