// The totals module (seed 001 price_info, seed 002 order costs, seed 004 cascaded
// discounts), exact to the smallest unit.
import { describe, expect, it } from 'vitest';
import { priceOrder, type AdjustmentLineInput, type PricedLineInput } from '../../src/orders/order-pricing.js';

type Figures = Partial<Record<'subtotal' | 'itemDiscount' | 'shipping' | 'discount' | 'tax' | 'codFee' | 'insurance' | 'otherCost' | 'grandTotal', string>>;

const adj = (category: AdjustmentLineInput['category'], type: AdjustmentLineInput['type'], value: string): AdjustmentLineInput => ({ category, name: category, type, value });

function figures(lines: PricedLineInput[], adjustments: AdjustmentLineInput[] = []) {
  const priced = priceOrder(lines, adjustments);
  expect(priced.problems).toEqual([]);
  const t = priced.totals;
  return {
    subtotal: t.subtotal.toFixed(2),
    itemDiscount: t.itemDiscount.toFixed(2),
    shipping: t.shipping.toFixed(2),
    discount: t.discount.toFixed(2),
    tax: t.tax.toFixed(2),
    codFee: t.codFee.toFixed(2),
    insurance: t.insurance.toFixed(2),
    otherCost: t.otherCost.toFixed(2),
    grandTotal: t.grandTotal.toFixed(2),
  };
}

const zero = { subtotal: '0.00', itemDiscount: '0.00', shipping: '0.00', discount: '0.00', tax: '0.00', codFee: '0.00', insurance: '0.00', otherCost: '0.00', grandTotal: '0.00' };

describe('order totals (seed 001 price_info)', () => {
  it.each<[string, PricedLineInput[], AdjustmentLineInput[], Figures]>([
    ['seed 001 create: one towel at 15000, no costs', [{ unitPrice: '15000', quantity: 1 }], [], { subtotal: '15000.00', grandTotal: '15000.00' }],
    [
      'seed 001 create with insurance_percentage 1',
      [{ unitPrice: '15000', quantity: 1 }],
      [adj('INSURANCE', 'PERCENTAGE', '1')],
      { subtotal: '15000.00', insurance: '150.00', grandTotal: '15150.00' },
    ],
    [
      'seed 001 detail: BARANG 2000 + shipping 10000 = grand_total 12000',
      [{ unitPrice: '2000.00', quantity: 1 }],
      [adj('SHIPPING', 'NOMINAL', '10000')],
      { subtotal: '2000.00', shipping: '10000.00', grandTotal: '12000.00' },
    ],
    [
      'seed 002 create: expedition 23000, other cost 1200, 2 % and 3000 discounts, insurance 2000',
      [{ unitPrice: '50000', quantity: 1 }],
      [adj('SHIPPING', 'NOMINAL', '23000'), adj('OTHER_COST', 'NOMINAL', '1200'), adj('DISCOUNT', 'PERCENTAGE', '2'), adj('DISCOUNT', 'NOMINAL', '3000'), adj('INSURANCE', 'NOMINAL', '2000')],
      { subtotal: '50000.00', shipping: '23000.00', discount: '4000.00', otherCost: '1200.00', insurance: '2000.00', grandTotal: '72200.00' },
    ],
    [
      'tax 11 % of the subtotal after the order discount',
      [{ unitPrice: '100000', quantity: 1 }],
      [adj('DISCOUNT', 'NOMINAL', '10000'), adj('TAX', 'PERCENTAGE', '11')],
      { subtotal: '100000.00', discount: '10000.00', tax: '9900.00', grandTotal: '99900.00' },
    ],
    [
      'COD fee 2 % of what the courier collects; shipping discount 50 % of shipping',
      [{ unitPrice: '100000', quantity: 1 }],
      [adj('COD_FEE', 'PERCENTAGE', '2'), adj('SHIPPING', 'NOMINAL', '20000'), adj('SHIPPING_DISCOUNT', 'PERCENTAGE', '50')],
      { subtotal: '100000.00', shipping: '20000.00', discount: '10000.00', codFee: '2200.00', grandTotal: '112200.00' },
    ],
    [
      'packing counts as other cost',
      [{ unitPrice: '1000', quantity: 2 }],
      [adj('PACKING', 'NOMINAL', '500'), adj('OTHER_COST', 'PERCENTAGE', '10')],
      { subtotal: '2000.00', otherCost: '700.00', grandTotal: '2700.00' },
    ],
    ['two lines add up', [{ unitPrice: '2000', quantity: 1 }, { unitPrice: '40000', quantity: 2 }], [], { subtotal: '82000.00', grandTotal: '82000.00' }],
  ])('%s', (_name, lines, adjustments, expected) => {
    expect(figures(lines, adjustments)).toEqual({ ...zero, ...expected });
  });
});

