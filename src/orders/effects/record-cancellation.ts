// recordCancellation: reason, note and who cancelled on the order; a request
// still open is granted by the cancellation itself.
import type { EffectContext } from './effect-context.js';

export async function recordCancellation(ctx: EffectContext): Promise<void> {
  const { tx } = ctx.scope;
  await tx.order.update({
    where: { id: ctx.order.id },
    data: { cancelReason: ctx.input.cancelReason ?? 'OTHER', cancelNote: ctx.input.note ?? null, cancelledBy: ctx.actor },
  });
  await tx.cancellationRequest.updateMany({
    where: { orderId: ctx.order.id, status: 'REQUESTED' },
    data: { status: 'APPROVED', decidedAt: new Date(), decidedBy: ctx.actor },
  });
}
