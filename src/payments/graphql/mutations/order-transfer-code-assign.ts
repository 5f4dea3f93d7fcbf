// orderTransferCodeAssign: gives an existing order owing money its unique transfer code.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { PaymentNotAllowedError } from '../../errors.js';
import { assignTransferCode } from '../../payment-submission-service.js';

export const OrderTransferCodeAssignInput = builder.inputType('OrderTransferCodeAssignInput', {
  description: 'The order to be paid by bank transfer.',
  fields: (t) => ({
    order: t.globalID({ required: true, description: 'Global id of the Order.' }),
  }),
});

const OrderTransferCodeAssignPayload = builder.objectRef<{ orderId: number }>('OrderTransferCodeAssignPayload').implement({
  description: 'The order with its transfer code.',
  fields: (t) => ({
    order: t.prismaField({
      type: 'Order',
      description: 'The order; read transferCode and transferAmount.',
      resolve: (query, p, _args, ctx) => ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: p.orderId } }),
    }),
  }),
});

builder.mutationField('orderTransferCodeAssign', (t) =>
  t.field({
    type: OrderTransferCodeAssignPayload,
    description:
      'Gives an order that owes money a transfer code no other open order holds (idempotent: it keeps its own while no other open order took it) and makes BANK_TRANSFER its payment method. Orders created with paymentMethod BANK_TRANSFER get one by themselves.',
    errors: { types: [PaymentNotAllowedError] },
    args: { input: t.arg({ type: OrderTransferCodeAssignInput, required: true, description: 'The order.' }) },
    resolve: (_root, { input }, ctx) => assignTransferCode(ctx, { orderId: decodeIdArg(input.order, 'Order') }),
  }),
);
