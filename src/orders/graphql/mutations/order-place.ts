// orderPlace: a draft becomes a real order (seed 001 is_draft: false later).
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { OrderNotDraftError, VersionConflictError } from '../../errors.js';
import { placeOrder } from '../../order-edit-service.js';

const OrderPlaceInput = builder.inputType('OrderPlaceInput', {
  description: 'The draft to place.',
  fields: (t) => ({
    order: t.globalID({ required: true, description: 'Global id of the draft order.' }),
    expectedVersion: t.int({ required: false, description: "The order's version as the client read it." }),
  }),
});

const OrderPlacePayload = builder.objectRef<{ orderId: number }>('OrderPlacePayload').implement({
  description: 'The placed order.',
  fields: (t) => ({
    order: t.prismaField({
      type: 'Order',
      description: 'The order, no longer a draft.',
      resolve: (query, p, _args, ctx) => ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: p.orderId } }),
    }),
  }),
});

builder.mutationField('orderPlace', (t) =>
  t.field({
    type: OrderPlacePayload,
    description: "Places a draft: it becomes a real order in its status (PENDING) with a 'place' event; its prices and totals stay as last edited.",
    errors: { types: [OrderNotDraftError, VersionConflictError] },
    args: { input: t.arg({ type: OrderPlaceInput, required: true, description: 'The draft.' }) },
    resolve: (_root, { input }, ctx) =>
      placeOrder(ctx, { orderId: decodeIdArg(input.order, 'Order'), expectedVersion: input.expectedVersion }),
  }),
);
