// The price resolution table of resolvePrice (pure): customer categories with and
// without wholesale access, with and without a price of their own, across the
// quantities around each wholesale tier's bounds.
import { describe, expect, it } from 'vitest';
import { resolvePrice, tierFor, type PriceTier, type PricingCategory } from '../../src/catalog/price-resolution.js';

const tiers: PriceTier[] = [
  { id: 1, minQty: 10, maxQty: 49, price: '9000' },
  { id: 2, minQty: 50, maxQty: null, price: '8000' },
];

const categories: Record<string, { category: PricingCategory | null; categoryPrice: string | null }> = {
  guest: { category: null, categoryPrice: null },
  N: { category: { id: 1, code: 'N', name: 'Pelanggan', wholesaleAccess: true }, categoryPrice: null },
  Y: { category: { id: 2, code: 'Y', name: 'Reseller', wholesaleAccess: true }, categoryPrice: '8500' },
  D: { category: { id: 3, code: 'D', name: 'Dropshipper', wholesaleAccess: false }, categoryPrice: '9000' },
  AG: { category: { id: 4, code: 'AG', name: 'Agen', wholesaleAccess: false }, categoryPrice: null },
};

describe('resolvePrice with base 10000 and tiers 10-49 at 9000, 50+ at 8000', () => {
  it.each([
    // buyer, quantity, unit price, source, tier id, words in the reason
    ['guest', 1, '10000', 'BASE', null, 'base price'],
    ['guest', 9, '10000', 'BASE', null, 'base price'],
    ['guest', 10, '9000', 'WHOLESALE', 1, 'wholesale tier 10-49 units for quantity 10'],
    ['guest', 49, '9000', 'WHOLESALE', 1, 'tier 10-49'],
    ['guest', 50, '8000', 'WHOLESALE', 2, 'wholesale tier 50+ units for quantity 50'],
    ['guest', 5000, '8000', 'WHOLESALE', 2, 'tier 50+'],
    ['N', 1, '10000', 'BASE', null, 'customer category N has no price of its own'],
    ['N', 10, '9000', 'WHOLESALE', 1, 'tier 10-49'],
    ['N', 50, '8000', 'WHOLESALE', 2, 'tier 50+'],
    ['Y', 1, '8500', 'CATEGORY', null, 'price of customer category Y (Reseller)'],
    ['Y', 9, '8500', 'CATEGORY', null, 'price of customer category Y'],
    ['Y', 10, '8500', 'CATEGORY', null, 'the wholesale tier 10-49 is not lower'],
    ['Y', 49, '8500', 'CATEGORY', null, 'not lower'],
    ['Y', 50, '8000', 'WHOLESALE', 2, 'tier 50+'],
    ['D', 1, '9000', 'CATEGORY', null, 'price of customer category D'],
    ['D', 10, '9000', 'CATEGORY', null, 'customer category D has no wholesale access'],
    ['D', 50, '9000', 'CATEGORY', null, 'no wholesale access'],
    ['AG', 1, '10000', 'BASE', null, 'customer category AG has no price of its own'],
    ['AG', 10, '10000', 'BASE', null, 'customer category AG has no wholesale access'],
    ['AG', 500, '10000', 'BASE', null, 'no wholesale access'],
  ] as const)('%s buying %i pays %s (%s)', (buyer, quantity, unitPrice, source, tierId, reason) => {
    const { category, categoryPrice } = categories[buyer]!;
    const result = resolvePrice({ basePrice: '10000', categoryPrice, category, tiers, quantity });
    expect(result.unitPrice.toFixed(0)).toBe(unitPrice);
    expect(result.source).toBe(source);
    expect(result.tier?.id ?? null).toBe(tierId);
    expect(result.reason).toContain(reason);
  });
});

describe('resolvePrice edge cases', () => {
  it('keeps the base price when no tier holds the quantity (a gap between tiers)', () => {
    const gapped: PriceTier[] = [
      { id: 1, minQty: 10, maxQty: 19, price: '9000' },
      { id: 2, minQty: 30, maxQty: null, price: '8000' },
    ];
    expect(resolvePrice({ basePrice: '10000', tiers: gapped, quantity: 25 })).toMatchObject({ source: 'BASE', tier: null });
    expect(resolvePrice({ basePrice: '10000', tiers: gapped, quantity: 30 }).unitPrice.toString()).toBe('8000');
  });

  it('ignores a category price when no category is given (the caller loaded none)', () => {
    expect(resolvePrice({ basePrice: '10000', categoryPrice: '1', category: null, tiers: [], quantity: 1 }).source).toBe('BASE');
  });

  it('takes a category price equal to the tier price as the category price', () => {
    const result = resolvePrice({ basePrice: '10000', categoryPrice: '9000', category: categories.Y!.category, tiers, quantity: 10 });
    expect(result).toMatchObject({ source: 'CATEGORY', tier: null });
  });

  it('keeps decimals exactly', () => {
    const result = resolvePrice({ basePrice: '10000.10', tiers: [{ id: 9, minQty: 2, maxQty: null, price: '9999.99' }], quantity: 3 });
    expect(result.unitPrice.toFixed(2)).toBe('9999.99');
  });

  it('finds the tier whatever order the tiers come in, and the most specific one should two overlap', () => {
    expect(tierFor([...tiers].reverse(), 60)?.id).toBe(2);
    const overlapping: PriceTier[] = [
      { id: 1, minQty: 1, maxQty: null, price: '9500' },
      { id: 2, minQty: 20, maxQty: 40, price: '9000' },
    ];
    expect(tierFor(overlapping, 25)?.id).toBe(2);
    expect(tierFor(overlapping, 41)?.id).toBe(1);
    expect(tierFor([], 5)).toBeNull();
  });
});
