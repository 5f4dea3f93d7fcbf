// What one order line costs: the unit price the buyer's category, quantity and
// the odd manual override give, and the line discount (nominal, percentage or
// cascaded such as "10+5").
import type { DiscountType, PriceSource } from '../../db/generated/prisma/enums.js';
import type { VariationInfo } from './catalog.js';
import { bpsOf, cascadedDiscount, idr, percentOf, roundIdr } from './cents.js';
import type { OrderDraft } from './order-draft.js';
import type { Rng } from './random.js';
import { tierFor } from './variation-prices.js';

export function unitPrice(rng: Rng, draft: OrderDraft, variation: VariationInfo, qty: number): { unit: number; source: PriceSource } {
  // Internal orders move goods at cost.
  if (draft.internal) return { unit: variation.cost, source: 'COST' };
  const { category, categorySpec } = draft;
  let unit = variation.price;
  let source: PriceSource = 'BASE';
  const catPrice = category === null ? undefined : variation.categoryPrices.get(category);
  if (catPrice !== undefined && catPrice < unit) {
    unit = catPrice;
    source = 'CATEGORY';
  }
  if (categorySpec?.wholesaleAccess ?? true) {
    const tier = tierFor(variation.tiers, qty);
    if (tier && tier.price < unit) {
      unit = tier.price;
      source = 'WHOLESALE';
    }
  }
  if (rng.chance(0.015)) {
    unit = roundIdr(unit * 0.9, 500);
    source = 'OVERRIDE';
  }
  return { unit, source };
}

export interface LineDiscount {
  type: DiscountType | null;
  value: string | null;
  amount: number;
}

export function lineDiscount(rng: Rng, draft: OrderDraft, gross: number, qty: number): LineDiscount {
  if (draft.internal || !(draft.categorySpec?.discountAccess ?? true) || !rng.chance(0.15)) return { type: null, value: null, amount: 0 };
  const type = rng.weighted([['NOMINAL', 35], ['PERCENTAGE', 45], ['CASCADED', 20]] as const);
  if (type === 'NOMINAL') {
    const value = String(rng.pick([2_000, 5_000, 10_000]) * qty);
    return { type, value, amount: Math.min(idr(Number(value)), Math.floor(gross / 200) * 100) };
  }
  if (type === 'PERCENTAGE') {
    const value = rng.pick(['5', '10', '15', '20']);
    return { type, value, amount: percentOf(gross, bpsOf(value)) };
  }
  const value = rng.weighted([['10+5', 40], ['20+10', 30], ['15+5+2', 20], ['55.05+3', 10]] as const);
  return { type, value, amount: cascadedDiscount(gross, value) };
}
