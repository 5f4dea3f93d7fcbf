// paymentRefund: money given back for an order, or for one of its payments.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { PaymentMethod } from '../../../db/generated/prisma/enums.js';
import { RefundExceedsPaidError, RefundExceedsReturnError } from '../../errors.js';
import { refundPayment } from '../../payment-service.js';
import { paymentPayload } from './payment-payload.js';

const PaymentRefundPayload = paymentPayload('PaymentRefundPayload', 'The refund recorded, and its order with the re-derived payment status.');

export const PaymentRefundInput = builder.inputType('PaymentRefundInput', {
  description: 'A refund of an order (give `order`) or of one of its payments (give `payment`).',
  fields: (t) => ({
    order: t.globalID({ required: false, description: 'Global id of the order refunded; or give `payment`.' }),
    payment: t.globalID({ required: false, description: 'Global id of the payment refunded; the refund is at most its amount.' }),
    return: t.globalID({
      required: false,
      description: "Global id of the return (OrderReturn) this refund pays back; at most the return's value not yet refunded. A refund of a cancelled order settles its cancellation without it.",
    }),
    amount: t.field({ type: 'Decimal', required: true, description: 'Amount given back, at most what was paid.' }),
    reason: t.string({ required: true, description: 'Why the money is given back; stored as the refund note.' }),
    method: t.field({ type: PaymentMethod, required: false, description: 'How it goes back; default the way the payment came.' }),
    paidAt: t.field({ type: 'DateTime', required: false, description: 'When the money went back; default now.' }),
    reference: t.string({ required: false, description: 'Transfer or gateway reference of the refund.' }),
  }),
});

builder.mutationField('paymentRefund', (t) =>
  t.field({
    type: PaymentRefundPayload,
    description:
      'Gives money back. Refused above what was paid (RefundExceedsPaidError), and for a return above its value not yet ' +
      'refunded or above what the buyer paid beyond what they owe (RefundExceedsReturnError); the order payment status is ' +
      're-derived (REFUNDED once everything received went back).',
    errors: { types: [RefundExceedsPaidError, RefundExceedsReturnError] },
    args: { input: t.arg({ type: PaymentRefundInput, required: true, description: 'The refund.' }) },
    resolve: (_root, { input }, ctx) =>
      refundPayment(ctx, {
        orderId: input.order ? decodeIdArg(input.order, 'Order') : null,
        paymentId: input.payment ? decodeIdArg(input.payment, 'Payment') : null,
        returnId: input.return ? decodeIdArg(input.return, 'OrderReturn') : null,
        amount: input.amount,
        reason: input.reason,
        method: input.method,
        paidAt: input.paidAt,
        reference: input.reference,
      }),
  }),
);
