// Buyer-submitted payments (seed 002 "unconfirmed" orders, `PATCH /order/confirm`
// ACCEPT / REJECT): the buyer (or a storefront, or staff on their behalf) says a
// transfer was made; the shop confirms it, which records the payment in the same
// transaction, or rejects it with a reason. The submission row is locked for the
// decision, so two confirmations of one submission record one payment.
import { Prisma } from '../db/generated/prisma/client.js';
import type { PaymentSubmissionStatus } from '../db/generated/prisma/enums.js';
import { transaction } from '../db/transaction.js';
import { lockOrderInserts, freeTransferCode } from '../orders/order-transfer-code.js';
import { NotFoundError } from '../shared/errors.js';
import { dec, type Decimal } from '../shared/money.js';
import { checkText, Problems } from '../shared/validation.js';
import { InvalidPaymentSubmissionStateError, PaymentNotAllowedError } from './errors.js';
import { paymentSubmissionMachine, type PaymentSubmissionStep } from './payment-submission-lifecycle.js';
import { amountDueInScope, recordPaymentInScope, type PaymentDeps } from './payment-service.js';

export interface PaymentSubmitInput {
  orderId: number;
  bankAccountId?: number | null;
  amount: Decimal;
  senderName: string;
  senderBank?: string | null;
  transferredAt: Date;
  proofUrl?: string | null;
  note?: string | null;
}

const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

function checkAmount(problems: Problems, amount: Decimal) {
  if (!amount.isFinite() || amount.lte(0) || amount.decimalPlaces() > 2 || amount.gte('1e16')) problems.add(['amount'], 'must be greater than zero, with at most two decimals');
}

export async function submitPayment(deps: PaymentDeps, input: PaymentSubmitInput): Promise<{ submissionId: number }> {
  const problems = new Problems();
  const amount = dec(input.amount);
  checkAmount(problems, amount);
  const senderName = checkText(problems, ['senderName'], input.senderName, { required: true, max: 100 });
  const senderBank = checkText(problems, ['senderBank'], input.senderBank, { max: 100 }) || null;
  const proofUrl = checkText(problems, ['proofUrl'], input.proofUrl, { max: 500 }) || null;
  if (proofUrl && !/^https?:\/\/\S+$/.test(proofUrl)) problems.add(['proofUrl'], 'must be an http(s) URL');
  const note = checkText(problems, ['note'], input.note, { max: 1000 }) || null;
  if (input.transferredAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) problems.add(['transferredAt'], 'must not be in the future');
  problems.throwIfAny();
  return transaction(deps, async (scope) => {
    const { tx } = scope;
    // Locks the order; null: a draft, cancelled or returned order, or one that is not a receivable.
    const due = await amountDueInScope(scope, deps.tenantId, input.orderId);
    if (due === null || due.isZero()) {
      const order = await tx.order.findUniqueOrThrow({ where: { id: input.orderId }, select: { status: true, isDraft: true } });
      throw new PaymentNotAllowedError(input.orderId, order.status, order.isDraft, order.isDraft ? 'DRAFT' : order.status === 'CANCELLED' ? 'CANCELLED' : due === null ? 'RETURNED' : 'SETTLED');
    }
    if (input.bankAccountId != null) {
      const account = await tx.bankAccount.findFirst({ where: { id: input.bankAccountId, tenantId: deps.tenantId }, select: { isActive: true } });
      if (!account) throw new NotFoundError('BankAccount', String(input.bankAccountId));
      if (!account.isActive) new Problems().add(['bankAccount'], 'is inactive; choose an active bank account').throwIfAny();
    }
    const submission = await tx.paymentSubmission.create({
      data: {
        tenantId: deps.tenantId,
        orderId: input.orderId,
        bankAccountId: input.bankAccountId ?? null,
        amount: amount.toFixed(2),
        senderName: senderName!,
        senderBank,
        transferredAt: input.transferredAt,
        proofUrl,
        note,
        submittedBy: deps.viewer.actor,
      },
      select: { id: true },
    });
    return { submissionId: submission.id };
  });
}

