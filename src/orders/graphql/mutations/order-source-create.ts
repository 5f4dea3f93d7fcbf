// orderSourceCreate: adds a named sales channel to the tenant's order sources.
import { builder } from '../../../graphql/builder.js';
import { DuplicateOrderSourceError } from '../../order-source-errors.js';
import { createOrderSource } from '../../order-source-service.js';
import { orderSourcePayload } from './order-source-payload.js';

export const OrderSourceCreateInput = builder.inputType('OrderSourceCreateInput', {
  description: 'A new order source.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Name, unique per tenant (case-insensitively), at most 100 characters, e.g. "Instagram".' }),
    isActive: t.boolean({ required: false, description: 'Whether new orders may name it; default true.' }),
  }),
});

const OrderSourceCreatePayload = orderSourcePayload('OrderSourceCreatePayload', 'The order source created.');

builder.mutationField('orderSourceCreate', (t) =>
  t.field({
    type: OrderSourceCreatePayload,
    description: 'Adds an order source; a name already used is a DuplicateOrderSourceError.',
    errors: { types: [DuplicateOrderSourceError] },
    args: { input: t.arg({ type: OrderSourceCreateInput, required: true, description: 'The order source.' }) },
    resolve: (_root, { input }, ctx) => createOrderSource(ctx, input),
  }),
);
