// Which unit price an order line gets, and why. Pure: the caller loads the
// variation's prices and the customer's category. Rules:
//   1. the customer category's price for the variation, when it has one, else the base price;
//   2. a wholesale tier whose [minQty, maxQty] holds the quantity replaces it when lower,
//      unless the category has no wholesale access (a guest, without category, has access).
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

/** "10-49" or "50+": a tier's range as people write it. */
export function tierRange(tier: Pick<PriceTier, 'minQty' | 'maxQty'>): string {
  return tier.maxQty === null ? `${tier.minQty}+` : `${tier.minQty}-${tier.maxQty}`;
}

/**
 * The tier whose range holds the quantity. Stored tiers never overlap (validated on
 * write); should they, the one with the highest minimum wins, as the most specific.
 */
export function tierFor(tiers: PriceTier[], quantity: number): PriceTier | null {
  let found: PriceTier | null = null;
  for (const t of tiers) {
    if (quantity >= t.minQty && (t.maxQty === null || quantity <= t.maxQty) && (!found || t.minQty > found.minQty)) found = t;
  }
  return found;
}

function startingPrice(input: PricingInput): ResolvedPrice {
  const { category } = input;
  if (category && input.categoryPrice !== null && input.categoryPrice !== undefined) {
    return { unitPrice: dec(input.categoryPrice), source: 'CATEGORY', tier: null, reason: `price of customer category ${category.code} (${category.name})` };
  }
  const reason = category ? `base price (customer category ${category.code} has no price of its own for this variation)` : 'base price';
  return { unitPrice: dec(input.basePrice), source: 'BASE', tier: null, reason };
}

export function resolvePrice(input: PricingInput): ResolvedPrice {
  const { category, quantity } = input;
  const result = startingPrice(input);
  const tier = tierFor(input.tiers, quantity);
  if (!tier) return result;
  if (category && !category.wholesaleAccess) {
    return { ...result, reason: `${result.reason}; customer category ${category.code} has no wholesale access` };
  }
  if (!dec(tier.price).lt(result.unitPrice)) {
    return { ...result, reason: `${result.reason}; the wholesale tier ${tierRange(tier)} is not lower` };
  }
  return { unitPrice: dec(tier.price), source: 'WHOLESALE', tier, reason: `wholesale tier ${tierRange(tier)} units for quantity ${quantity}` };
}
