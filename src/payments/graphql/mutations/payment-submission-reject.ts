// paymentSubmissionReject: the money did not arrive or does not match.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { InvalidPaymentSubmissionStateError } from '../../errors.js';
import { rejectPaymentSubmission } from '../../payment-submission-service.js';
import { paymentSubmissionPayload } from './payment-submission-payload.js';

export const PaymentSubmissionRejectInput = builder.inputType('PaymentSubmissionRejectInput', {
  description: 'The submission to reject, and why.',
  fields: (t) => ({
    submission: t.globalID({ required: true, description: 'Global id of the PaymentSubmission.' }),
    reason: t.string({ required: true, description: 'Why, at most 500 characters; the buyer may be shown it.' }),
  }),
});

const PaymentSubmissionRejectPayload = paymentSubmissionPayload('PaymentSubmissionRejectPayload', 'The submission, REJECTED.');

builder.mutationField('paymentSubmissionReject', (t) =>
  t.field({
    type: PaymentSubmissionRejectPayload,
    description: 'Rejects a PENDING submission with a reason; nothing is paid. A decided submission is an InvalidPaymentSubmissionStateError.',
    errors: { types: [InvalidPaymentSubmissionStateError] },
    args: { input: t.arg({ type: PaymentSubmissionRejectInput, required: true, description: 'The submission and the reason.' }) },
    resolve: (_root, { input }, ctx) => rejectPaymentSubmission(ctx, { submissionId: decodeIdArg(input.submission, 'PaymentSubmission'), reason: input.reason }),
  }),
);
