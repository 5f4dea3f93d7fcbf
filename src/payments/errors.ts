// Expected failures of payment writes.
import { DomainError } from '../shared/errors.js';
import type { Decimal } from '../shared/money.js';

/** The amount is more than the order still owes (seed 002 "Amount is more than amount remaining"). */
export class OverpaymentError extends DomainError {
  readonly code = 'OVERPAYMENT';
  constructor(
    readonly orderId: number,
    readonly amountDue: Decimal,
    readonly requested: Decimal,
  ) {
    super(`Payment of ${requested.toFixed(2)} is more than the ${amountDue.toFixed(2)} still due on order ${orderId}`);
  }
}

/** A refund larger than what the shop kept of the order's payments. */
export class RefundExceedsPaidError extends DomainError {
  readonly code = 'REFUND_EXCEEDS_PAID';
  constructor(
    readonly orderId: number,
    readonly amountRefundable: Decimal,
    readonly requested: Decimal,
  ) {
    super(`Refund of ${requested.toFixed(2)} is more than the ${amountRefundable.toFixed(2)} paid on order ${orderId}`);
  }
}

/** The order does not take payments in its state: cancelled, or still a draft. */
export class PaymentNotAllowedError extends DomainError {
  readonly code = 'PAYMENT_NOT_ALLOWED';
  constructor(
    readonly orderId: number,
    readonly status: string,
    readonly isDraft: boolean,
  ) {
    super(isDraft ? `Order ${orderId} is a draft and takes no payments` : `Order ${orderId} is ${status} and takes no payments`);
  }
}

/** The order is not a receivable: a transfer between own warehouses or a return to a supplier takes no payments. */
export class PaymentNotApplicableError extends DomainError {
  readonly code = 'PAYMENT_NOT_APPLICABLE';
  constructor(
    readonly orderId: number,
    readonly kind: string,
  ) {
    super(`Order ${orderId} is a ${kind} order, valued at cost; it owes nothing and takes no payments`);
  }
}

/** The installment number is already taken by another payment of the order. */
export class DuplicateInstallmentError extends DomainError {
  readonly code = 'DUPLICATE_INSTALLMENT';
  constructor(
    readonly orderId: number,
    readonly installmentNumber: number,
  ) {
    super(`Order ${orderId} already has installment ${installmentNumber}`);
  }
}
