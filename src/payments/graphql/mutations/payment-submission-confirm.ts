// paymentSubmissionConfirm: the money arrived; the payment is recorded on the order in the same transaction.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { InvalidPaymentSubmissionStateError, OverpaymentError, PaymentNotAllowedError } from '../../errors.js';
import { confirmPaymentSubmission } from '../../payment-submission-service.js';
import { paymentSubmissionPayload } from './payment-submission-payload.js';

export const PaymentSubmissionConfirmInput = builder.inputType('PaymentSubmissionConfirmInput', {
  description: 'The submission to confirm.',
  fields: (t) => ({
    submission: t.globalID({ required: true, description: 'Global id of the PaymentSubmission.' }),
    amount: t.field({ type: 'Decimal', required: false, description: 'The amount that arrived, when it differs from the one submitted (at most what the order owes).' }),
    note: t.string({ required: false, description: 'Note on the payment.' }),
  }),
});

const PaymentSubmissionConfirmPayload = paymentSubmissionPayload('PaymentSubmissionConfirmPayload', 'The submission, CONFIRMED, with the payment recorded.');

builder.mutationField('paymentSubmissionConfirm', (t) =>
  t.field({
    type: PaymentSubmissionConfirmPayload,
    description:
      'Confirms a PENDING submission: records a BANK_TRANSFER payment of its amount (or the amount given) on the order, whose payment status follows. A decided submission is an InvalidPaymentSubmissionStateError; more than the order owes is an OverpaymentError.',
    errors: { types: [InvalidPaymentSubmissionStateError, OverpaymentError, PaymentNotAllowedError] },
    args: { input: t.arg({ type: PaymentSubmissionConfirmInput, required: true, description: 'The submission.' }) },
    resolve: (_root, { input }, ctx) => confirmPaymentSubmission(ctx, { submissionId: decodeIdArg(input.submission, 'PaymentSubmission'), amount: input.amount, note: input.note }),
  }),
);
