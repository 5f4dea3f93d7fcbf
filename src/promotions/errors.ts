// Expected failures of promotions: managing them, and applying a coupon to an order.
// The GraphQL object types live in graphql/error-types.ts.
import { DomainError } from '../shared/errors.js';

/** Another promotion of the tenant has this coupon code (codes compare case-insensitively). */
export class DuplicateCouponCodeError extends DomainError {
  readonly code = 'DUPLICATE_COUPON_CODE';
  constructor(readonly couponCode: string) {
    super(`Coupon code "${couponCode}" is already used by another promotion`);
  }
}

/** No coupon of the tenant has this code. */
export class UnknownCouponError extends DomainError {
  readonly code = 'UNKNOWN_COUPON';
  constructor(readonly couponCode: string) {
    super(`There is no coupon "${couponCode.slice(0, 60)}"`);
  }
}

/** The coupon is inactive, not started yet or past its end. */
export class PromotionExpiredError extends DomainError {
  readonly code = 'PROMOTION_EXPIRED';
  constructor(
    readonly couponCode: string,
    readonly startsAt: Date,
    readonly endsAt: Date | null,
    readonly isActive: boolean,
  ) {
    super(`Coupon "${couponCode}" is not valid now`);
  }
}

/** Every use of the promotion is taken (quota), or the customer used it as often as allowed. */
export class PromotionQuotaExhaustedError extends DomainError {
  readonly code = 'PROMOTION_QUOTA_EXHAUSTED';
  constructor(
    readonly promotionId: number,
    readonly promotionName: string,
    /** The limit reached: the total quota, or the uses per customer. */
    readonly limit: number,
    readonly perCustomer: boolean,
  ) {
    super(perCustomer ? `The customer has used "${promotionName}" ${limit} time(s) already, the most allowed` : `All ${limit} uses of "${promotionName}" are taken`);
  }
}

/** The order does not reach the promotion's minimum quantity or minimum subtotal. */
export class PromotionMinimumNotReachedError extends DomainError {
  readonly code = 'PROMOTION_MINIMUM_NOT_REACHED';
  constructor(
    readonly promotionId: number,
    readonly promotionName: string,
    readonly minQuantity: number | null,
    readonly minSubtotal: string | null,
    readonly quantity: number,
    readonly subtotal: string,
  ) {
    super(`The order does not reach the minimum of "${promotionName}"`);
  }
}

/** Why a promotion does not apply to an order apart from its window, usage and minimums. */
export type IneligibleReason = 'CUSTOMER_CATEGORY' | 'CUSTOMER_REQUIRED' | 'PLATFORM' | 'PRODUCTS' | 'NO_SHIPPING';

/** The promotion is not for this order: another customer category or platform, no product it covers, no shipping to discount. */
export class PromotionNotEligibleError extends DomainError {
  readonly code = 'PROMOTION_NOT_ELIGIBLE';
  constructor(
    readonly promotionId: number,
    readonly promotionName: string,
    readonly reason: IneligibleReason,
  ) {
    super(`"${promotionName}" does not apply to this order (${reason})`);
  }
}
