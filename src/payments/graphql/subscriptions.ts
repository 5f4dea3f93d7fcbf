// Live payments: a payment or refund was recorded on an order of the tenant.
import { builder } from '../../graphql/builder.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import type { PaymentRecorded } from '../../events/topics.js';
import { liveEvents } from '../../events/live-stream.js';
import { selectionKey, sharedRead } from '../../events/shared-read.js';
import { eventOrder } from '../../graphql/event-order.js';
import { PaymentKindEnum } from './types.js';

const PaymentRecordedEvent = builder.objectRef<PaymentRecorded>('PaymentRecordedEvent').implement({
  description: 'A payment or refund was recorded.',
  fields: (t) => ({
    kind: t.field({ type: PaymentKindEnum, description: 'Payment or refund.', resolve: (e) => e.kind }),
    at: t.field({ type: 'DateTime', description: 'When it was recorded.', resolve: (e) => e.at }),
    payment: t.prismaField({
      type: 'Payment',
      description: 'The payment, with the fields you select.',
      resolve: (query, event, _args, ctx) =>
        sharedRead(ctx.prisma, `payment:${ctx.tenantId}:${event.paymentId}:${event.at}:${selectionKey(query)}`, () =>
          ctx.prisma.payment.findUniqueOrThrow({ ...query, where: { id: event.paymentId, tenantId: ctx.tenantId } }),
        ),
    }),
    order: t.prismaField({
      type: 'Order',
      description: 'The order paid, as it is now (payment status, amounts due).',
      resolve: (query, event, _args, ctx) => eventOrder(query, ctx, event.orderId, `p${event.paymentId}:${event.at}`),
    }),
  }),
});

builder.subscriptionField('paymentRecorded', (t) =>
  t.field({
    type: PaymentRecordedEvent,
    description: 'Every payment and refund recorded for the tenant, after it is committed.',
    args: { order: t.arg.globalID({ required: false, description: 'Only payments of this order.' }) },
    subscribe: (_root, args, ctx) => {
      const orderId = args.order ? decodeIdArg(args.order, 'Order') : undefined;
      return liveEvents(ctx, 'paymentRecorded', (e) => orderId === undefined || e.orderId === orderId);
    },
    resolve: (event) => event,
  }),
);
