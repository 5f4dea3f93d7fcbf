// GraphQL shapes of the promotion errors.
import { builder } from '../../graphql/builder.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { errorType } from '../../graphql/errors.js';
import {
  DuplicateCouponCodeError,
  PromotionExpiredError,
  PromotionMinimumNotReachedError,
  PromotionNotEligibleError,
  PromotionQuotaExhaustedError,
  UnknownCouponError,
} from '../errors.js';

const PromotionIneligibleReason = builder.enumType('PromotionIneligibleReason', {
  description: 'Why a promotion is not for an order.',
  values: {
    CUSTOMER_CATEGORY: { description: "The order's customer is in none of the promotion's customer categories (or the order has no customer)." },
    CUSTOMER_REQUIRED: { description: 'The promotion limits uses per customer and the order has no customer.' },
    PLATFORM: { description: "The order's platform (from its channel) is not one of the promotion's platforms." },
    PRODUCTS: { description: 'No line of the order is a product the promotion covers.' },
    NO_SHIPPING: { description: 'A shipping promotion, and the order has no shipping to discount.' },
  } as const,
});

errorType(DuplicateCouponCodeError, {
  description: 'Another promotion of the shop has this coupon code (codes compare case-insensitively); nothing was written.',
  fields: (t) => ({ couponCode: t.exposeString('couponCode', { description: 'The code already in use.' }) }),
});

errorType(UnknownCouponError, {
  description: 'No coupon of the shop has this code; nothing was written.',
  fields: (t) => ({ couponCode: t.exposeString('couponCode', { description: 'The code given, upper-case.' }) }),
});

errorType(PromotionExpiredError, {
  description: 'The coupon is switched off, not started yet or past its end; nothing was written.',
  fields: (t) => ({
    couponCode: t.exposeString('couponCode', { description: 'The code given.' }),
    startsAt: t.expose('startsAt', { type: 'DateTime', description: 'From when it applies.' }),
    endsAt: t.expose('endsAt', { type: 'DateTime', nullable: true, description: 'Until when it applies.' }),
    isActive: t.exposeBoolean('isActive', { description: 'False when it is switched off.' }),
  }),
});

errorType(PromotionQuotaExhaustedError, {
  description: 'Every use of the coupon is taken, or the customer has used it as often as allowed; nothing was written.',
  fields: (t) => ({
    promotionId: t.id({ description: 'Global id of the promotion.', resolve: (e) => encodeGlobalID('Promotion', e.promotionId) }),
    promotionName: t.exposeString('promotionName', { description: 'Its name.' }),
    limit: t.exposeInt('limit', { description: 'The limit reached.' }),
    perCustomer: t.exposeBoolean('perCustomer', { description: "True: the customer's own limit; false: the total quota." }),
  }),
});

errorType(PromotionMinimumNotReachedError, {
  description: 'The order does not reach the minimum quantity or subtotal of the coupon; nothing was written.',
  fields: (t) => ({
    promotionId: t.id({ description: 'Global id of the promotion.', resolve: (e) => encodeGlobalID('Promotion', e.promotionId) }),
    promotionName: t.exposeString('promotionName', { description: 'Its name.' }),
    minQuantity: t.exposeInt('minQuantity', { nullable: true, description: 'Units of the covered products it needs.' }),
    minSubtotal: t.exposeString('minSubtotal', { nullable: true, description: 'Subtotal it needs.' }),
    quantity: t.exposeInt('quantity', { description: 'Units of the covered products in the order.' }),
    subtotal: t.exposeString('subtotal', { description: "The order's subtotal." }),
  }),
});

errorType(PromotionNotEligibleError, {
  description: 'The coupon is not for this order (customer category, platform, products, shipping); nothing was written.',
  fields: (t) => ({
    promotionId: t.id({ description: 'Global id of the promotion.', resolve: (e) => encodeGlobalID('Promotion', e.promotionId) }),
    promotionName: t.exposeString('promotionName', { description: 'Its name.' }),
    reason: t.field({ type: PromotionIneligibleReason, description: 'Why not.', resolve: (e) => e.reason }),
  }),
});

/** The errors applying a coupon can give, for orderCreate and orderEdit. */
export const PROMOTION_APPLY_ERRORS = [UnknownCouponError, PromotionExpiredError, PromotionQuotaExhaustedError, PromotionMinimumNotReachedError, PromotionNotEligibleError];

export { DuplicateCouponCodeError };