describe('line discounts (seeds 002 and 004)', () => {
  it.each<[string, PricedLineInput, string, string]>([
    ['seed 004 "55.05+3" on 100000', { unitPrice: '100000', quantity: 1, discount: { type: 'CASCADED', value: '55.05+3' } }, '56398.50', '43601.50'],
    ['seed 004 "55.05+3" on 3 x 12345, rounded once', { unitPrice: '12345', quantity: 3, discount: { type: 'CASCADED', value: '55.05+3' } }, '20887.18', '16147.82'],
    ['seed 004 item_disc_percent "5"', { unitPrice: '19999', quantity: 1, discount: { type: 'PERCENTAGE', value: '5' } }, '999.95', '18999.05'],
    ['seed 004 item_disc_amount 2500', { unitPrice: '10000', quantity: 2, discount: { type: 'NOMINAL', value: '2500' } }, '2500.00', '17500.00'],
    ['10 % of 3 x 33.33 is rounded on the line, not per unit', { unitPrice: '33.33', quantity: 3, discount: { type: 'PERCENTAGE', value: '10' } }, '10.00', '89.99'],
    ['cascade with spaces "10 + 10 + 10"', { unitPrice: '1000', quantity: 1, discount: { type: 'CASCADED', value: '10 + 10 + 10' } }, '271.00', '729.00'],
    ['100 % leaves nothing', { unitPrice: '1234.56', quantity: 1, discount: { type: 'PERCENTAGE', value: '100' } }, '1234.56', '0.00'],
  ])('%s', (_name, line, discount, lineTotal) => {
    const priced = priceOrder([line], []);
    expect(priced.problems).toEqual([]);
    expect(priced.lines[0]!.discountAmount.toFixed(2)).toBe(discount);
    expect(priced.lines[0]!.lineTotal.toFixed(2)).toBe(lineTotal);
    expect(priced.totals.itemDiscount.toFixed(2)).toBe(discount);
    expect(priced.totals.subtotal.toFixed(2)).toBe(lineTotal);
  });

  it('seed 004 order disc_percent "10+5" applies to the subtotal after line discounts', () => {
    const result = figures([{ unitPrice: '100000', quantity: 1, discount: { type: 'CASCADED', value: '55.05+3' } }], [adj('DISCOUNT', 'CASCADED', '10+5')]);
    expect(result).toEqual({ ...zero, subtotal: '43601.50', itemDiscount: '56398.50', discount: '6322.22', grandTotal: '37279.28' });
  });
});

describe('refused discounts and costs', () => {
  it.each<[string, PricedLineInput[], AdjustmentLineInput[], Array<Array<string | number>>]>([
    ['a nominal line discount above the line', [{ unitPrice: '1000', quantity: 1, discount: { type: 'NOMINAL', value: '1000.01' } }], [], [['items', 0, 'discount', 'value']]],
    ['a malformed cascade', [{ unitPrice: '1000', quantity: 1 }, { unitPrice: '1000', quantity: 1, discount: { type: 'CASCADED', value: '55..05' } }], [], [['items', 1, 'discount', 'value']]],
    ['a percentage above 100', [{ unitPrice: '1000', quantity: 1, discount: { type: 'PERCENTAGE', value: '101' } }], [], [['items', 0, 'discount', 'value']]],
    ['two steps typed as PERCENTAGE', [{ unitPrice: '1000', quantity: 1, discount: { type: 'PERCENTAGE', value: '5+5' } }], [], [['items', 0, 'discount', 'value']]],
    ['a cascaded cost', [{ unitPrice: '1000', quantity: 1 }], [adj('TAX', 'CASCADED', '5+5')], [['adjustments', 0, 'value']]],
    ['a negative cost', [{ unitPrice: '1000', quantity: 1 }], [adj('SHIPPING', 'NOMINAL', '-5')], [['adjustments', 0, 'value']]],
    ['order discounts together above the subtotal', [{ unitPrice: '1000', quantity: 1 }], [adj('DISCOUNT', 'NOMINAL', '600'), adj('DISCOUNT', 'NOMINAL', '600')], [['adjustments']]],
    ['a shipping discount above the shipping', [{ unitPrice: '1000', quantity: 1 }], [adj('SHIPPING', 'NOMINAL', '100'), adj('SHIPPING_DISCOUNT', 'NOMINAL', '200')], [['adjustments', 1, 'value']]],
  ])('%s is a problem with its path', (_name, lines, adjustments, paths) => {
    expect(priceOrder(lines, adjustments).problems.map((p) => p.path)).toEqual(paths);
  });
});
