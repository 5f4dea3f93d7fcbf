// An order's payment status, derived from its grand total and its payments and
// refunds. Pure: the payment write code stores the result in Order.paymentStatus,
// the read side computes the same money figures from the same rows.
import type { OrderKind, PaymentKind, PaymentStatus } from '../db/generated/prisma/enums.js';
import { isPayableKind } from '../orders/order-kinds.js';
import { Decimal, dec, sum, type DecimalLike } from '../shared/money.js';

export interface PaymentLine {
  kind: PaymentKind;
  amount: DecimalLike;
}

export interface PaymentTotals {
  /** Sum of PAYMENT amounts. */
  received: Decimal;
  /** Sum of REFUND amounts. */
  refunded: Decimal;
  /** Received minus refunded: what the shop keeps. */
  paid: Decimal;
  /** Grand total minus paid, never below zero. */
  due: Decimal;
}

export function paymentTotals(grandTotal: DecimalLike, payments: readonly PaymentLine[]): PaymentTotals {
  const received = sum(payments.filter((p) => p.kind === 'PAYMENT').map((p) => p.amount));
  const refunded = sum(payments.filter((p) => p.kind === 'REFUND').map((p) => p.amount));
  const paid = received.minus(refunded);
  const due = Decimal.max(dec(grandTotal).minus(paid), 0);
  return { received, refunded, paid, due };
}

/**
 * UNPAID: nothing received yet (and something is owed).
 * PARTIALLY_PAID: some received (installments, or what is left after a partial refund), less than the total.
 * PAID: what is kept covers the grand total (overpayment included; a zero total with nothing received is PAID too,
 *   since nothing is owed).
 * REFUNDED: money was received and every unit of it was given back.
 * Comparisons are exact decimals: 11999.99 of 12000.00 is PARTIALLY_PAID.
 */
export function derivePaymentStatus(grandTotal: DecimalLike, payments: readonly PaymentLine[]): PaymentStatus {
  const { received, refunded, paid } = paymentTotals(grandTotal, payments);
  if (refunded.gt(0) && paid.lte(0)) return 'REFUNDED';
  if (paid.gte(dec(grandTotal))) return 'PAID';
  if (received.isZero()) return 'UNPAID';
  return 'PARTIALLY_PAID';
}

/**
 * The payment status stored on an order: NOT_APPLICABLE for kinds that are not
 * receivables (transfers between own warehouses, returns to a supplier), else
 * derived from the payments.
 */
export function orderPaymentStatus(kind: OrderKind, grandTotal: DecimalLike, payments: readonly PaymentLine[]): PaymentStatus {
  return isPayableKind(kind) ? derivePaymentStatus(grandTotal, payments) : 'NOT_APPLICABLE';
}

/** The money figures of an order: nothing is ever due on a kind that is not a receivable (it is valued at cost). */
export function orderPaymentTotals(kind: OrderKind, grandTotal: DecimalLike, payments: readonly PaymentLine[]): PaymentTotals {
  const totals = paymentTotals(grandTotal, payments);
  return isPayableKind(kind) ? totals : { ...totals, due: new Decimal(0) };
}
