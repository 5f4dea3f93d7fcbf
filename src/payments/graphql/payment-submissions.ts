// Buyer-submitted payments waiting for the shop's confirmation, and finding an
// order by the amount transferred (its transfer code).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../graphql/builder.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { compiledList } from '../../graphql/compiled-reads/root-read.js';
import type { Context } from '../../graphql/context.js';
import { errorType } from '../../graphql/errors.js';
import { tenantNode } from '../../graphql/ids.js';
import { registerLifecycleRoles } from '../../graphql/permissions-plugin.js';
import { connectionOf } from '../../graphql/shared-connections.js';
import { DateRange } from '../../graphql/sorting.js';
import { Prisma } from '../../db/generated/prisma/client.js';
import type { PaymentSubmissionStatus } from '../../db/generated/prisma/enums.js';
import { dateRangeWhere } from '../../shared/list-query.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import { dec } from '../../shared/money.js';
import { InvalidPaymentSubmissionStateError } from '../errors.js';
import { PAYMENT_SUBMISSION_LIFECYCLE } from '../payment-submission-lifecycle.js';
import { dueSql } from './money-sql.js';

registerLifecycleRoles(PAYMENT_SUBMISSION_LIFECYCLE);

export const PaymentSubmissionStatusEnum = builder.enumType('PaymentSubmissionStatus', {
  description: 'Where a buyer-submitted payment stands.',
  values: {
    PENDING: { description: 'Waiting for the shop to check the account.' },
    CONFIRMED: { description: 'The money arrived; the payment is recorded on the order.' },
    REJECTED: { description: 'The money did not arrive or does not match; see rejectionReason.' },
  } satisfies Record<PaymentSubmissionStatus, { description: string }>,
});

builder.prismaNode('PaymentSubmission', {
  description: 'A payment the buyer says they made (a bank transfer and its proof), until the shop confirms or rejects it.',
  ...tenantNode,
  fields: (t) => ({
    order: t.relation('order', { description: 'The order it pays.' }),
    bankAccount: t.relation('bankAccount', { nullable: true, description: 'The shop account the buyer says they paid into.' }),
    amount: t.expose('amount', { type: 'Decimal', description: 'The amount the buyer says they transferred.' }),
    senderName: t.exposeString('senderName', { description: 'Name on the sending account.' }),
    senderBank: t.exposeString('senderBank', { nullable: true, description: 'The sending bank.' }),
    transferredAt: t.expose('transferredAt', { type: 'DateTime', description: 'When the buyer says they transferred.' }),
    proofUrl: t.exposeString('proofUrl', { nullable: true, description: 'Link to the transfer receipt.' }),
    note: t.exposeString('note', { nullable: true, description: 'The buyer\'s note.' }),
    status: t.expose('status', { type: PaymentSubmissionStatusEnum, description: 'Pending, confirmed or rejected.' }),
    rejectionReason: t.exposeString('rejectionReason', { nullable: true, description: 'Why it was rejected.' }),
    payment: t.relation('payment', { nullable: true, description: 'The payment recorded when it was confirmed.' }),
    submittedBy: t.exposeString('submittedBy', { nullable: true, description: 'Who entered it.' }),
    decidedBy: t.exposeString('decidedBy', { nullable: true, description: 'Who confirmed or rejected it.' }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true, description: 'When it was confirmed or rejected.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was submitted.' }),
  }),
});

builder.prismaObjectFields('Order', (t) => ({
  paymentSubmissions: t.relation('paymentSubmissions', { description: 'Payments the buyer submitted for it, oldest first; PENDING ones wait for confirmation.', query: { orderBy: { id: 'asc' } } }),
}));

