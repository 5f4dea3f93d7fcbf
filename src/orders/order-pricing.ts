// Order totals as seed 001's price_info, computed on the server. Pure and exact:
// decimal.js throughout, each amount rounded to the smallest unit once (per line,
// per adjustment), sums of rounded amounts never rounded again.
//
//   line gross      = unitPrice x quantity
//   line discount   = NOMINAL amount | PERCENTAGE of gross | CASCADED ("55.05+3") of gross
//   line total      = gross - line discount
//   subtotal        = sum of line totals            (itemDiscount = sum of line discounts)
//   discount        = order discounts (of subtotal) + shipping discounts (of shipping)
//   grand total     = subtotal - discount + shipping + tax + COD fee + insurance + other costs
//
// Percentage adjustments take their base from the table below, evaluated in this
// order, so a COD fee of 2 % is 2 % of what the courier collects without it.
import { dec, money, sum, type Decimal, type DecimalLike } from '../shared/money.js';
import { discountAmount, DiscountFormatError, parseCascadedDiscount, cascadedDiscountAmount, type DiscountKind } from '../shared/discount.js';
import type { AdjustmentCategory } from '../db/generated/prisma/enums.js';

export interface PricedLineInput {
  unitPrice: DecimalLike;
  quantity: number;
  discount?: { type: DiscountKind; value: string } | null;
}

export interface AdjustmentLineInput {
  category: AdjustmentCategory;
  name: string;
  type: DiscountKind;
  value: string;
}

export interface LineAmounts {
  gross: Decimal;
  discountAmount: Decimal;
  lineTotal: Decimal;
}

export interface AdjustmentAmount extends AdjustmentLineInput {
  amount: Decimal;
}

export interface OrderTotalsFigures {
  subtotal: Decimal;
  itemDiscount: Decimal;
  shipping: Decimal;
  discount: Decimal;
  tax: Decimal;
  codFee: Decimal;
  insurance: Decimal;
  otherCost: Decimal;
  grandTotal: Decimal;
}

/** The order's total columns as the Order row keeps them (two decimals). */
export function totalColumns(t: OrderTotalsFigures) {
  return {
    subtotal: t.subtotal.toFixed(2),
    itemDiscountTotal: t.itemDiscount.toFixed(2),
    shippingTotal: t.shipping.toFixed(2),
    discountTotal: t.discount.toFixed(2),
    taxTotal: t.tax.toFixed(2),
    codFee: t.codFee.toFixed(2),
    insuranceTotal: t.insurance.toFixed(2),
    otherCostTotal: t.otherCost.toFixed(2),
    grandTotal: t.grandTotal.toFixed(2),
  };
}

export interface PricingProblem {
  path: Array<string | number>;
  message: string;
}

export interface OrderPricing {
  lines: LineAmounts[];
  adjustments: AdjustmentAmount[];
  totals: OrderTotalsFigures;
  /** Malformed or impossible discounts and costs, with their input paths; empty when all is well. */
  problems: PricingProblem[];
}

/** The order in which categories are evaluated; each one's percentage base is named beside it. */
const EVALUATION: Array<{ category: AdjustmentCategory; base: (f: Running) => Decimal }> = [
  { category: 'DISCOUNT', base: (f) => f.subtotal },
  { category: 'SHIPPING', base: (f) => f.subtotal },
  { category: 'SHIPPING_DISCOUNT', base: (f) => f.shipping },
  { category: 'INSURANCE', base: (f) => f.subtotal },
  { category: 'PACKING', base: (f) => f.subtotal },
  { category: 'OTHER_COST', base: (f) => f.subtotal },
  // Tax on the goods after the order discount.
  { category: 'TAX', base: (f) => f.subtotal.minus(f.orderDiscount) },
  // COD fee on everything the courier collects apart from the fee itself.
  {
    category: 'COD_FEE',
    base: (f) => f.subtotal.minus(f.orderDiscount).plus(f.shipping).minus(f.shippingDiscount).plus(f.tax).plus(f.insurance).plus(f.otherCost),
  },
];

interface Running {
  subtotal: Decimal;
  orderDiscount: Decimal;
  shipping: Decimal;
  shippingDiscount: Decimal;
  insurance: Decimal;
  otherCost: Decimal;
  tax: Decimal;
  codFee: Decimal;
}

const DISCOUNTS = new Set<AdjustmentCategory>(['DISCOUNT', 'SHIPPING_DISCOUNT']);
const NOMINAL = /^\d{1,16}(\.\d{1,2})?$/;

