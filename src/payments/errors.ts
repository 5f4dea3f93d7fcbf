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

/** Why an order takes no payment. */
export const PAYMENT_REFUSALS = ['DRAFT', 'CANCELLED', 'RETURNED', 'SETTLED'] as const;
export type PaymentRefusal = (typeof PAYMENT_REFUSALS)[number];

const REFUSAL_TEXT: Record<PaymentRefusal, string> = {
  DRAFT: 'is a draft',
  CANCELLED: 'is cancelled',
  RETURNED: 'came back in full',
  SETTLED: 'owes nothing',
};

/** The order does not take payments: a draft, cancelled, fully returned, or nothing left to pay. */
export class PaymentNotAllowedError extends DomainError {
  readonly code = 'PAYMENT_NOT_ALLOWED';
  constructor(
    readonly orderId: number,
    readonly status: string,
    readonly isDraft: boolean,
    readonly refusal: PaymentRefusal = isDraft ? 'DRAFT' : 'CANCELLED',
  ) {
    super(`Order ${orderId} ${REFUSAL_TEXT[refusal]} and takes no payments`);
  }
}

/**
 * A refund for a return larger than the return's value not yet refunded, or than
 * what the buyer paid beyond what they still owe (a refund for returned goods
 * never leaves the buyer owing it).
 */
export class RefundExceedsReturnError extends DomainError {
  readonly code = 'REFUND_EXCEEDS_RETURN';
  constructor(
    readonly orderId: number,
    readonly returnId: number,
    readonly amountRefundable: Decimal,
    readonly requested: Decimal,
  ) {
    super(`Refund of ${requested.toFixed(2)} for return ${returnId} is more than the ${amountRefundable.toFixed(2)} refundable for it`);
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

/** The submission's status does not allow the step (confirmed or rejected already). */
export class InvalidPaymentSubmissionStateError extends DomainError {
  readonly code = 'INVALID_PAYMENT_SUBMISSION_STATE';
  constructor(
    readonly submissionId: number,
    readonly action: string,
    readonly status: string,
    readonly allowedStatuses: readonly string[],
  ) {
    super(`Payment submission ${submissionId} is ${status}; ${action} needs ${allowedStatuses.join(' or ')}`);
  }
}
