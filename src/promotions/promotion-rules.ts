// Which promotions apply to an order and for how much. Pure: no I/O.
//
//   eligible lines  = every line (allProducts) or the lines of the selected products
//   base            = PRODUCT: sum of the eligible lines' totals (after line discounts)
//                     SHIPPING: the order's shipping
//   amount          = PERCENTAGE: value % of the base, rounded once | NOMINAL: value;
//                     at most maxDiscount, at most what earlier promotions of the same
//                     type left of the base (automatic ones first, then coupons, by id)
//   minimums        = minQuantity: units of the eligible lines; minSubtotal: the order's subtotal
import type { DiscountType, PromotionGroup, PromotionPlatform, PromotionType } from '../db/generated/prisma/enums.js';
import { Decimal, dec, money, sum, type DecimalLike } from '../shared/money.js';
import type { IneligibleReason } from './errors.js';

export interface PromotionTerms {
  id: number;
  group: PromotionGroup;
  type: PromotionType;
  name: string;
  couponCode: string | null;
  discountType: DiscountType;
  discountValue: DecimalLike;
  maxDiscount: DecimalLike | null;
  startsAt: Date;
  endsAt: Date | null;
  quota: number | null;
  usedCount: number;
  perCustomerLimit: number | null;
  minQuantity: number | null;
  minSubtotal: DecimalLike | null;
  customerCategoryCodes: string[];
  platforms: PromotionPlatform[];
  allProducts: boolean;
  productIds: number[];
  isActive: boolean;
}

export interface PromotionOrderLine {
  productId: number | null;
  quantity: number;
  lineTotal: Decimal;
}

export interface PromotionOrder {
  at: Date;
  platform: PromotionPlatform;
  customerId: number | null;
  customerCategoryCode: string | null;
  lines: PromotionOrderLine[];
  subtotal: Decimal;
  shipping: Decimal;
  /** Order and shipping discounts entered by hand: promotions give at most what they leave. */
  orderDiscount?: Decimal;
  shippingDiscount?: Decimal;
}

export type Refusal =
  | { kind: 'EXPIRED' }
  | { kind: 'QUOTA'; limit: number }
  | { kind: 'MINIMUM'; quantity: number; subtotal: Decimal }
  | { kind: 'NOT_ELIGIBLE'; reason: IneligibleReason };

/** Seed 002 platforms by the order's lower-case channel code; every other channel is the order app. */
const PLATFORM_OF_CHANNEL: Record<string, PromotionPlatform> = {
  storefront: 'STOREFRONT',
  quick_order: 'QUICK_ORDER',
  'quick-order': 'QUICK_ORDER',
  privor: 'PRIVOR',
  promo: 'PROMO',
};

export function platformOfChannel(channel: string): PromotionPlatform {
  return PLATFORM_OF_CHANNEL[channel] ?? 'ORDER_APP';
}

export function isLive(p: Pick<PromotionTerms, 'isActive' | 'startsAt' | 'endsAt'>, at: Date): boolean {
  return p.isActive && p.startsAt.getTime() <= at.getTime() && (p.endsAt === null || at.getTime() <= p.endsAt.getTime());
}

function eligibleLines(p: PromotionTerms, order: PromotionOrder): PromotionOrderLine[] {
  if (p.allProducts) return order.lines;
  const selected = new Set(p.productIds);
  return order.lines.filter((l) => l.productId !== null && selected.has(l.productId));
}

/**
 * Why the promotion does not apply to the order, or null when it does. `held`: the order
 * already holds a use of it (an edit), so the window and the quota were checked when it was taken.
 */
export function refusal(p: PromotionTerms, order: PromotionOrder, held = false): Refusal | null {
  if (!held && !isLive(p, order.at)) return { kind: 'EXPIRED' };
  if (p.customerCategoryCodes.length && (order.customerCategoryCode === null || !p.customerCategoryCodes.includes(order.customerCategoryCode))) {
    return { kind: 'NOT_ELIGIBLE', reason: 'CUSTOMER_CATEGORY' };
  }
  if (p.platforms.length && !p.platforms.includes(order.platform)) return { kind: 'NOT_ELIGIBLE', reason: 'PLATFORM' };
  // Uses per customer are counted by customer: a guest order cannot take such a promotion.
  if (p.perCustomerLimit !== null && order.customerId === null) return { kind: 'NOT_ELIGIBLE', reason: 'CUSTOMER_REQUIRED' };
  const lines = eligibleLines(p, order);
  if (!lines.length) return { kind: 'NOT_ELIGIBLE', reason: 'PRODUCTS' };
  if (p.type === 'SHIPPING' && order.shipping.lte(0)) return { kind: 'NOT_ELIGIBLE', reason: 'NO_SHIPPING' };
  const quantity = lines.reduce((s, l) => s + l.quantity, 0);
  if ((p.minQuantity !== null && quantity < p.minQuantity) || (p.minSubtotal !== null && order.subtotal.lt(dec(p.minSubtotal)))) {
    return { kind: 'MINIMUM', quantity, subtotal: order.subtotal };
  }
  if (!held && p.quota !== null && p.usedCount >= p.quota) return { kind: 'QUOTA', limit: p.quota };
  return null;
}

export interface AppliedPromotion {
  promotion: PromotionTerms;
  amount: Decimal;
}

/** The amount of each promotion, in order; each within what the earlier ones of its type left. */
export function promotionAmounts(promotions: PromotionTerms[], order: PromotionOrder): AppliedPromotion[] {
  const left: Record<PromotionType, Decimal> = {
    PRODUCT: order.subtotal.minus(order.orderDiscount ?? 0),
    SHIPPING: order.shipping.minus(order.shippingDiscount ?? 0),
  };
  return promotions.map((p) => {
    const base = p.type === 'SHIPPING' ? order.shipping : sum(eligibleLines(p, order).map((l) => l.lineTotal));
    let amount = p.discountType === 'PERCENTAGE' ? money(base.times(dec(p.discountValue)).div(100)) : dec(p.discountValue);
    if (p.maxDiscount !== null && amount.gt(dec(p.maxDiscount))) amount = dec(p.maxDiscount);
    if (amount.gt(base)) amount = base;
    if (amount.gt(left[p.type])) amount = Decimal.max(left[p.type], 0);
    left[p.type] = left[p.type].minus(amount);
    return { promotion: p, amount };
  });
}

/** Automatic promotions first, then coupons; by id within each group. */
export function applicationOrder(promotions: PromotionTerms[]): PromotionTerms[] {
  return [...promotions].sort((a, b) => (a.group === b.group ? a.id - b.id : a.group === 'PROMO' ? -1 : 1));
}

/** Coupon codes compare case-insensitively: stored and matched upper-case. */
export function normalizeCouponCode(code: string): string {
  return code.trim().toUpperCase();
}
