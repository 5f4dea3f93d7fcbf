// Pure checks of a variation's prices: amounts, the category price list and the
// wholesale tiers (ranges valid, no two overlapping). Problems carry their path
// relative to the mutation's input.
import { Decimal } from '../../shared/money.js';
import type { InputPath, Problems } from '../../shared/validation.js';
import { tierRange } from '../price-resolution.js';

export const MAX_CATEGORY_PRICES = 50;
export const MAX_WHOLESALE_TIERS = 20;
/** Largest amount a Decimal(18, 2) column holds. */
const MAX_AMOUNT = new Decimal('9999999999999999.99');
/** Largest quantity a tier may name (a PostgreSQL integer). */
export const MAX_QUANTITY = 2_147_483_647;

/** A positive amount with at most 2 decimal places that fits the price columns. */
export function checkAmount(problems: Problems, path: InputPath, value: Decimal): boolean {
  if (!value.gt(0)) return problems.check(false, path, 'must be greater than 0');
  if (value.decimalPlaces() > 2) return problems.check(false, path, 'must have at most 2 decimal places');
  return problems.check(!value.gt(MAX_AMOUNT), path, `must be at most ${MAX_AMOUNT.toFixed(2)}`);
}

export interface TierInput {
  minQty: number;
  maxQty?: number | null;
  price: Decimal;
}

/**
 * Checks each tier (minQty >= 1, maxQty >= minQty or open, price) and then every
 * pair: two tiers whose ranges share a quantity are reported on the later one,
 * naming the other's path, e.g. wholesaleTiers.2.minQty "overlaps wholesaleTiers.0 (1-10)".
 */
export function checkTiers(problems: Problems, path: InputPath, tiers: TierInput[]): void {
  if (tiers.length > MAX_WHOLESALE_TIERS) {
    problems.add(path, `at most ${MAX_WHOLESALE_TIERS} tiers`);
    return;
  }
  const valid: Array<{ index: number; minQty: number; maxQty: number | null }> = [];
  tiers.forEach((tier, index) => {
    const at = [...path, index];
    const minOk = problems.check(tier.minQty >= 1, [...at, 'minQty'], 'must be at least 1');
    const maxQty = tier.maxQty ?? null;
    let maxOk = true;
    if (maxQty !== null) {
      if (maxQty > MAX_QUANTITY) maxOk = problems.check(false, [...at, 'maxQty'], `must be at most ${MAX_QUANTITY}`);
      else if (minOk) maxOk = problems.check(maxQty >= tier.minQty, [...at, 'maxQty'], `must be at least minQty (${tier.minQty})`);
    }
    checkAmount(problems, [...at, 'price'], tier.price);
    if (minOk && maxOk) valid.push({ index, minQty: tier.minQty, maxQty });
  });
  for (let j = 1; j < valid.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = valid[i]!;
      const b = valid[j]!;
      const aEnd = a.maxQty ?? Infinity;
      const bEnd = b.maxQty ?? Infinity;
      if (a.minQty <= bEnd && b.minQty <= aEnd) {
        problems.add([...path, b.index, 'minQty'], `tier ${tierRange(b)} overlaps ${[...path, a.index].join('.')} (${tierRange(a)})`);
        break;
      }
    }
  }
}

/** Each category listed once: a second entry for the same category is a problem on its path. */
export function checkDistinct<K>(problems: Problems, path: InputPath, keys: Array<K | null>, field: string): void {
  const seen = new Map<K, number>();
  keys.forEach((key, index) => {
    if (key === null) return;
    const first = seen.get(key);
    if (first !== undefined) problems.add([...path, index, field], `the same category as ${[...path, first].join('.')}`);
    else seen.set(key, index);
  });
}
