// promotionActivate.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { setPromotionActive } from '../../promotion-service.js';
import { promotionPayload } from './promotion-fields.js';

const PromotionActivateInput = builder.inputType('PromotionActivateInput', {
  description: 'The promotion to switch on.',
  fields: (t) => ({ promotion: t.globalID({ required: true, description: 'Global id of the promotion.' }) }),
});

const PromotionActivatePayload = promotionPayload('PromotionActivatePayload', 'The promotion after the change.');

builder.mutationField('promotionActivate', (t) =>
  t.field({
    type: PromotionActivatePayload,
    description: 'Switches a promotion on: it applies again to orders within its window and quota.',
    errors: { types: [] },
    args: { input: t.arg({ type: PromotionActivateInput, required: true, description: 'The promotion.' }) },
    resolve: (_root, { input }, ctx) => setPromotionActive(ctx, decodeIdArg(input.promotion, 'Promotion'), true),
  }),
);
