// promotionUpdate (seed 002 PATCH /promo).
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { updatePromotion } from '../../promotion-service.js';
import { DuplicateCouponCodeError } from '../error-types.js';
import { promotionFields, promotionInput, promotionPayload } from './promotion-fields.js';

const PromotionChanges = promotionInput(
  'PromotionChangesInput',
  'Changes to a promotion: fields left out stay; null clears a limit or a list. Orders that took it keep their discount.',
  false,
);

const PromotionUpdateInput = builder.inputType('PromotionUpdateInput', {
  description: 'A promotion and its changes.',
  fields: (t) => ({
    promotion: t.globalID({ required: true, description: 'Global id of the promotion.' }),
    changes: t.field({ type: PromotionChanges, required: true, description: 'What changes.' }),
  }),
});

const PromotionUpdatePayload = promotionPayload('PromotionUpdatePayload', 'The promotion updated.');

builder.mutationField('promotionUpdate', (t) =>
  t.field({
    type: PromotionUpdatePayload,
    description: 'Changes a promotion or coupon; the quota cannot go below the uses already taken.',
    errors: { types: [DuplicateCouponCodeError] },
    args: { input: t.arg({ type: PromotionUpdateInput, required: true, description: 'The promotion and its changes.' }) },
    resolve: (_root, { input }, ctx) => updatePromotion(ctx, decodeIdArg(input.promotion, 'Promotion'), promotionFields(input.changes)),
  }),
);
