// orderReasonCreate: adds a reason to the tenant's catalogue (seed 000 order reasons).
import { builder } from '../../../graphql/builder.js';
import { ReasonKind } from '../../../db/generated/prisma/enums.js';
import { DuplicateOrderReasonError } from '../../order-reason-errors.js';
import { createReason } from '../../order-reason-service.js';
import { orderReasonPayload } from './order-reason-payload.js';

export const OrderReasonCreateInput = builder.inputType('OrderReasonCreateInput', {
  description: 'A new cancel, return or pending reason.',
  fields: (t) => ({
    kind: t.field({ type: ReasonKind, required: true, description: 'What the reason is used for.' }),
    code: t.string({ required: true, description: 'Short code, unique per kind, e.g. "OUT_OF_STOCK".' }),
    label: t.string({ required: true, description: 'Text shown to people.' }),
    isActive: t.boolean({ required: false, description: 'Whether it is offered; default true.' }),
  }),
});

const OrderReasonCreatePayload = orderReasonPayload('OrderReasonCreatePayload', 'The reason created.');

builder.mutationField('orderReasonCreate', (t) =>
  t.field({
    type: OrderReasonCreatePayload,
    description: 'Adds a reason to the catalogue; a code already used for the kind is a DuplicateOrderReasonError.',
    errors: { types: [DuplicateOrderReasonError] },
    args: { input: t.arg({ type: OrderReasonCreateInput, required: true, description: 'The reason.' }) },
    resolve: (_root, { input }, ctx) => createReason(ctx, input),
  }),
);
