// paymentRecord: seed 002 PATCH /order/quick-payment (PAID / INSTALLMENT) and the payment part of POST /order.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { PaymentMethod } from '../../../db/generated/prisma/enums.js';
import { DuplicateInstallmentError, OverpaymentError, PaymentNotAllowedError, PaymentNotApplicableError } from '../../errors.js';
import { recordPayment } from '../../payment-service.js';
import { paymentPayload } from './payment-payload.js';

export const PaymentRecordInput = builder.inputType('PaymentRecordInput', {
  description: 'Money received for an order: a full payment or one installment.',
  fields: (t) => ({
    order: t.globalID({ required: true, description: 'Global id of the order paid.' }),
    method: t.field({ type: PaymentMethod, required: true, description: 'How it was paid.' }),
    amount: t.field({ type: 'Decimal', required: true, description: 'Amount received, at most what is still due, e.g. "100000.00".' }),
    bankAccount: t.globalID({ required: false, description: 'The active shop bank account it was transferred to.' }),
    paidAt: t.field({ type: 'DateTime', required: false, description: 'When the money moved; default now.' }),
    installmentNumber: t.int({
      required: false,
      description: 'Installment number (1, 2, ...); default the next one after the highest used. A number already used is refused.',
    }),
    reference: t.string({ required: false, description: 'Transfer or gateway reference.' }),
    note: t.string({ required: false, description: 'Free text note.' }),
  }),
});

const PaymentRecordPayload = paymentPayload('PaymentRecordPayload', 'The payment recorded, and its order with the re-derived payment status.');

builder.mutationField('paymentRecord', (t) =>
  t.field({
    type: PaymentRecordPayload,
    description:
      'Records a payment or installment. Refused above the amount still due (OverpaymentError), on cancelled orders and drafts, ' +
      'and with an installment number already used; orders that owe nothing by their kind (transfers, returns to a supplier) take no payments ' +
      '(PaymentNotApplicableError). The order payment status is re-derived in the same transaction.',
    errors: { types: [OverpaymentError, PaymentNotAllowedError, DuplicateInstallmentError, PaymentNotApplicableError] },
    args: { input: t.arg({ type: PaymentRecordInput, required: true, description: 'The payment.' }) },
    resolve: (_root, { input }, ctx) =>
      recordPayment(ctx, {
        orderId: decodeIdArg(input.order, 'Order'),
        method: input.method,
        amount: input.amount,
        bankAccountId: input.bankAccount ? decodeIdArg(input.bankAccount, 'BankAccount') : null,
        paidAt: input.paidAt,
        installmentNumber: input.installmentNumber,
        reference: input.reference,
        note: input.note,
      }),
  }),
);
