// commentDelete: removes a comment from an order.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { deleteComment } from '../../comment-service.js';

export const CommentDeleteInput = builder.inputType('CommentDeleteInput', {
  description: 'The comment to remove.',
  fields: (t) => ({
    comment: t.globalID({ required: true, description: 'Global id of the comment.' }),
  }),
});

const CommentDeletePayload = builder.objectRef<{ commentId: number; orderId: number }>('CommentDeletePayload').implement({
  description: 'The comment removed.',
  fields: (t) => ({
    deletedCommentId: t.id({ resolve: (p) => encodeGlobalID('Comment', p.commentId), description: 'Global id of the removed comment.' }),
    order: t.prismaField({
      type: 'Order',
      description: 'The order it belonged to.',
      resolve: (query, p, _args, ctx) => ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: p.orderId } }),
    }),
  }),
});

builder.mutationField('commentDelete', (t) =>
  t.field({
    type: CommentDeletePayload,
    description: 'Deletes a comment of an order.',
    errors: { types: [] },
    args: { input: t.arg({ type: CommentDeleteInput, required: true, description: 'The comment.' }) },
    resolve: (_root, { input }, ctx) => deleteComment(ctx, { commentId: decodeIdArg(input.comment, 'Comment') }),
  }),
);
