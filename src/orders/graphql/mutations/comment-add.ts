// commentAdd: seed 000 POST /orders/{id}/comments.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { CommentVisibility } from '../../../db/generated/prisma/enums.js';
import { addComment } from '../../comment-service.js';

export const CommentAddInput = builder.inputType('CommentAddInput', {
  description: 'A comment on an order; its author is the caller.',
  fields: (t) => ({
    order: t.globalID({ required: true, description: 'Global id of the order.' }),
    body: t.string({ required: true, description: 'The text (at most 5000 characters).' }),
    visibility: t.field({ type: CommentVisibility, required: false, description: 'Who may see it; default INTERNAL.' }),
  }),
});

const CommentAddPayload = builder.objectRef<{ commentId: number; orderId: number }>('CommentAddPayload').implement({
  description: 'The comment written.',
  fields: (t) => ({
    comment: t.prismaField({
      type: 'Comment',
      description: 'The new comment.',
      resolve: (query, p, _args, ctx) => ctx.prisma.comment.findUniqueOrThrow({ ...query, where: { id: p.commentId } }),
    }),
    order: t.prismaField({
      type: 'Order',
      description: 'The order commented on.',
      resolve: (query, p, _args, ctx) => ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: p.orderId } }),
    }),
  }),
});

builder.mutationField('commentAdd', (t) =>
  t.field({
    type: CommentAddPayload,
    description: 'Adds a comment to an order, written by the caller.',
    errors: { types: [] },
    args: { input: t.arg({ type: CommentAddInput, required: true, description: 'The comment.' }) },
    resolve: (_root, { input }, ctx) =>
      addComment(ctx, { orderId: decodeIdArg(input.order, 'Order'), body: input.body, visibility: input.visibility }),
  }),
);
