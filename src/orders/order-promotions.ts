// Promotions and coupons in an order's totals (orderCreate, orderEdit): priced once
// without them, the promotions that apply are chosen from those figures, then the
// order is priced again with each one as a NOMINAL discount adjustment that names
// it, so tax and the COD fee follow the discounted figures.
import type { Db } from '../db/client.js';
import type { Tx } from '../db/transaction.js';
import { sum } from '../shared/money.js';
import { checkText, type InputPath, type Problems } from '../shared/validation.js';
import { choosePromotions, type PromotionAdjustment } from '../promotions/promotion-apply.js';
import { platformOfChannel } from '../promotions/promotion-rules.js';
import { priceOrder, type AdjustmentLineInput, type OrderPricing, type PricedLineInput } from './order-pricing.js';

export interface OrderPromotionContext {
  tenantId: number;
  channel: string;
  customerId: number | null;
  customerCategoryCode: string | null;
  couponCodes: string[];
  heldPromotionIds: number[];
  orderId?: number;
}

/** Coupon codes as given: at most 10, each 1 to 40 characters. */
export function checkCouponCodes(problems: Problems, path: InputPath, codes: string[] | null | undefined): void {
  if (!codes) return;
  problems.check(codes.length <= 10, path, 'must hold at most 10 codes');
  codes.forEach((code, index) => checkText(problems, [...path, index], code, { required: true, max: 40 }));
}

export async function priceWithPromotions(
  db: Db | Tx,
  context: OrderPromotionContext,
  lines: Array<PricedLineInput & { variationId: number | null }>,
  adjustments: AdjustmentLineInput[],
  priced: OrderPricing,
): Promise<{ priced: OrderPricing; promotions: PromotionAdjustment[] }> {
  const byCategory = (category: string) => sum(priced.adjustments.filter((a) => a.category === category).map((a) => a.amount));
  const promotions = await choosePromotions(db, {
    tenantId: context.tenantId,
    couponCodes: context.couponCodes,
    heldPromotionIds: context.heldPromotionIds,
    orderId: context.orderId,
    order: {
      at: new Date(),
      platform: platformOfChannel(context.channel),
      customerId: context.customerId,
      customerCategoryCode: context.customerCategoryCode,
      lines: lines.map((l, index) => ({ variationId: l.variationId, quantity: l.quantity, lineTotal: priced.lines[index]!.lineTotal })),
      subtotal: priced.totals.subtotal,
      shipping: priced.totals.shipping,
      orderDiscount: byCategory('DISCOUNT'),
      shippingDiscount: byCategory('SHIPPING_DISCOUNT'),
    },
  });
  if (!promotions.length) return { priced, promotions };
  const again = priceOrder(lines, [...adjustments, ...promotions.map((p) => ({ category: p.category, name: p.name, type: p.type, value: p.value }))]);
  return { priced: again, promotions };
}
