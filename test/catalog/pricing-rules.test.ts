// The pure tier and amount checks behind variationPricesSet / productWholesaleSet.
import { describe, expect, it } from 'vitest';
import { checkAmount, checkTiers, MAX_WHOLESALE_TIERS, type TierInput } from '../../src/catalog/pricing/price-rules.js';
import { Decimal } from '../../src/shared/money.js';
import { Problems } from '../../src/shared/validation.js';

const tier = (minQty: number, maxQty: number | null, price = '1000'): TierInput => ({ minQty, maxQty, price: new Decimal(price) });

function tierProblems(tiers: TierInput[]) {
  const problems = new Problems();
  checkTiers(problems, ['wholesaleTiers'], tiers);
  return problems.list.map((p) => `${p.path.join('.')}: ${p.message}`);
}

describe('checkTiers', () => {
  it.each([
    ['no tiers', []],
    ['one open tier', [tier(1, null)]],
    ['adjacent ranges', [tier(1, 9), tier(10, 49), tier(50, null)]],
    ['ranges with gaps, in any order', [tier(100, null), tier(10, 19), tier(30, 39)]],
    ['a single-quantity range', [tier(5, 5), tier(6, 6)]],
  ])('accepts %s', (_name, tiers) => {
    expect(tierProblems(tiers)).toEqual([]);
  });

  it.each([
    ['the same range twice', [tier(10, 20), tier(10, 20)], ['wholesaleTiers.1.minQty: tier 10-20 overlaps wholesaleTiers.0 (10-20)']],
    ['ranges sharing an end', [tier(1, 10), tier(10, 20)], ['wholesaleTiers.1.minQty: tier 10-20 overlaps wholesaleTiers.0 (1-10)']],
    ['a range inside another', [tier(1, 100), tier(20, 30)], ['wholesaleTiers.1.minQty: tier 20-30 overlaps wholesaleTiers.0 (1-100)']],
    ['two open tiers', [tier(10, null), tier(50, null)], ['wholesaleTiers.1.minQty: tier 50+ overlaps wholesaleTiers.0 (10+)']],
    [
      'each overlap reported once, on the later tier',
      [tier(1, 10), tier(5, 15), tier(12, 20)],
      ['wholesaleTiers.1.minQty: tier 5-15 overlaps wholesaleTiers.0 (1-10)', 'wholesaleTiers.2.minQty: tier 12-20 overlaps wholesaleTiers.1 (5-15)'],
    ],
    ['a minimum of 0', [tier(0, 5)], ['wholesaleTiers.0.minQty: must be at least 1']],
    ['a negative minimum', [tier(-3, null)], ['wholesaleTiers.0.minQty: must be at least 1']],
    ['a maximum below the minimum', [tier(10, 9)], ['wholesaleTiers.0.maxQty: must be at least minQty (10)']],
    ['a maximum beyond an integer column', [tier(1, 2_147_483_648)], ['wholesaleTiers.0.maxQty: must be at most 2147483647']],
    ['a zero price', [tier(1, null, '0')], ['wholesaleTiers.0.price: must be greater than 0']],
    ['a price with 3 decimals', [tier(1, null, '0.001')], ['wholesaleTiers.0.price: must have at most 2 decimal places']],
    // An invalid tier is left out of the overlap check: its own problem is the one to fix first.
    ['an invalid tier among overlapping ones', [tier(1, 10), tier(0, 20)], ['wholesaleTiers.1.minQty: must be at least 1']],
  ])('refuses %s', (_name, tiers, expected) => {
    expect(tierProblems(tiers)).toEqual(expected);
  });

  it(`refuses more than ${MAX_WHOLESALE_TIERS} tiers`, () => {
    const many = Array.from({ length: MAX_WHOLESALE_TIERS + 1 }, (_, i) => tier(i + 1, i + 1));
    expect(tierProblems(many)).toEqual([`wholesaleTiers: at most ${MAX_WHOLESALE_TIERS} tiers`]);
    expect(tierProblems(many.slice(1))).toEqual([]);
  });
});

describe('checkAmount', () => {
  it.each([
    ['0.01', null],
    ['12500.50', null],
    ['9999999999999999.99', null],
    ['0', 'must be greater than 0'],
    ['-5', 'must be greater than 0'],
    ['1.005', 'must have at most 2 decimal places'],
    ['10000000000000000', 'must be at most 9999999999999999.99'],
  ])('%s: %s', (value, message) => {
    const problems = new Problems();
    checkAmount(problems, ['price'], new Decimal(value));
    expect(problems.list[0]?.message ?? null).toBe(message);
  });
});
