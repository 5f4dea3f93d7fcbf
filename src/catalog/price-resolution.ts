// Which unit price an order line gets, and why. Pure: the caller loads the
// variation's prices and the customer's category. Rules:
//   1. the customer category's price for the variation, when it has one, else the base price;
//   2. a wholesale tier whose [minQty, maxQty] holds the quantity replaces it when lower,
//      unless the category has no wholesale access.
import { dec, type Decimal, type DecimalLike } from '../shared/money.js';

export interface PriceTier {
  id: number;
  minQty: number;
  maxQty: number | null;
  price: DecimalLike;
}

export interface PricingCategory {
  id: number;
  code: string;
  name: string;
  wholesaleAccess: boolean;
}

export interface PricingInput {
  basePrice: DecimalLike;
  /** The category's price for this variation (VariationPrice), when one is set. */
  categoryPrice?: DecimalLike | null;
  category?: PricingCategory | null;
  tiers: PriceTier[];
  quantity: number;
}

export type PriceSourceName = 'BASE' | 'CATEGORY' | 'WHOLESALE';

export interface ResolvedPrice {
  unitPrice: Decimal;
  source: PriceSourceName;
  /** The wholesale tier applied, when source is WHOLESALE. */
  tier: PriceTier | null;
  /** One sentence for people: which rule gave the price. */
  reason: string;
}

export function tierFor(tiers: PriceTier[], quantity: number): PriceTier | null {
  return tiers.find((t) => quantity >= t.minQty && (t.maxQty === null || quantity <= t.maxQty)) ?? null;
}

export function resolvePrice(input: PricingInput): ResolvedPrice {
  const { category, quantity } = input;
  let result: ResolvedPrice =
    input.categoryPrice !== null && input.categoryPrice !== undefined && category
      ? { unitPrice: dec(input.categoryPrice), source: 'CATEGORY', tier: null, reason: `price of customer category ${category.code} (${category.name})` }
      : { unitPrice: dec(input.basePrice), source: 'BASE', tier: null, reason: 'base price' };
  const tier = tierFor(input.tiers, quantity);
  if (tier && category && !category.wholesaleAccess) {
    return { ...result, reason: `${result.reason}; customer category ${category.code} has no wholesale access` };
  }
  if (tier && dec(tier.price).lt(result.unitPrice)) {
    const range = tier.maxQty === null ? `${tier.minQty}+` : `${tier.minQty}-${tier.maxQty}`;
    result = { unitPrice: dec(tier.price), source: 'WHOLESALE', tier, reason: `wholesale tier ${range} units for quantity ${quantity}` };
  }
  return result;
}
