// orderSourceDeactivate: stops offering an order source; orders that name it keep it.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { deactivateOrderSource } from '../../order-source-service.js';
import { orderSourcePayload } from './order-source-payload.js';

export const OrderSourceDeactivateInput = builder.inputType('OrderSourceDeactivateInput', {
  description: 'The order source to stop offering.',
  fields: (t) => ({
    source: t.globalID({ required: true, description: 'Global id of the order source.' }),
  }),
});

const OrderSourceDeactivatePayload = orderSourcePayload('OrderSourceDeactivatePayload', 'The order source, now inactive.');

builder.mutationField('orderSourceDeactivate', (t) =>
  t.field({
    type: OrderSourceDeactivatePayload,
    description: 'Deactivates an order source (idempotent): new orders may no longer name it. Reactivate it with orderSourceUpdate(isActive: true).',
    errors: { types: [] },
    args: { input: t.arg({ type: OrderSourceDeactivateInput, required: true, description: 'The order source.' }) },
    resolve: (_root, { input }, ctx) => deactivateOrderSource(ctx, { sourceId: decodeIdArg(input.source, 'OrderSource') }),
  }),
);