/** The amount of a cost (not a discount): a nominal amount of any size, or percentages of the base. */
export function costAmount(kind: DiscountKind, value: string, base: DecimalLike): Decimal {
  if (kind === 'NOMINAL') {
    const text = value.trim();
    if (!NOMINAL.test(text)) throw new DiscountFormatError(value, 0, 'expected an amount such as 2500 or 2500.50');
    return dec(text);
  }
  const steps = parseCascadedDiscount(value);
  if (kind === 'PERCENTAGE' && steps.length > 1) throw new DiscountFormatError(value, value.indexOf('+'), 'a PERCENTAGE has one step; use CASCADED');
  if (kind === 'CASCADED') throw new DiscountFormatError(value, 0, 'a cost is NOMINAL or PERCENTAGE; cascades are for discounts');
  return cascadedDiscountAmount(base, steps);
}

function lineAmounts(line: PricedLineInput): LineAmounts {
  const gross = money(dec(line.unitPrice).times(line.quantity));
  const discount = line.discount ? discountAmount(line.discount.type, line.discount.value, gross) : dec(0);
  return { gross, discountAmount: discount, lineTotal: gross.minus(discount) };
}

/**
 * Prices an order. Lines and adjustments keep their input order; problems carry
 * paths relative to the order input (`items.2.discount.value`, `adjustments.0.value`).
 */
export function priceOrder(lines: PricedLineInput[], adjustments: AdjustmentLineInput[]): OrderPricing {
  const problems: PricingProblem[] = [];
  const lineResults = lines.map((line, index) => {
    try {
      return lineAmounts(line);
    } catch (error) {
      if (!(error instanceof DiscountFormatError)) throw error;
      problems.push({ path: ['items', index, 'discount', 'value'], message: error.message });
      const gross = money(dec(line.unitPrice).times(line.quantity));
      return { gross, discountAmount: dec(0), lineTotal: gross };
    }
  });
  const f: Running = {
    subtotal: sum(lineResults.map((l) => l.lineTotal)),
    orderDiscount: dec(0),
    shipping: dec(0),
    shippingDiscount: dec(0),
    insurance: dec(0),
    otherCost: dec(0),
    tax: dec(0),
    codFee: dec(0),
  };
  const amounts: Decimal[] = adjustments.map(() => dec(0));
  for (const step of EVALUATION) {
    adjustments.forEach((adjustment, index) => {
      if (adjustment.category !== step.category) return;
      const base = step.base(f);
      let amount: Decimal;
      try {
        amount = DISCOUNTS.has(adjustment.category)
          ? discountAmount(adjustment.type, adjustment.value, base)
          : costAmount(adjustment.type, adjustment.value, base);
      } catch (error) {
        if (!(error instanceof DiscountFormatError)) throw error;
        problems.push({ path: ['adjustments', index, 'value'], message: error.message });
        return;
      }
      amounts[index] = amount;
      add(f, adjustment.category, amount);
    });
  }
  // Several discounts together may still exceed what they apply to.
  if (f.orderDiscount.gt(f.subtotal)) {
    problems.push({ path: ['adjustments'], message: `the order discounts (${f.orderDiscount.toFixed(2)}) exceed the subtotal (${f.subtotal.toFixed(2)})` });
  }
  if (f.shippingDiscount.gt(f.shipping)) {
    problems.push({ path: ['adjustments'], message: `the shipping discounts (${f.shippingDiscount.toFixed(2)}) exceed the shipping (${f.shipping.toFixed(2)})` });
  }
  const discount = f.orderDiscount.plus(f.shippingDiscount);
  const totals: OrderTotalsFigures = {
    subtotal: f.subtotal,
    itemDiscount: sum(lineResults.map((l) => l.discountAmount)),
    shipping: f.shipping,
    discount,
    tax: f.tax,
    codFee: f.codFee,
    insurance: f.insurance,
    otherCost: f.otherCost,
    grandTotal: f.subtotal.minus(discount).plus(f.shipping).plus(f.tax).plus(f.codFee).plus(f.insurance).plus(f.otherCost),
  };
  return {
    lines: lineResults,
    adjustments: adjustments.map((a, index) => ({ ...a, amount: amounts[index]! })),
    totals,
    problems,
  };
}

function add(f: Running, category: AdjustmentCategory, amount: Decimal) {
  switch (category) {
    case 'DISCOUNT':
      f.orderDiscount = f.orderDiscount.plus(amount);
      break;
    case 'SHIPPING':
      f.shipping = f.shipping.plus(amount);
      break;
    case 'SHIPPING_DISCOUNT':
      f.shippingDiscount = f.shippingDiscount.plus(amount);
      break;
    case 'INSURANCE':
      f.insurance = f.insurance.plus(amount);
      break;
    case 'PACKING':
    case 'OTHER_COST':
      f.otherCost = f.otherCost.plus(amount);
      break;
    case 'TAX':
      f.tax = f.tax.plus(amount);
      break;
    case 'COD_FEE':
      f.codFee = f.codFee.plus(amount);
      break;
  }
}
