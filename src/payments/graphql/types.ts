// Bank accounts, payments and refunds, and the money figures of an order: read side.
import { sqlForm } from '../../graphql/compiled-reads/sql-form.js';
import { dueSql, netTotalSql, paidSql, refundDueSql, refundedSql } from './money-sql.js';
import { builder } from '../../graphql/builder.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { tenantNode } from '../../graphql/ids.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import { DateRange, sortInput } from '../../graphql/sorting.js';
import { dateRangeWhere } from '../../shared/list-query.js';
import type { Context } from '../../graphql/context.js';
import { PaymentKind, PaymentMethod, RefundFor } from '../../db/generated/prisma/enums.js';
import { orderNetTotal, orderPaymentTotals } from '../payment-status.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { errorType } from '../../graphql/errors.js';
import { DuplicateBankAccountError } from '../bank-account-errors.js';
import { DuplicateInstallmentError, OverpaymentError, PAYMENT_REFUSALS, PaymentNotAllowedError, RefundExceedsPaidError, RefundExceedsReturnError } from '../errors.js';
import { connectionOf } from '../../graphql/shared-connections.js';

// Registered with the Prisma enum object itself (not describedEnum), so other domains can
// pass either this ref or the Prisma enum as a field `type`; `satisfies` keeps every value described.
export const PaymentKindEnum = builder.enumType(PaymentKind, {
  name: 'PaymentKind',
  description: 'Whether money came in or went back.',
  values: {
    PAYMENT: { description: 'Money received from the buyer (a full payment or one installment).' },
    REFUND: { description: 'Money given back to the buyer.' },
  } satisfies Record<PaymentKind, { description: string }>,
});

export const PaymentMethodEnum = builder.enumType(PaymentMethod, {
  name: 'PaymentMethod',
  description: 'How money was paid.',
  values: {
    BANK_TRANSFER: { description: 'Transfer to one of the shop bank accounts.' },
    COD: { description: 'Cash on delivery, collected by the courier.' },
    CREDIT_CARD: { description: 'Credit or debit card.' },
    E_WALLET: { description: 'E-wallet such as OVO, GoPay or DANA.' },
    VIRTUAL_ACCOUNT: { description: 'Bank virtual account of a payment gateway.' },
    QRIS: { description: 'QRIS code.' },
    CASH: { description: 'Cash at the counter.' },
    MARKETPLACE: { description: 'Collected by a marketplace and settled to the shop.' },
    OTHER: { description: 'Any other way.' },
  } satisfies Record<PaymentMethod, { description: string }>,
});

export const RefundForEnum = builder.enumType(RefundFor, {
  name: 'RefundFor',
  description: 'What a refund settles.',
  values: {
    RETURN: { description: 'Units that came back: the refund names the return.' },
    CANCELLATION: { description: 'The cancellation of the order.' },
  } satisfies Record<RefundFor, { description: string }>,
});

const PaymentRefusalEnum = builder.enumType('PaymentRefusal', {
  description: 'Why an order takes no payment.',
  values: {
    DRAFT: { description: 'The order is still a draft.' },
    CANCELLED: { description: 'The order was cancelled.' },
    RETURNED: { description: 'Everything shipped came back.' },
    SETTLED: { description: 'Nothing is left to pay.' },
  } satisfies Record<(typeof PAYMENT_REFUSALS)[number], { description: string }>,
});

export const BankAccount = builder.prismaNode('BankAccount', {
  description: 'A bank account of the shop that buyers transfer to.',
  ...tenantNode,
  fields: (t) => ({
    bankName: t.exposeString('bankName', { description: 'Bank, e.g. "BCA".' }),
    accountName: t.exposeString('accountName', { description: 'Name of the account holder.' }),
    accountNumber: t.exposeString('accountNumber', { description: 'Account number.' }),
    isActive: t.exposeBoolean('isActive', { description: 'Inactive accounts are refused on new payments; payments that already name one keep it.' }),
  }),
});

