// A variation's other prices: per customer category (seed 002 price1..price3) and
// wholesale tiers by quantity, never below cost plus 5%.
import { roundIdr } from './cents.js';
import { CUSTOMER_CATEGORIES } from './customer-categories.js';
import type { Rng } from './random.js';
import type { TenantRows } from './tenant-rows.js';

export interface WholesaleTier {
  min: number;
  max: number | null;
  price: number;
}

export interface VariationPrices {
  /** Customer category row index -> price. */
  categoryPrices: Map<number, number>;
  tiers: WholesaleTier[];
}

export function addVariationPrices(rng: Rng, rows: TenantRows, variation: number, price: number, cost: number): VariationPrices {
  const floor = roundIdr(cost * 1.05, 100);
  const prices: VariationPrices = { categoryPrices: new Map(), tiers: [] };
  CUSTOMER_CATEGORIES.forEach((cat, k) => {
    if (cat.factor === null || !rng.chance(cat.coverage)) return;
    const catPrice = Math.max(roundIdr(price * cat.factor, 100), floor);
    prices.categoryPrices.set(k, catPrice);
    rows.add('VariationPrice', { variationId: variation, customerCategoryId: k, price: catPrice });
  });
  if (rng.chance(0.3)) {
    const firstMin = rng.pick([3, 5, 6]);
    const tierCount = rng.int(2, 3);
    for (let t = 0; t < tierCount; t++) {
      const min = firstMin * 2 ** t;
      const max = t === tierCount - 1 ? null : firstMin * 2 ** (t + 1) - 1;
      const tierPrice = Math.max(roundIdr(price * (0.95 - 0.04 * t), 100), floor);
      prices.tiers.push({ min, max, price: tierPrice });
      rows.add('WholesalePrice', { variationId: variation, minQty: min, maxQty: max, price: tierPrice });
    }
  }
  return prices;
}

/** The tier that applies to `qty` units on one line, if any. */
export function tierFor(tiers: readonly WholesaleTier[], qty: number): WholesaleTier | undefined {
  return tiers.find((t) => qty >= t.min && (t.max === null || qty <= t.max));
}
