// promotionCreate (seed 002 POST /promo).
import { builder } from '../../../graphql/builder.js';
import { createPromotion } from '../../promotion-service.js';
import { DuplicateCouponCodeError } from '../error-types.js';
import { PromotionCreateInput, promotionFields, promotionPayload } from './promotion-fields.js';

const PromotionCreatePayload = promotionPayload('PromotionCreatePayload', 'The promotion created.');

builder.mutationField('promotionCreate', (t) =>
  t.field({
    type: PromotionCreatePayload,
    description: 'Creates a promotion or coupon; a coupon code another promotion has is a DuplicateCouponCodeError.',
    errors: { types: [DuplicateCouponCodeError] },
    args: { input: t.arg({ type: PromotionCreateInput, required: true, description: 'The promotion.' }) },
    resolve: (_root, { input }, ctx) => createPromotion(ctx, promotionFields(input)),
  }),
);
