// An order's lines: distinct variations (bestsellers for sales, own stock for
// internal orders) in quantities that fit the buyer, priced and discounted.
import type { VariationInfo } from './catalog.js';
import type { OrderDraft, OrderWorld } from './order-draft.js';
import { lineDiscount, unitPrice } from './order-item-pricing.js';
import { isMarketplace } from './sales-channels.js';
import { pad } from './zero-pad.js';

export interface OrderLine {
  row: number;
  v: VariationInfo;
  qty: number;
  lineTotal: number;
}

export interface OrderLines {
  items: OrderLine[];
  subtotal: number;
  itemDiscountTotal: number;
  weight: number;
}

export function addOrderItems({ rng, rows, catalog }: OrderWorld, draft: OrderDraft): OrderLines {
  const { internal, categorySpec, channel, index } = draft;
  const lines: OrderLines = { items: [], subtotal: 0, itemDiscountTotal: 0, weight: 0 };
  const itemCount = rng.weighted([[1, 20], [2, 22], [3, 20], [4, 16], [5, 12], [6, 10]]);
  const chosen = new Set<number>();
  for (let n = 0; n < itemCount; n++) {
    let v = -1;
    for (let attempt = 0; attempt < 6 && (v < 0 || chosen.has(v)); attempt++) {
      v = internal
        ? catalog.ownVariations[rng.skewed(catalog.ownVariations.length, 1.3)]
        : catalog.popular[rng.skewed(catalog.popular.length, 1.8)];
    }
    if (chosen.has(v)) continue;
    chosen.add(v);
    const info = catalog.variations[v];
    const qty = internal
      ? rng.int(5, 40)
      : categorySpec?.bulk
        ? rng.weighted([[1, 15], [2, 15], [3, 15], [4, 10], [6, 15], [12, 15], [24, 5], [rng.int(5, 30), 10]])
        : rng.weighted([[1, 62], [2, 24], [3, 9], [4, 3], [6, 2]]);
    const { unit, source } = unitPrice(rng, draft, info, qty);
    const gross = unit * qty;
    const discount = lineDiscount(rng, draft, gross, qty);
    const lineTotal = gross - discount.amount;
    lines.subtotal += lineTotal;
    lines.itemDiscountTotal += discount.amount;
    lines.weight += info.weight * qty;
    const row = rows.add('OrderItem', {
      orderId: index, variationId: v, sku: info.sku, productName: info.productName, variationName: info.name, quantity: qty,
      unit: 'PCS', unitPrice: unit, priceSource: source, costPrice: info.cost, discountType: discount.type, discountValue: discount.value,
      discountAmount: discount.amount, lineTotal, weightGrams: info.weight * qty, isCancelled: false,
      externalLineId: isMarketplace(channel) ? `${index + 1}${pad(lines.items.length + 1, 2)}${rng.digits(4)}` : null,
      note: rng.chance(0.03) ? rng.pick(['Warna jangan sampai salah', 'Bonus stiker ya', 'Minta dibungkus kado']) : null,
      // A transfer received at its destination arrived in full.
      receivedQuantity: draft.transfer && draft.plan.times.complete !== undefined ? qty : null,
      // A RETURNED order came back whole (see order-return.ts).
      returnedQuantity: draft.plan.status === 'RETURNED' ? qty : 0,
    });
    lines.items.push({ row, v: info, qty, lineTotal });
  }
  return lines;
}