export const Payment = builder.prismaNode('Payment', {
  description: 'Money received for an order (a payment or one installment), or given back (a refund).',
  ...tenantNode,
  fields: (t) => ({
    order: t.relation('order', { description: 'The order paid.' }),
    kind: t.expose('kind', { type: PaymentKindEnum, description: 'Payment or refund.' }),
    method: t.expose('method', { type: PaymentMethodEnum, description: 'How it was paid.' }),
    amount: t.expose('amount', { type: 'Decimal', description: 'Amount, positive for payments and refunds alike.' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code, e.g. "IDR".' }),
    bankAccount: t.relation('bankAccount', { nullable: true, description: 'The shop account it was transferred to.' }),
    installmentNumber: t.exposeInt('installmentNumber', { nullable: true, description: '1, 2, ... when the order is paid in installments.' }),
    reference: t.exposeString('reference', { nullable: true, description: 'Transfer or gateway reference.' }),
    note: t.exposeString('note', { nullable: true, description: 'Free text note.' }),
    paidAt: t.expose('paidAt', { type: 'DateTime', description: 'When the money moved.' }),
    recordedBy: t.exposeString('recordedBy', { nullable: true, description: 'Who recorded it.' }),
    refundFor: t.expose('refundFor', { type: RefundForEnum, nullable: true, description: 'For a refund: what it settles (a return or the cancellation); null for payments and for refunds of a payment alone.' }),
    return: t.relation('return', { nullable: true, description: 'For a refund of returned units: the return it pays back.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was recorded.' }),
  }),
});

// The money fields below select the same payments relation, with the same
// ordering, as Order.payments: equal arguments let plugin-prisma merge both into
// the parent's one SQL statement instead of loading the relation again.
const paymentsOrder = [{ paidAt: 'asc' }, { id: 'asc' }] as const;
const moneySelect = {
  kind: true,
  status: true,
  grandTotal: true,
  returnedTotal: true,
  returnStatus: true,
  payments: { select: { kind: true, amount: true }, orderBy: [...paymentsOrder] },
} as const;

builder.prismaObjectFields('Order', (t) => ({
  payments: t.relation('payments', {
    description: 'Payments and refunds of this order, in the order they were made.',
    query: { orderBy: [...paymentsOrder] },
  }),
  amountPaid: t.field({
    type: 'Decimal',
    description: 'What the shop keeps: payments minus refunds.',
    select: moneySelect,
    resolve: (order) => orderPaymentTotals(order, order.payments).paid,
    extensions: sqlForm('Decimal', paidSql),
  }),
  amountDue: t.field({
    type: 'Decimal',
    description:
      'What the buyer still owes: the net total minus the amount paid, never below zero; zero once the order is cancelled or ' +
      'fully returned, and always zero for transfers and returns to a supplier.',
    select: moneySelect,
    resolve: (order) => orderPaymentTotals(order, order.payments).due,
    extensions: sqlForm('Decimal', dueSql),
  }),
  transferCode: t.exposeInt('transferCode', {
    nullable: true,
    description: 'A bank-transfer order\'s unique code (1 to 999): add it to the amount due, so the shop can tell this transfer from others of the same total.',
  }),
  transferAmount: t.field({
    type: 'Decimal',
    nullable: true,
    description: 'What the buyer should transfer: the amount due plus the transfer code; null without a code or when nothing is due.',
    select: { ...moneySelect, transferCode: true },
    resolve: (order) => {
      const due = orderPaymentTotals(order, order.payments).due;
      return order.transferCode === null || due.isZero() ? null : due.plus(order.transferCode);
    },
  }),
  amountRefunded: t.field({
    type: 'Decimal',
    description: 'Total of the refunds.',
    select: moneySelect,
    resolve: (order) => orderPaymentTotals(order, order.payments).refunded,
    extensions: sqlForm('Decimal', refundedSql),
  }),
  refundDue: t.field({
    type: 'Decimal',
    description: 'What the shop owes the buyer back: the amount paid beyond the net total (after a return or a cancellation), never below zero.',
    select: moneySelect,
    resolve: (order) => orderPaymentTotals(order, order.payments).refundDue,
    extensions: sqlForm('Decimal', refundDueSql),
  }),
  netTotal: t.field({
    type: 'Decimal',
    description: 'What the buyer pays for: the grand total less the value of returned units; zero once cancelled or fully returned.',
    select: { status: true, grandTotal: true, returnedTotal: true, returnStatus: true },
    resolve: (order) => orderNetTotal(order),
    extensions: sqlForm('Decimal', netTotalSql),
  }),
}));

const PaymentFilter = builder.inputType('PaymentFilter', {
  description: 'Narrows the payment list; all given conditions must hold.',
  fields: (t) => ({
    order: t.globalID({ required: false, description: 'Only payments of this order.' }),
    methods: t.field({ type: [PaymentMethodEnum], required: false, description: 'Only payments made one of these ways.' }),
    kinds: t.field({ type: [PaymentKindEnum], required: false, description: 'Only payments, or only refunds.' }),
    bankAccount: t.globalID({ required: false, description: 'Only transfers to this bank account.' }),
    paidAt: t.field({ type: DateRange, required: false, description: 'Only money moved in this interval.' }),
  }),
});

const PaymentOrderBy = sortInput('Payment', {
  description: 'Sort order of the payment list.',
  fieldsDescription: 'What payments can be sorted by.',
  defaultDirection: 'desc',
  values: {
    PAID_AT: { value: 'paidAt', description: 'When the money moved.' },
    AMOUNT: { value: 'amount', description: 'Amount.' },
  },
});

function paymentWhere(ctx: Context, filter: typeof PaymentFilter.$inferInput | null | undefined) {
  const paidAt = dateRangeWhere(filter?.paidAt);
  return {
    tenantId: ctx.tenantId,
    ...(filter?.order ? { orderId: decodeIdArg(filter.order, 'Order') } : {}),
    ...(filter?.methods?.length ? { method: { in: filter.methods } } : {}),
    ...(filter?.kinds?.length ? { kind: { in: filter.kinds } } : {}),
    ...(filter?.bankAccount ? { bankAccountId: decodeIdArg(filter.bankAccount, 'BankAccount') } : {}),
    ...(paidAt ? { paidAt } : {}),
  };
}

const BankAccountFilter = builder.inputType('BankAccountFilter', {
  description: 'Narrows the bank account list.',
  fields: (t) => ({
    isActive: t.boolean({ required: false, description: 'Only active (true) or inactive (false) accounts.' }),
  }),
});

function bankAccountWhere(ctx: Context, filter: typeof BankAccountFilter.$inferInput | null | undefined) {
  return { tenantId: ctx.tenantId, ...(filter?.isActive != null ? { isActive: filter.isActive } : {}) };
}

builder.queryFields((t) => ({
  payments: t.prismaConnection({
    type: 'Payment',
    cursor: 'id',
    description: 'Payments and refunds of the tenant, latest paid first unless sorted otherwise.',
    args: {
      filter: t.arg({ type: PaymentFilter, required: false, description: 'Narrows the list.' }),
      orderBy: t.arg({ type: PaymentOrderBy, required: false, description: 'Sort order; default latest paid first.' }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.payment.count({ where: paymentWhere(ctx, args.filter) }),
    resolve: (query, _root, args, ctx) => {
      const direction = args.orderBy?.direction ?? 'desc';
      return ctx.prisma.payment.findMany({
        ...query,
        where: paymentWhere(ctx, args.filter),
        orderBy: [{ [args.orderBy?.field ?? 'paidAt']: direction }, { id: direction }],
      });
    },
  }, connectionOf('Payment')),
  bankAccounts: t.prismaConnection({
    type: 'BankAccount',
    cursor: 'id',
    description: 'Bank accounts of the shop, by bank and account name.',
    args: { filter: t.arg({ type: BankAccountFilter, required: false, description: 'Narrows the list.' }) },
    totalCount: (_parent, args, ctx) => ctx.prisma.bankAccount.count({ where: bankAccountWhere(ctx, args.filter) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.bankAccount.findMany({
        ...query,
        where: bankAccountWhere(ctx, args.filter),
        orderBy: [{ bankName: 'asc' }, { accountName: 'asc' }, { id: 'asc' }],
      }),
  }, connectionOf('BankAccount')),
}));

byIdQuery('Payment', {
  description: 'One payment or refund by global id.',
  idDescription: 'Global id of the payment.',
});

// ---- write side: typed errors of the payment mutations, and the mutations themselves
errorType(OverpaymentError, {
  description: 'The payment is more than the order still owes; nothing was recorded.',
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
    amountDue: t.field({ type: 'Decimal', resolve: (e) => e.amountDue, description: 'What the order still owes: the most a payment may be now.' }),
    requested: t.field({ type: 'Decimal', resolve: (e) => e.requested, description: 'The amount that was refused.' }),
  }),
});

errorType(RefundExceedsPaidError, {
  description: 'The refund is more than was paid (for the order, or for the payment named); nothing was recorded.',
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
    amountRefundable: t.field({ type: 'Decimal', resolve: (e) => e.amountRefundable, description: 'The most a refund may be now.' }),
    requested: t.field({ type: 'Decimal', resolve: (e) => e.requested, description: 'The amount that was refused.' }),
  }),
});

errorType(PaymentNotAllowedError, {
  description: 'The order takes no payments: it is still a draft, cancelled, fully returned, or owes nothing.',
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
    status: t.exposeString('status', { description: 'The order status.' }),
    isDraft: t.exposeBoolean('isDraft', { description: 'Whether the order is a draft.' }),
    refusal: t.field({ type: PaymentRefusalEnum, resolve: (e) => e.refusal, description: 'Why the order takes no payment.' }),
  }),
});

