// paymentSubmissionCreate: the buyer (a storefront, or staff on their behalf) says a transfer was made.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { PaymentNotAllowedError } from '../../errors.js';
import { submitPayment } from '../../payment-submission-service.js';
import { paymentSubmissionPayload } from './payment-submission-payload.js';

export const PaymentSubmissionCreateInput = builder.inputType('PaymentSubmissionCreateInput', {
  description: 'A transfer the buyer made, to be checked by the shop.',
  fields: (t) => ({
    order: t.globalID({ required: true, description: 'Global id of the Order paid.' }),
    bankAccount: t.globalID({ required: false, description: 'Global id of the shop BankAccount paid into.' }),
    amount: t.field({ type: 'Decimal', required: true, description: 'The amount transferred (with the transfer code, if the order has one).' }),
    senderName: t.string({ required: true, description: 'Name on the sending account, at most 100 characters.' }),
    senderBank: t.string({ required: false, description: 'The sending bank.' }),
    transferredAt: t.field({ type: 'DateTime', required: true, description: 'When the transfer was made.' }),
    proofUrl: t.string({ required: false, description: 'http(s) link to the receipt, at most 500 characters.' }),
    note: t.string({ required: false, description: 'Free text, at most 1000 characters.' }),
  }),
});

const PaymentSubmissionCreatePayload = paymentSubmissionPayload('PaymentSubmissionCreatePayload', 'The submission, PENDING.');

builder.mutationField('paymentSubmissionCreate', (t) =>
  t.field({
    type: PaymentSubmissionCreatePayload,
    description: 'Records a payment the buyer says they made; it waits (PENDING) until paymentSubmissionConfirm records it or paymentSubmissionReject turns it down. An order that owes nothing takes none (PaymentNotAllowedError).',
    errors: { types: [PaymentNotAllowedError] },
    args: { input: t.arg({ type: PaymentSubmissionCreateInput, required: true, description: 'The transfer.' }) },
    resolve: (_root, { input }, ctx) =>
      submitPayment(ctx, {
        ...input,
        orderId: decodeIdArg(input.order, 'Order'),
        bankAccountId: input.bankAccount ? decodeIdArg(input.bankAccount, 'BankAccount') : null,
      }),
  }),
);
