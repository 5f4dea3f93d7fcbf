// orderTagsUpdate: adds and removes an order's tags, with an event in its history.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { VersionConflictError } from '../../errors.js';
import { updateOrderTags } from '../../order-tags-service.js';

const OrderTagsUpdateInput = builder.inputType('OrderTagsUpdateInput', {
  description: 'Tags to add to and remove from an order.',
  fields: (t) => ({
    order: t.globalID({ required: true, description: 'Global id of the order.' }),
    add: t.stringList({
      required: false,
      description: 'Tags to add (trimmed, case kept; one the order already has, case aside, is not added twice); each at most 40 characters.',
    }),
    remove: t.stringList({ required: false, description: 'Tags to remove, compared case-insensitively; a tag the order does not have is ignored.' }),
    expectedVersion: t.int({ required: false, description: "The order's version as the client read it; a VersionConflictError when it moved on." }),
  }),
});

const OrderTagsUpdatePayload = builder.objectRef<{ orderId: number }>('OrderTagsUpdatePayload').implement({
  description: 'The order with its tags changed.',
  fields: (t) => ({
    order: t.prismaField({
      type: 'Order',
      description: 'The order after the change.',
      resolve: (query, p, _args, ctx) => ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: p.orderId } }),
    }),
  }),
});

builder.mutationField('orderTagsUpdate', (t) =>
  t.field({
    type: OrderTagsUpdatePayload,
    description:
      "Adds and removes tags of an order in any status; an order carries at most 20. A change bumps the version and writes a 'tags' event whose note lists what was added and removed; no change writes nothing.",
    errors: { types: [VersionConflictError] },
    args: { input: t.arg({ type: OrderTagsUpdateInput, required: true, description: 'The change.' }) },
    resolve: (_root, { input }, ctx) =>
      updateOrderTags(ctx, { orderId: decodeIdArg(input.order, 'Order'), add: input.add, remove: input.remove, expectedVersion: input.expectedVersion }),
  }),
);
