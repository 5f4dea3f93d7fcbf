// An order's payment status, derived from what it still sells (its grand total
// net of returns and cancellation) and its payments and refunds. Pure: the payment
// write code stores the result in Order.paymentStatus, the read side computes the
// same money figures from the same rows.
import type { OrderKind, OrderStatus, PaymentKind, PaymentStatus, ReturnStatus } from '../db/generated/prisma/enums.js';
import { isPayableKind } from '../orders/order-kinds.js';
import { Decimal, dec, sum, type DecimalLike } from '../shared/money.js';

export interface PaymentLine {
  kind: PaymentKind;
  amount: DecimalLike;
}

/** The columns of an order its net total is computed from. */
export interface OrderMoneyBasis {
  kind: OrderKind;
  status: OrderStatus | string;
  grandTotal: DecimalLike;
  returnedTotal: DecimalLike;
  returnStatus: ReturnStatus | string;
}

/**
 * What the buyer still pays for: nothing once the order is cancelled or every
 * shipped unit came back; else the grand total less the value of the units
 * returned so far (never below zero).
 */
export function orderNetTotal(order: Pick<OrderMoneyBasis, 'status' | 'grandTotal' | 'returnedTotal' | 'returnStatus'>): Decimal {
  if (order.status === 'CANCELLED' || order.returnStatus === 'FULL') return new Decimal(0);
  return Decimal.max(dec(order.grandTotal).minus(dec(order.returnedTotal)), 0);
}

export interface PaymentTotals {
  /** Sum of PAYMENT amounts. */
  received: Decimal;
  /** Sum of REFUND amounts. */
  refunded: Decimal;
  /** Received minus refunded: what the shop keeps. */
  paid: Decimal;
  /** Net total minus paid, never below zero: what the buyer still owes. */
  due: Decimal;
  /** Paid minus net total, never below zero: what the shop owes the buyer back (after a cancellation or a return). */
  refundDue: Decimal;
}

/** `total` is the net total (see orderNetTotal); for an order without returns or cancellation, its grand total. */
export function paymentTotals(total: DecimalLike, payments: readonly PaymentLine[]): PaymentTotals {
  const received = sum(payments.filter((p) => p.kind === 'PAYMENT').map((p) => p.amount));
  const refunded = sum(payments.filter((p) => p.kind === 'REFUND').map((p) => p.amount));
  const paid = received.minus(refunded);
  const due = Decimal.max(dec(total).minus(paid), 0);
  const refundDue = Decimal.max(paid.minus(dec(total)), 0);
  return { received, refunded, paid, due, refundDue };
}

/**
 * REFUNDED: money was received and every unit of it was given back.
 * UNPAID: nothing received for an order that had something to pay (a cancelled or returned order
 *   that was never paid stays UNPAID; it owes nothing any more, amountDue says so).
 * PAID: what is kept covers the net total (overpayment included; a zero total with nothing received is PAID too,
 *   since nothing is owed). After a return or a cancellation the kept money may exceed the net total: still PAID,
 *   and refundDue says what goes back.
 * PARTIALLY_PAID: some received (installments, or what is left after a refund), less than the net total.
 * `netTotal` defaults to the grand total (no returns, not cancelled).
 * Comparisons are exact decimals: 11999.99 of 12000.00 is PARTIALLY_PAID.
 */
export function derivePaymentStatus(grandTotal: DecimalLike, payments: readonly PaymentLine[], netTotal: DecimalLike = grandTotal): PaymentStatus {
  const { received, refunded, paid } = paymentTotals(netTotal, payments);
  if (refunded.gt(0) && paid.lte(0)) return 'REFUNDED';
  if (received.isZero() && dec(grandTotal).gt(0)) return 'UNPAID';
  if (paid.gte(dec(netTotal))) return 'PAID';
  return 'PARTIALLY_PAID';
}

/**
 * The payment status stored on an order: NOT_APPLICABLE for kinds that are not
 * receivables (transfers between own warehouses, returns to a supplier), else
 * derived from the payments.
 */
export function orderPaymentStatus(order: OrderMoneyBasis, payments: readonly PaymentLine[]): PaymentStatus {
  return isPayableKind(order.kind) ? derivePaymentStatus(order.grandTotal, payments, orderNetTotal(order)) : 'NOT_APPLICABLE';
}

/** The money figures of an order: nothing is ever due on a kind that is not a receivable (it is valued at cost). */
export function orderPaymentTotals(order: OrderMoneyBasis, payments: readonly PaymentLine[]): PaymentTotals {
  const totals = paymentTotals(orderNetTotal(order), payments);
  return isPayableKind(order.kind) ? totals : { ...totals, due: new Decimal(0), refundDue: new Decimal(0) };
}
