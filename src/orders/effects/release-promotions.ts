// releasePromotions: a cancelled order gives back its uses of promotions and coupons,
// so the quota and the customer's limit count them no more. The discount stays on
// the order, as the record of what it was offered.
import { releasePromotions } from '../../promotions/promotion-apply.js';
import type { EffectContext } from './effect-context.js';

export async function releasePromotionUses(ctx: EffectContext): Promise<void> {
  await releasePromotions(ctx.scope.tx, ctx.tenantId, ctx.order.id);
}