/** Locks the submission and checks the step may leave its status. */
async function lockSubmission(scope: Parameters<Parameters<typeof transaction>[1]>[0], tenantId: number, submissionId: number, step: PaymentSubmissionStep) {
  const rows = await scope.tx.$queryRaw<Array<{ id: number; orderId: number; status: PaymentSubmissionStatus; amount: string; bankAccountId: number | null; transferredAt: Date }>>(Prisma.sql`
    SELECT "id", "orderId", "status"::text AS "status", "amount"::text AS "amount", "bankAccountId", "transferredAt"
      FROM "PaymentSubmission" WHERE "id" = ${submissionId}::int AND "tenantId" = ${tenantId}::int FOR UPDATE`);
  const submission = rows[0];
  if (!submission) throw new NotFoundError('PaymentSubmission', String(submissionId));
  const next = paymentSubmissionMachine.next(submission.status, step);
  if (!next.ok) throw new InvalidPaymentSubmissionStateError(submission.id, step, submission.status, next.allowedFrom.filter((s): s is PaymentSubmissionStatus => s !== null));
  return submission;
}

/** Confirms a submission: records the payment (the amount submitted, or the one the shop saw arrive) and closes it. */
export async function confirmPaymentSubmission(deps: PaymentDeps, input: { submissionId: number; amount?: Decimal | null; note?: string | null }): Promise<{ submissionId: number }> {
  const problems = new Problems();
  if (input.amount != null) checkAmount(problems, dec(input.amount));
  const note = checkText(problems, ['note'], input.note, { max: 1000 }) || null;
  problems.throwIfAny();
  return transaction(deps, async (scope) => {
    const submission = await lockSubmission(scope, deps.tenantId, input.submissionId, 'confirm');
    const payment = await recordPaymentInScope(scope, deps, {
      orderId: submission.orderId,
      method: 'BANK_TRANSFER',
      amount: dec(input.amount ?? submission.amount),
      bankAccountId: submission.bankAccountId,
      paidAt: submission.transferredAt,
      reference: `Submission ${submission.id}`,
      note,
    });
    await scope.tx.paymentSubmission.update({
      where: { id: submission.id },
      data: { status: 'CONFIRMED', paymentId: payment.paymentId, decidedBy: deps.viewer.actor, decidedAt: new Date() },
    });
    return { submissionId: submission.id };
  });
}

export async function rejectPaymentSubmission(deps: PaymentDeps, input: { submissionId: number; reason: string }): Promise<{ submissionId: number }> {
  const problems = new Problems();
  const reason = checkText(problems, ['reason'], input.reason, { required: true, max: 500 });
  problems.throwIfAny();
  return transaction(deps, async (scope) => {
    const submission = await lockSubmission(scope, deps.tenantId, input.submissionId, 'reject');
    await scope.tx.paymentSubmission.update({
      where: { id: submission.id },
      data: { status: 'REJECTED', rejectionReason: reason, decidedBy: deps.viewer.actor, decidedAt: new Date() },
    });
    return { submissionId: submission.id };
  });
}

/** Gives an open bank-transfer order a transfer code if it has none free of clashes (idempotent). */
export async function assignTransferCode(deps: PaymentDeps, input: { orderId: number }): Promise<{ orderId: number }> {
  return transaction(deps, async (scope) => {
    await lockOrderInserts(scope, deps.tenantId);
    const due = await amountDueInScope(scope, deps.tenantId, input.orderId);
    const order = await scope.tx.order.findUniqueOrThrow({ where: { id: input.orderId }, select: { id: true, status: true, isDraft: true, transferCode: true } });
    if (due === null || due.isZero()) {
      throw new PaymentNotAllowedError(order.id, order.status, order.isDraft, order.isDraft ? 'DRAFT' : order.status === 'CANCELLED' ? 'CANCELLED' : due === null ? 'RETURNED' : 'SETTLED');
    }
    // Its own code stays when no other open order took it meanwhile.
    if (order.transferCode !== null) {
      const clash = await scope.tx.order.findFirst({
        where: { tenantId: deps.tenantId, transferCode: order.transferCode, id: { not: order.id }, paymentStatus: { in: ['UNPAID', 'PARTIALLY_PAID'] }, status: { notIn: ['CANCELLED', 'RETURNED'] } },
        select: { id: true },
      });
      if (!clash) return { orderId: order.id };
    }
    const code = await freeTransferCode(scope, deps.tenantId);
    if (code === null) new Problems().add(['order'], 'every transfer code (1 to 999) is held by an open order; wait for some to be paid').throwIfAny();
    await scope.tx.order.update({ where: { id: order.id }, data: { transferCode: code, paymentMethod: 'BANK_TRANSFER', version: { increment: 1 } } });
    return { orderId: order.id };
  });
}
