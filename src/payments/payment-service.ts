// Payments and refunds: the only writer of Payment rows and of the stored copy of
// the payment status (Order.paymentStatus, Order.paidAt). Every write locks the
// order row first, so two concurrent payments cannot both pass the "not above due"
// check; the status is derived from the rows by the pure derivePaymentStatus,
// against the order's total net of returns and cancellation (orderNetTotal).
// A refund names what it settles: a return (capped by that return's value and by
// what the buyer paid beyond what they owe) or the order's cancellation.
import type { OrderKind, PaymentMethod, PaymentStatus, RefundFor, ReturnStatus } from '../db/generated/prisma/enums.js';
import { isPayableKind } from '../orders/order-kinds.js';
import { transaction, type TransactionDeps, type TransactionScope } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { Decimal, dec } from '../shared/money.js';
import { checkText, Problems } from '../shared/validation.js';
import { DuplicateInstallmentError, OverpaymentError, PaymentNotAllowedError, PaymentNotApplicableError, RefundExceedsPaidError, RefundExceedsReturnError } from './errors.js';
import { orderNetTotal, orderPaymentStatus, paymentTotals } from './payment-status.js';

export interface PaymentDeps extends TransactionDeps {
  tenantId: number;
  viewer: { actor: string };
}

export interface PaymentRecordInput {
  orderId: number;
  method: PaymentMethod;
  amount: Decimal;
  bankAccountId?: number | null;
  paidAt?: Date | null;
  installmentNumber?: number | null;
  reference?: string | null;
  note?: string | null;
}

export interface PaymentRefundInput {
  /** Exactly one of orderId and paymentId. */
  orderId?: number | null;
  paymentId?: number | null;
  /** The return this refund pays back; it must be of the same order. */
  returnId?: number | null;
  amount: Decimal;
  reason: string;
  method?: PaymentMethod | null;
  paidAt?: Date | null;
  reference?: string | null;
}

export interface PaymentWritten {
  paymentId: number;
  orderId: number;
  paymentStatus: PaymentStatus;
}

// How far ahead of the server clock a paidAt may lie (clock skew, time zones), not more.
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
const MAX_INSTALLMENT = 1000;

interface LockedOrder {
  id: number;
  kind: OrderKind;
  status: string;
  isDraft: boolean;
  grandTotal: string;
  returnedTotal: string;
  returnStatus: ReturnStatus;
  currency: string;
}

/** Locks the order row for the rest of the transaction; NotFoundError for another tenant's order. */
async function lockOrder(scope: TransactionScope, tenantId: number, orderId: number): Promise<LockedOrder> {
  const rows = await scope.tx.$queryRaw<LockedOrder[]>`
    SELECT "id", "kind"::text AS "kind", "status"::text AS "status", "isDraft", "grandTotal"::text AS "grandTotal",
           "returnedTotal"::text AS "returnedTotal", "returnStatus"::text AS "returnStatus", "currency"
      FROM "Order" WHERE "id" = ${orderId} AND "tenantId" = ${tenantId}
       FOR UPDATE`;
  const order = rows[0];
  if (!order) throw new NotFoundError('Order', String(orderId));
  return order;
}

function checkAmount(problems: Problems, amount: Decimal) {
  if (!amount.isFinite() || amount.lte(0)) problems.add(['amount'], 'must be greater than zero');
  else if (amount.decimalPlaces() > 2) problems.add(['amount'], 'must have at most 2 decimal places');
  else if (amount.gte('1e16')) problems.add(['amount'], 'is too large');
}

function checkPaidAt(problems: Problems, paidAt: Date | null | undefined, now: Date) {
  if (paidAt && paidAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) problems.add(['paidAt'], 'must not be in the future');
}

/**
 * Re-derives the payment status from the order's rows and stores the copy the read
 * side filters on. The caller holds the order lock.
 */
async function syncPaymentStatus(scope: TransactionScope, order: LockedOrder, bumpVersion = true): Promise<PaymentStatus> {
  const payments = await scope.tx.payment.findMany({
    where: { orderId: order.id },
    select: { kind: true, amount: true, paidAt: true },
  });
  const status = orderPaymentStatus(order, payments);
  const lastPaidAt = payments
    .filter((p) => p.kind === 'PAYMENT')
    .reduce<Date | null>((latest, p) => (!latest || p.paidAt > latest ? p.paidAt : latest), null);
  await scope.tx.order.update({
    where: { id: order.id },
    data: { paymentStatus: status, paidAt: status === 'PAID' ? lastPaidAt : null, ...(bumpVersion ? { version: { increment: 1 } } : {}) },
  });
  return status;
}

/**
 * For other writers that change an order's grand total (order edits) or its net
 * total (returns, cancellation): re-derives and stores the payment status in their
 * transaction, e.g. PAID -> PARTIALLY_PAID when an edit raises the total. The
 * caller's own write has bumped the version.
 */
