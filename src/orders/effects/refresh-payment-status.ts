// refreshPaymentStatus: after a return or a cancellation the order sells less (its
// net total), so its stored payment status is derived again in the same transaction.
import { refreshPaymentStatus as refreshOrderPaymentStatus } from '../../payments/payment-service.js';
import { isPayableKind } from '../order-kinds.js';
import type { EffectContext } from './effect-context.js';

export async function refreshPaymentStatus(ctx: EffectContext): Promise<void> {
  if (!isPayableKind(ctx.order.kind)) return;
  await refreshOrderPaymentStatus(ctx.scope, ctx.tenantId, ctx.order.id);
}
