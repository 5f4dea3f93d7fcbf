// Orders in every status and kind, numbered by order date, each with its lines,
// costs, payments, cancellation or return, history, stock movements, shipment,
// comments and parties. The PRNG sequence is the data: draw in the same order.
import { addCancellation } from './order-cancellation.js';
import { addOrderComments } from './order-comments.js';
import { addOrderCosts } from './order-costs.js';
import { draftOrder, type OrderWorld } from './order-draft.js';
import { addOrderEvents } from './order-events.js';
import { addOrderItems } from './order-items.js';
import { addOrderParties } from './order-parties.js';
import { addPayments } from './order-payments.js';
import { planOrder, type OrderPlan } from './order-plan.js';
import { addOrderReturn } from './order-return.js';
import { addShipment } from './order-shipment.js';
import { addOrderStockMoves } from './order-stock-moves.js';
import { schedulePayments } from './payment-schedule.js';
import { EXTERNAL_STATUS, externalRefOf, isMarketplace } from './sales-channels.js';
import { DAY, HOUR, SEED_BASE_TIME } from './seed-time.js';
import { SALES_REPS, STAFF } from './shop-reference.js';

function addOrder(world: OrderWorld, index: number, plan: OrderPlan) {
  const { rng, rows, shop } = world;
  const draft = draftOrder(world, index, plan);
  const { kind, status, times, orderedAt, transitions, last } = plan;
  const { channel, customer, internal, method, origin } = draft;
  const lines = addOrderItems(world, draft);
  const totals = addOrderCosts(world, draft, lines);
  const payments = method === null ? [] : schedulePayments(rng, draft, method, totals.grandTotal);
  const bankAccount = rng.int(0, shop.bankAccountCount - 1);
  const externalRef = externalRefOf(rng, channel, orderedAt, index);
  const paid = addPayments(world, draft, payments, bankAccount, externalRef, totals.grandTotal);
  const cancellation = addCancellation(world, draft, paid.received);
  const returned = addOrderReturn(world, draft, lines.items);
  const staff = rng.pick(STAFF);
  addOrderEvents(rows, draft, staff, cancellation, returned.deliveryFailed);
  addOrderStockMoves(world, draft, lines.items, returned);
  const pickupOption = addShipment(world, draft, lines.weight, totals.shippingCost, returned);
  addOrderComments(world, draft);
  addOrderParties(world, draft);

  const printed = times.process !== undefined && rng.chance(0.6);
  const printedAt = printed ? rng.between(times.process!, times.pack ?? Math.min(times.process! + 4 * HOUR, SEED_BASE_TIME)) : null;
  const createdBy = isMarketplace(channel) ? `${channel}-sync` : staff;
  // Drawn in the order the row lists them (the PRNG sequence is the data).
  const notes = rng.chance(0.1) ? rng.pick(['Tolong dikirim secepatnya', 'Packing rapi ya kak', 'Jangan lupa bonus stiker', 'Kirim tanpa nota harga']) : null;
  const internalNotes = rng.chance(0.05) ? rng.pick(['Cek pembayaran manual', 'Pelanggan prioritas', 'Gabung kirim dengan pesanan sebelumnya']) : null;
  const salesRep = (channel === 'offline' || channel === 'whatsapp') && !internal && rng.chance(0.35) ? rng.pick(SALES_REPS) : null;
  const rep = salesRep ? shop.salesReps.get(salesRep)! : null;
  const orderIdx = rows.add('Order', {
    // Transfers and returns to a supplier are valued at cost and owe nothing.
    code: draft.code, kind, status, paymentStatus: draft.internal ? 'NOT_APPLICABLE' : paid.paymentStatus, channel,
    sourceId: draft.sourceName ? shop.sourceByName.get(draft.sourceName)! : null,
    externalRef, externalStatus: externalRef ? EXTERNAL_STATUS[status] : null,
    customerId: customer?.idx ?? null, customerCategoryId: draft.category, originWarehouseId: origin.idx,
    destinationWarehouseId: draft.destination?.idx ?? null, paymentMethod: method, subtotal: lines.subtotal,
    itemDiscountTotal: lines.itemDiscountTotal, shippingTotal: totals.shippingTotal, discountTotal: totals.discountTotal,
    taxTotal: totals.taxTotal, codFee: totals.codFee, insuranceTotal: totals.insuranceTotal, otherCostTotal: totals.otherCostTotal,
    grandTotal: totals.grandTotal, weightGrams: lines.weight,
    notes, internalNotes,
    salesRep, salesRepId: rep?.idx ?? null, salesTeamId: rep?.team ?? null,
    orderedAt, confirmedAt: times.confirm ?? null, processedAt: times.process ?? null, packedAt: times.pack ?? null,
    shippedAt: times.ship ?? null, completedAt: times.complete ?? null, cancelledAt: times.cancel ?? null, returnedAt: times.return ?? null,
    returnStatus: status === 'RETURNED' ? 'FULL' : 'NONE', returnedTotal: status === 'RETURNED' ? lines.subtotal : 0,
    paidAt: paid.paidAt, printedAt, printedBy: printedAt ? origin.actor : null, cancelReason: cancellation.reason,
    cancelNote: cancellation.note, cancelledBy: cancellation.by, pickupOption, version: transitions.length, createdBy,
    createdAt: orderedAt, updatedAt: Math.max(last.at, paid.lastPaymentAt),
  });
  // A rep's order was taken on a visit; every third customer had turned the rep away a week before.
  if (rep && customer) {
    const visit = { customerId: customer.idx, salesRepId: rep.idx, teamId: rep.team };
    if (index % 3 === 0) {
      const at = orderedAt - 7 * DAY;
      rows.add('Visit', { ...visit, statusId: shop.visitStatuses[2]!, visitedAt: at, notes: 'Stok masih banyak, kembali minggu depan', orderId: null, createdAt: at, updatedAt: at });
    }
    const at = orderedAt - HOUR;
    rows.add('Visit', { ...visit, statusId: shop.visitStatuses[0]!, visitedAt: at, notes: null, orderId: orderIdx, createdAt: at, updatedAt: at });
  }
}

export function addOrders(world: OrderWorld, orderCount: number): void {
  const plans = Array.from({ length: orderCount }, (_, i) => planOrder(world.rng, i));
  // Codes and ids follow the order date, as they would in a live shop.
  plans.sort((a, b) => a.orderedAt - b.orderedAt || a.seq - b.seq);
  plans.forEach((plan, index) => addOrder(world, index, plan));
}
