// When and how much a buyer pays (seed 002 payments and installments): at once
// on marketplaces, the counter and QRIS, on delivery for COD, before confirmation
// otherwise, sometimes in installments; a refund after a cancellation or return.
import type { PaymentKind, PaymentMethod } from '../../db/generated/prisma/enums.js';
import { idr } from './cents.js';
import type { OrderDraft } from './order-draft.js';
import type { Rng } from './random.js';
import { DAY, HOUR, MIN, SEED_BASE_TIME } from './seed-time.js';

export interface PaymentSpec {
  kind: PaymentKind;
  amount: number;
  at: number;
  installment: number | null;
}

/** The amounts of `count` installments: round parts first, the rest last. */
function installmentAmounts(grandTotal: number, count: number): number[] {
  const amounts: number[] = [];
  let left = grandTotal;
  for (let n = 1; n < count; n++) {
    const part = Math.floor(grandTotal / count / 100_000) * 100_000;
    amounts.push(part);
    left -= part;
  }
  amounts.push(left);
  return amounts;
}

/** Payments of one order, in time order. */
export function schedulePayments(rng: Rng, draft: OrderDraft, method: PaymentMethod, grandTotal: number): PaymentSpec[] {
  const { times, orderedAt, status } = draft.plan;
  const end = times.cancel ?? times.return ?? SEED_BASE_TIME;
  const payments: PaymentSpec[] = [];
  if (method === 'MARKETPLACE' || method === 'CASH' || method === 'QRIS') {
    payments.push({ kind: 'PAYMENT', amount: grandTotal, at: orderedAt + rng.between(30_000, 5 * MIN), installment: null });
  } else if (method === 'COD') {
    if (times.complete) payments.push({ kind: 'PAYMENT', amount: grandTotal, at: times.complete, installment: null });
  } else {
    const mayInstall = draft.categorySpec?.installments ?? false;
    let count = (mayInstall && rng.chance(0.25)) || rng.chance(0.04) ? rng.int(2, 3) : 1;
    if (grandTotal < idr(3_000) * count) count = 1;
    // Paid before confirmation; later installments follow every few days.
    const confirm = times.confirm;
    let firstAt: number | null;
    if (confirm) firstAt = rng.between(orderedAt + MIN, confirm - MIN);
    else firstAt = rng.chance(0.35) ? rng.between(orderedAt + MIN, end - MIN) : null;
    if (firstAt !== null) {
      let at = firstAt;
      installmentAmounts(grandTotal, count).forEach((amount, n) => {
        if (n > 0) at += rng.between(2 * DAY, 12 * DAY);
        // Unconfirmed orders stop after the first installment; nothing is paid after the end.
        if (at >= end || (n > 0 && !confirm)) return;
        payments.push({ kind: 'PAYMENT', amount, at, installment: count > 1 ? n + 1 : null });
      });
    }
  }
  const paid = payments.reduce((s, p) => s + p.amount, 0);
  if ((status === 'CANCELLED' || status === 'RETURNED') && paid > 0) {
    const from = Math.max(end, payments[payments.length - 1].at) + HOUR;
    payments.push({ kind: 'REFUND', amount: paid, at: Math.min(rng.between(from, from + 2 * DAY), SEED_BASE_TIME - MIN), installment: null });
  }
  return payments;
}
