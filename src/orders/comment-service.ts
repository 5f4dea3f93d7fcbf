// Comments on orders (seed 000 POST /orders/{id}/comments): written by the caller's actor.
import type { CommentVisibility } from '../db/generated/prisma/enums.js';
import { transaction, type TransactionDeps } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';

export interface CommentDeps extends TransactionDeps {
  tenantId: number;
  viewer: { actor: string };
}

export const MAX_COMMENT_LENGTH = 5000;

export async function addComment(
  deps: CommentDeps,
  input: { orderId: number; body: string; visibility?: CommentVisibility | null },
): Promise<{ commentId: number; orderId: number }> {
  const problems = new Problems();
  const body = checkText(problems, ['body'], input.body.replace(/\r\n?/g, '\n'), { required: true, max: MAX_COMMENT_LENGTH });
  problems.throwIfAny();
  return transaction(deps, async ({ tx }) => {
    const order = await tx.order.findFirst({ where: { id: input.orderId, tenantId: deps.tenantId }, select: { id: true } });
    if (!order) throw new NotFoundError('Order', String(input.orderId));
    const comment = await tx.comment.create({
      data: {
        tenantId: deps.tenantId,
        orderId: order.id,
        author: deps.viewer.actor,
        body: body!,
        visibility: input.visibility ?? 'INTERNAL',
      },
      select: { id: true },
    });
    return { commentId: comment.id, orderId: order.id };
  });
}

export async function deleteComment(deps: CommentDeps, input: { commentId: number }): Promise<{ commentId: number; orderId: number }> {
  return transaction(deps, async ({ tx }) => {
    const comment = await tx.comment.findFirst({ where: { id: input.commentId, tenantId: deps.tenantId }, select: { id: true, orderId: true } });
    if (!comment) throw new NotFoundError('Comment', String(input.commentId));
    await tx.comment.delete({ where: { id: comment.id } });
    return { commentId: comment.id, orderId: comment.orderId };
  });
}
