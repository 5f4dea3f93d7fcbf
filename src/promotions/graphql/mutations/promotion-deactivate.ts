// promotionDeactivate (seed 002 DELETE /promo/{id}: kept, switched off, as orders may name it).
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { setPromotionActive } from '../../promotion-service.js';
import { promotionPayload } from './promotion-fields.js';

const PromotionDeactivateInput = builder.inputType('PromotionDeactivateInput', {
  description: 'The promotion to switch off.',
  fields: (t) => ({ promotion: t.globalID({ required: true, description: 'Global id of the promotion.' }) }),
});

const PromotionDeactivatePayload = promotionPayload('PromotionDeactivatePayload', 'The promotion after the change.');

builder.mutationField('promotionDeactivate', (t) =>
  t.field({
    type: PromotionDeactivatePayload,
    description: 'Switches a promotion off: it applies to no new order or edit; orders that took it keep their discount, and it can be switched on again.',
    errors: { types: [] },
    args: { input: t.arg({ type: PromotionDeactivateInput, required: true, description: 'The promotion.' }) },
    resolve: (_root, { input }, ctx) => setPromotionActive(ctx, decodeIdArg(input.promotion, 'Promotion'), false),
  }),
);