export async function refreshPaymentStatus(scope: TransactionScope, tenantId: number, orderId: number): Promise<PaymentStatus> {
  return syncPaymentStatus(scope, await lockOrder(scope, tenantId, orderId), false);
}

export async function recordPayment(deps: PaymentDeps, input: PaymentRecordInput): Promise<PaymentWritten> {
  const now = new Date();
  const problems = new Problems();
  checkAmount(problems, input.amount);
  checkPaidAt(problems, input.paidAt, now);
  if (input.installmentNumber != null && (input.installmentNumber < 1 || input.installmentNumber > MAX_INSTALLMENT)) {
    problems.add(['installmentNumber'], `must be between 1 and ${MAX_INSTALLMENT}`);
  }
  const reference = checkText(problems, ['reference'], input.reference, { max: 100 }) || null;
  const note = checkText(problems, ['note'], input.note, { max: 1000 }) || null;
  problems.throwIfAny();
  return transaction(deps, (scope) => recordPaymentInScope(scope, deps, { ...input, reference, note }, now));
}

/** What an order still owes, with its row locked for the rest of the transaction; null when it takes no payment now (draft, cancelled, returned, not payable). */
export async function amountDueInScope(scope: TransactionScope, tenantId: number, orderId: number): Promise<Decimal | null> {
  const order = await lockOrder(scope, tenantId, orderId);
  if (!isPayableKind(order.kind) || order.isDraft || order.status === 'CANCELLED' || order.returnStatus === 'FULL' || order.status === 'RETURNED') return null;
  const payments = await scope.tx.payment.findMany({ where: { orderId: order.id }, select: { kind: true, amount: true } });
  return paymentTotals(orderNetTotal(order), payments).due;
}

/** Records a payment in the caller's transaction (the input checked by the caller): the rules of paymentRecord. */
export async function recordPaymentInScope(
  scope: TransactionScope,
  deps: Pick<PaymentDeps, 'tenantId' | 'viewer'>,
  input: PaymentRecordInput,
  now = new Date(),
): Promise<PaymentWritten> {
  const reference = input.reference ?? null;
  const note = input.note ?? null;
  const { tx } = scope;
  const order = await lockOrder(scope, deps.tenantId, input.orderId);
  if (!isPayableKind(order.kind)) throw new PaymentNotApplicableError(order.id, order.kind);
  if (order.isDraft) throw new PaymentNotAllowedError(order.id, order.status, true, 'DRAFT');
  if (order.status === 'CANCELLED') throw new PaymentNotAllowedError(order.id, order.status, false, 'CANCELLED');
  if (order.returnStatus === 'FULL' || order.status === 'RETURNED') throw new PaymentNotAllowedError(order.id, order.status, false, 'RETURNED');
  if (input.bankAccountId != null) {
    const account = await tx.bankAccount.findFirst({ where: { id: input.bankAccountId, tenantId: deps.tenantId }, select: { isActive: true } });
    if (!account) throw new NotFoundError('BankAccount', String(input.bankAccountId));
    if (!account.isActive) new Problems().add(['bankAccount'], 'is inactive; use an active bank account').throwIfAny();
  }
  const payments = await tx.payment.findMany({
    where: { orderId: order.id },
    select: { kind: true, amount: true, installmentNumber: true },
  });
  const { due } = paymentTotals(orderNetTotal(order), payments);
  if (due.isZero()) throw new PaymentNotAllowedError(order.id, order.status, false, 'SETTLED');
  if (input.amount.gt(due)) throw new OverpaymentError(order.id, due, input.amount);
  const taken = new Set(payments.filter((p) => p.kind === 'PAYMENT' && p.installmentNumber != null).map((p) => p.installmentNumber!));
  let installmentNumber = input.installmentNumber ?? null;
  if (installmentNumber != null && taken.has(installmentNumber)) throw new DuplicateInstallmentError(order.id, installmentNumber);
  // Automatic numbering: the next number after the highest one used.
  installmentNumber ??= Math.max(0, ...taken) + 1;

  const payment = await tx.payment.create({
    data: {
      tenantId: deps.tenantId,
      orderId: order.id,
      kind: 'PAYMENT',
      method: input.method,
      amount: input.amount.toFixed(2),
      currency: order.currency,
      bankAccountId: input.bankAccountId ?? null,
      installmentNumber,
      reference,
      note,
      paidAt: input.paidAt ?? now,
      recordedBy: deps.viewer.actor,
    },
    select: { id: true, createdAt: true },
  });
  const paymentStatus = await syncPaymentStatus(scope, order);
  scope.publish('paymentRecorded', {
    tenantId: deps.tenantId,
    orderId: order.id,
    paymentId: payment.id,
    kind: 'PAYMENT',
    at: payment.createdAt.toISOString(),
  });
  return { paymentId: payment.id, orderId: order.id, paymentStatus };
}

export async function refundPayment(deps: PaymentDeps, input: PaymentRefundInput): Promise<PaymentWritten> {
  const checked = checkRefundInput(input);
  return transaction(deps, (scope) => refundInScope(scope, deps, checked));
}