const PaymentSubmissionFilter = builder.inputType('PaymentSubmissionFilter', {
  description: 'Narrows the submission list; conditions combine with AND.',
  fields: (t) => ({
    statuses: t.field({ type: [PaymentSubmissionStatusEnum], required: false, description: 'Only submissions in these statuses (e.g. PENDING: what waits for confirmation).' }),
    order: t.globalID({ required: false, description: 'Global id of an Order: only its submissions.' }),
    bankAccount: t.globalID({ required: false, description: 'Global id of a BankAccount: only submissions naming it.' }),
    createdAt: t.field({ type: DateRange, required: false, description: 'Only submissions made in this interval.' }),
  }),
});

/** Where and order of the list: its resolver's, its totalCount's and its compiled read's. */
const submissionList = (args: { filter?: typeof PaymentSubmissionFilter.$inferInput | null }, ctx: Context) => {
  const f = args.filter;
  return {
    where: {
      tenantId: ctx.tenantId,
      ...(f?.statuses?.length ? { status: { in: f.statuses } } : {}),
      ...(f?.order ? { orderId: decodeIdArg(f.order, 'Order') } : {}),
      ...(f?.bankAccount ? { bankAccountId: decodeIdArg(f.bankAccount, 'BankAccount') } : {}),
      ...(f?.createdAt ? { createdAt: dateRangeWhere(f.createdAt) } : {}),
    },
    orderBy: { id: 'asc' as const },
  };
};

builder.queryFields((t) => ({
  paymentSubmissions: t.prismaConnection({
    type: 'PaymentSubmission',
    cursor: 'id',
    description: 'Payments buyers submitted, oldest first: filter PENDING for the ones waiting for confirmation.',
    args: { filter: t.arg({ type: PaymentSubmissionFilter, required: false, description: 'Narrows the list.' }) },
    extensions: compiledList('PaymentSubmission', submissionList),
    totalCount: (_parent, args, ctx) => ctx.prisma.paymentSubmission.count({ where: submissionList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.paymentSubmission.findMany({ ...query, ...submissionList(args, ctx) }),
  }, connectionOf('PaymentSubmission')),
  orderByTransferAmount: t.prismaField({
    type: 'Order',
    nullable: true,
    description: 'The open order whose transfer amount (amount due plus its transfer code) is exactly this: which order a bank transfer on the statement pays. Null when none is.',
    args: { amount: t.arg({ type: 'Decimal', required: true, description: 'The amount on the bank statement.' }) },
    resolve: async (query, _root, args, ctx) => {
      const rows = await ctx.prisma.$queryRaw<Array<{ id: number }>>(Prisma.sql`
        SELECT o."id" FROM "Order" o
         WHERE o."tenantId" = ${ctx.tenantId}::int AND o."transferCode" IS NOT NULL
           AND o."paymentStatus" IN ('UNPAID', 'PARTIALLY_PAID') AND o."status" NOT IN ('CANCELLED', 'RETURNED')
           AND ${Prisma.raw(dueSql('o'))} + o."transferCode" = ${dec(args.amount).toFixed(2)}::numeric
         ORDER BY o."id" LIMIT 1`);
      return rows[0] ? ctx.prisma.order.findUnique({ ...query, where: { id: rows[0].id } }) : null;
    },
  }),
}));

byIdQuery('PaymentSubmission', { description: 'One payment submission by global id.', idDescription: 'Global id of the submission.' });

errorType(InvalidPaymentSubmissionStateError, {
  description: 'The submission was confirmed or rejected already; nothing was written.',
  fields: (t) => ({
    submissionId: t.id({ resolve: (e) => encodeGlobalID('PaymentSubmission', e.submissionId), description: 'Global id of the submission.' }),
    action: t.exposeString('action', { description: 'The step refused: "confirm" or "reject".' }),
    status: t.field({ type: PaymentSubmissionStatusEnum, resolve: (e) => e.status as PaymentSubmissionStatus, description: 'Its status.' }),
    allowedStatuses: t.field({ type: [PaymentSubmissionStatusEnum], resolve: (e) => e.allowedStatuses as PaymentSubmissionStatus[], description: 'Statuses the step leaves from.' }),
  }),
});
