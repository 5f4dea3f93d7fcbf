// recordCancellation: reason, note and who cancelled on the order; a request
// still open is granted by the cancellation itself (cancellation.decided, APPROVED).
import type { EffectContext } from './effect-context.js';

export async function recordCancellation(ctx: EffectContext): Promise<void> {
  const { tx } = ctx.scope;
  await tx.order.update({
    where: { id: ctx.order.id },
    data: { cancelReason: ctx.input.cancelReason ?? 'OTHER', cancelNote: ctx.input.note ?? null, cancelledBy: ctx.actor },
  });
  const decidedAt = new Date();
  const decided = await tx.cancellationRequest.updateManyAndReturn({
    where: { orderId: ctx.order.id, status: 'REQUESTED' },
    data: { status: 'APPROVED', decidedAt, decidedBy: ctx.actor },
    select: { id: true, reason: true },
  });
  for (const request of decided.sort((a, b) => a.id - b.id)) {
    ctx.scope.publish('cancellationDecided', {
      tenantId: ctx.tenantId,
      orderId: ctx.order.id,
      requestId: request.id,
      decision: 'APPROVED',
      decidedBy: ctx.actor,
      reason: request.reason,
      note: ctx.input.note ?? null,
      at: decidedAt.toISOString(),
    });
  }
}