/** Shape checks of a refund that need no database; returns the input with its texts trimmed. */
export function checkRefundInput(input: PaymentRefundInput, path: Array<string | number> = []): PaymentRefundInput {
  const now = new Date();
  const problems = new Problems();
  if ((input.orderId == null) === (input.paymentId == null)) problems.add(path, 'give exactly one of order and payment');
  const at = (field: string) => [...path, field];
  if (!input.amount.isFinite() || input.amount.lte(0)) problems.add(at('amount'), 'must be greater than zero');
  else if (input.amount.decimalPlaces() > 2) problems.add(at('amount'), 'must have at most 2 decimal places');
  else if (input.amount.gte('1e16')) problems.add(at('amount'), 'is too large');
  if (input.paidAt && input.paidAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) problems.add(at('paidAt'), 'must not be in the future');
  const reason = checkText(problems, at('reason'), input.reason, { required: true, max: 1000 });
  const reference = checkText(problems, at('reference'), input.reference, { max: 100 }) || null;
  problems.throwIfAny();
  return { ...input, reason: reason!, reference };
}

/**
 * The refund inside a transaction the caller holds (a return with its refund runs it
 * this way, after writing the return). The input has passed checkRefundInput.
 */
export async function refundInScope(scope: TransactionScope, deps: Pick<PaymentDeps, 'tenantId' | 'viewer'>, input: PaymentRefundInput): Promise<PaymentWritten> {
  const now = new Date();
  const { tx } = scope;
  // The refunded payment gives the order and the defaults for method and account.
  let original: { orderId: number; method: PaymentMethod; bankAccountId: number | null; amount?: { toString(): string } } | null = null;
  if (input.paymentId != null) {
    original = await tx.payment.findFirst({
      where: { id: input.paymentId, tenantId: deps.tenantId, kind: 'PAYMENT' },
      select: { orderId: true, method: true, bankAccountId: true, amount: true },
    });
    if (!original) throw new NotFoundError('Payment', String(input.paymentId));
  }
  const order = await lockOrder(scope, deps.tenantId, original?.orderId ?? input.orderId!);
  const payments = await tx.payment.findMany({ where: { orderId: order.id }, select: { kind: true, amount: true, returnId: true } });
  const { paid, refundDue } = paymentTotals(orderNetTotal(order), payments);
  // A refund of one payment gives back at most that payment, and never more than the order kept.
  const refundable = original?.amount != null ? Decimal.min(paid, dec(original.amount)) : paid;
  if (input.amount.gt(refundable)) throw new RefundExceedsPaidError(order.id, Decimal.max(refundable, 0), input.amount);
  // What it settles: the return named, else the cancellation of a cancelled order, else nothing
  // (a payment given back on an order that still sells: the buyer owes it again).
  let refundFor: RefundFor | null = null;
  if (input.returnId != null) {
    const ret = await tx.orderReturn.findFirst({ where: { id: input.returnId, tenantId: deps.tenantId, orderId: order.id }, select: { id: true, value: true } });
    if (!ret) throw new NotFoundError('OrderReturn', String(input.returnId));
    const refundedForReturn = payments.filter((p) => p.kind === 'REFUND' && p.returnId === ret.id).reduce((total, p) => total.plus(dec(p.amount)), new Decimal(0));
    const returnRefundable = Decimal.max(Decimal.min(dec(ret.value).minus(refundedForReturn), refundDue), 0);
    if (input.amount.gt(returnRefundable)) throw new RefundExceedsReturnError(order.id, ret.id, returnRefundable, input.amount);
    refundFor = 'RETURN';
  } else if (order.status === 'CANCELLED') {
    refundFor = 'CANCELLATION';
  }
  // Without a payment to refer to, the refund goes back the way the last payment came.
  original ??= await tx.payment.findFirst({
    where: { orderId: order.id, kind: 'PAYMENT' },
    orderBy: [{ paidAt: 'desc' }, { id: 'desc' }],
    select: { orderId: true, method: true, bankAccountId: true },
  });

  const refund = await tx.payment.create({
    data: {
      tenantId: deps.tenantId,
      orderId: order.id,
      kind: 'REFUND',
      method: input.method ?? original?.method ?? 'OTHER',
      amount: input.amount.toFixed(2),
      currency: order.currency,
      bankAccountId: original?.bankAccountId ?? null,
      reference: input.reference ?? null,
      note: input.reason,
      paidAt: input.paidAt ?? now,
      recordedBy: deps.viewer.actor,
      refundFor,
      returnId: input.returnId ?? null,
    },
    select: { id: true, createdAt: true },
  });
  const paymentStatus = await syncPaymentStatus(scope, order);
  scope.publish('paymentRecorded', {
    tenantId: deps.tenantId,
    orderId: order.id,
    paymentId: refund.id,
    kind: 'REFUND',
    at: refund.createdAt.toISOString(),
  });
  return { paymentId: refund.id, orderId: order.id, paymentStatus };
}
