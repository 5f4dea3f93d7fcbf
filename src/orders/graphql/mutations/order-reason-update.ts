// orderReasonUpdate: renames, recodes or (re)activates a catalogued reason.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { DuplicateOrderReasonError } from '../../order-reason-errors.js';
import { updateReason } from '../../order-reason-service.js';
import { orderReasonPayload } from './order-reason-payload.js';

export const OrderReasonUpdateInput = builder.inputType('OrderReasonUpdateInput', {
  description: 'Changes to a reason; fields left out stay as they are. The kind cannot change.',
  fields: (t) => ({
    reason: t.globalID({ required: true, description: 'Global id of the reason.' }),
    code: t.string({ required: false, description: 'New code, unique per kind.' }),
    label: t.string({ required: false, description: 'New text shown to people.' }),
    isActive: t.boolean({ required: false, description: 'Offer it (true) or not (false).' }),
  }),
});

const OrderReasonUpdatePayload = orderReasonPayload('OrderReasonUpdatePayload', 'The reason updated.');

builder.mutationField('orderReasonUpdate', (t) =>
  t.field({
    type: OrderReasonUpdatePayload,
    description: 'Updates a reason of the catalogue; a code already used for its kind is a DuplicateOrderReasonError.',
    errors: { types: [DuplicateOrderReasonError] },
    args: { input: t.arg({ type: OrderReasonUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      updateReason(ctx, { reasonId: decodeIdArg(input.reason, 'OrderReason'), code: input.code, label: input.label, isActive: input.isActive }),
  }),
);
