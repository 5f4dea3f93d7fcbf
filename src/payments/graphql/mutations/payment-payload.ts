// The payload of paymentRecord and paymentRefund: the row written and its order, re-read with the client's selection.
import { builder } from '../../../graphql/builder.js';
import type { PaymentWritten } from '../../payment-service.js';

export function paymentPayload(name: string, description: string) {
  return builder.objectRef<PaymentWritten>(name).implement({
    description,
    fields: (t) => ({
      payment: t.prismaField({
        type: 'Payment',
        description: 'The payment or refund row just written.',
        resolve: (query, p, _args, ctx) => ctx.prisma.payment.findUniqueOrThrow({ ...query, where: { id: p.paymentId } }),
      }),
      order: t.prismaField({
        type: 'Order',
        description: 'The order, with its amounts and payment status after this write.',
        resolve: (query, p, _args, ctx) => ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: p.orderId } }),
      }),
    }),
  });
}