errorType(RefundExceedsReturnError, {
  description:
    "The refund for a return is more than the return's value not yet refunded, or than the buyer paid beyond what they still owe; nothing was recorded.",
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
    returnId: t.id({ resolve: (e) => encodeGlobalID('OrderReturn', e.returnId), description: 'Global id of the return.' }),
    amountRefundable: t.field({ type: 'Decimal', resolve: (e) => e.amountRefundable, description: 'The most a refund for this return may be now.' }),
    requested: t.field({ type: 'Decimal', resolve: (e) => e.requested, description: 'The amount that was refused.' }),
  }),
});

errorType(DuplicateInstallmentError, {
  description: 'Another payment of the order already has this installment number.',
  fields: (t) => ({
    orderId: t.id({ resolve: (e) => encodeGlobalID('Order', e.orderId), description: 'Global id of the order.' }),
    installmentNumber: t.exposeInt('installmentNumber', { description: 'The installment number already used.' }),
  }),
});

errorType(DuplicateBankAccountError, {
  description: 'The shop already has an account with this bank (case aside) and account number (spaces, dots and dashes aside); nothing was written.',
  fields: (t) => ({
    bankName: t.exposeString('bankName', { description: 'The bank.' }),
    accountNumber: t.exposeString('accountNumber', { description: 'The account number already used.' }),
    existingId: t.id({
      nullable: true,
      resolve: (e) => (e.existingId == null ? null : encodeGlobalID('BankAccount', e.existingId)),
      description: 'Global id of the account that has the number, when known.',
    }),
  }),
});
