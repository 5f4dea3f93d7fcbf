// An order's costs and discounts on top of its lines (seed 002 order_cost, seed
// 001 price_info): shipping, order discounts, insurance, COD fee, other costs and
// PPN, and the totals they add up to.
import type { AdjustmentCategory, DiscountType } from '../../db/generated/prisma/enums.js';
import { bpsOf, cascadedDiscount, idr, percentOf } from './cents.js';
import type { OrderDraft, OrderWorld } from './order-draft.js';
import type { OrderLines } from './order-items.js';

export interface OrderTotals {
  /** What the courier charges for the parcel, charged to the buyer or not. */
  shippingCost: number;
  shippingTotal: number;
  discountTotal: number;
  taxTotal: number;
  codFee: number;
  insuranceTotal: number;
  otherCostTotal: number;
  grandTotal: number;
}

interface Adjustment {
  category: AdjustmentCategory;
  name: string;
  type: DiscountType;
  value: string;
  amount: number;
}

/** Per started kilogram above the first 300 g; farther and faster costs more. */
function shippingCostOf({ rng, regions }: OrderWorld, draft: OrderDraft, weight: number): number {
  const sameProvince = regions.provinceOf(draft.recipient.region) === regions.provinceOf(draft.origin.region);
  const kg = Math.max(1, Math.ceil((weight - 300) / 1000));
  const rate = idr(sameProvince ? rng.pick([9_000, 10_000, 11_000]) : rng.pick([15_000, 18_000, 22_000, 26_000]));
  return kg * rate * (['YES', 'BEST', 'ODS', 'ND'].includes(draft.service) ? 2 : 1);
}

function pickAdjustments({ rng }: OrderWorld, draft: OrderDraft, subtotal: number, shippingCost: number): Adjustment[] {
  const { channel, categorySpec, courier, service, method } = draft;
  const adjustments: Adjustment[] = [];
  if (channel !== 'offline' || rng.chance(0.3)) {
    if (!rng.chance(0.1)) {
      adjustments.push({ category: 'SHIPPING', name: `Ongkir ${courier.spec.name} ${service}`, type: 'NOMINAL', value: String(shippingCost / 100), amount: shippingCost });
    }
  }
  if ((categorySpec?.discountAccess ?? true) && rng.chance(0.18)) {
    const t = rng.weighted([['PERCENTAGE', 45], ['NOMINAL', 45], ['CASCADED', 10]] as const);
    if (t === 'PERCENTAGE') {
      const value = rng.pick(['5', '10']);
      adjustments.push({ category: 'DISCOUNT', name: rng.pick(['Diskon Member', 'Promo Gajian']), type: t, value, amount: percentOf(subtotal, bpsOf(value)) });
    } else if (t === 'NOMINAL') {
      const value = rng.pick([10_000, 15_000, 25_000, 50_000]);
      if (idr(value) * 3 <= subtotal) adjustments.push({ category: 'DISCOUNT', name: 'Voucher Toko', type: t, value: String(value), amount: idr(value) });
    } else {
      adjustments.push({ category: 'DISCOUNT', name: 'Promo Bertingkat', type: t, value: '10+5', amount: cascadedDiscount(subtotal, '10+5') });
    }
  }
  if (rng.chance(0.1)) adjustments.push({ category: 'INSURANCE', name: 'Asuransi Pengiriman', type: 'PERCENTAGE', value: '0.2', amount: Math.max(idr(1_000), percentOf(subtotal, 20)) });
  if (method === 'COD') adjustments.push({ category: 'COD_FEE', name: 'Biaya COD', type: 'PERCENTAGE', value: '3', amount: Math.max(idr(2_500), percentOf(subtotal, 300)) });
  if (rng.chance(0.06)) {
    const [name, value] = rng.pick([['Packing Kayu', 25_000], ['Bubble Wrap Tambahan', 5_000], ['Biaya Admin', 3_000]] as const);
    adjustments.push({ category: 'OTHER_COST', name, type: 'NOMINAL', value: String(value), amount: idr(value) });
  }
  if (channel === 'offline' && categorySpec?.bulk && rng.chance(0.25)) {
    adjustments.push({ category: 'TAX', name: 'PPN 11%', type: 'PERCENTAGE', value: '11', amount: percentOf(subtotal, 1_100) });
  }
  return adjustments;
}

export function addOrderCosts(world: OrderWorld, draft: OrderDraft, lines: OrderLines): OrderTotals {
  const shippingCost = shippingCostOf(world, draft, lines.weight);
  // Internal orders carry no charges.
  const adjustments = draft.internal ? [] : pickAdjustments(world, draft, lines.subtotal, shippingCost);
  const total = (c: AdjustmentCategory) => adjustments.filter((a) => a.category === c).reduce((s, a) => s + a.amount, 0);
  const shippingTotal = total('SHIPPING');
  const discountTotal = total('DISCOUNT');
  const taxTotal = total('TAX');
  const codFee = total('COD_FEE');
  const insuranceTotal = total('INSURANCE');
  const otherCostTotal = total('OTHER_COST');
  const grandTotal = lines.subtotal + shippingTotal + taxTotal + codFee + insuranceTotal + otherCostTotal - discountTotal;
  for (const a of adjustments) world.rows.add('OrderAdjustment', { orderId: draft.index, ...a, createdAt: draft.plan.orderedAt });
  return { shippingCost, shippingTotal, discountTotal, taxTotal, codFee, insuranceTotal, otherCostTotal, grandTotal };
}
