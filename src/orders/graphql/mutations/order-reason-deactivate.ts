// orderReasonDeactivate: stops offering a reason; rows that cite it keep it.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { deactivateReason } from '../../order-reason-service.js';
import { orderReasonPayload } from './order-reason-payload.js';

export const OrderReasonDeactivateInput = builder.inputType('OrderReasonDeactivateInput', {
  description: 'The reason to stop offering.',
  fields: (t) => ({
    reason: t.globalID({ required: true, description: 'Global id of the reason.' }),
  }),
});

const OrderReasonDeactivatePayload = orderReasonPayload('OrderReasonDeactivatePayload', 'The reason, now inactive.');

builder.mutationField('orderReasonDeactivate', (t) =>
  t.field({
    type: OrderReasonDeactivatePayload,
    description: 'Deactivates a reason (idempotent); reactivate it with orderReasonUpdate(isActive: true).',
    errors: { types: [] },
    args: { input: t.arg({ type: OrderReasonDeactivateInput, required: true, description: 'The reason.' }) },
    resolve: (_root, { input }, ctx) => deactivateReason(ctx, { reasonId: decodeIdArg(input.reason, 'OrderReason') }),
  }),
);
