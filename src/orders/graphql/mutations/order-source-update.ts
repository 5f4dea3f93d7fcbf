// orderSourceUpdate: renames or (re)activates an order source.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { DuplicateOrderSourceError } from '../../order-source-errors.js';
import { updateOrderSource } from '../../order-source-service.js';
import { orderSourcePayload } from './order-source-payload.js';

export const OrderSourceUpdateInput = builder.inputType('OrderSourceUpdateInput', {
  description: 'Changes to an order source; fields left out stay as they are.',
  fields: (t) => ({
    source: t.globalID({ required: true, description: 'Global id of the order source.' }),
    name: t.string({ required: false, description: 'New name, unique per tenant (case-insensitively), at most 100 characters.' }),
    isActive: t.boolean({ required: false, description: 'Offer it to new orders (true) or not (false).' }),
  }),
});

const OrderSourceUpdatePayload = orderSourcePayload('OrderSourceUpdatePayload', 'The order source updated.');

builder.mutationField('orderSourceUpdate', (t) =>
  t.field({
    type: OrderSourceUpdatePayload,
    description: 'Updates an order source; a name already used is a DuplicateOrderSourceError. Orders that name it keep it.',
    errors: { types: [DuplicateOrderSourceError] },
    args: { input: t.arg({ type: OrderSourceUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      updateOrderSource(ctx, { sourceId: decodeIdArg(input.source, 'OrderSource'), name: input.name, isActive: input.isActive }),
  }),
);
