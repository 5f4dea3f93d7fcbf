// setPickupOption: the courier pickup slot chosen when packing (seed 001 set-packed).
import type { EffectContext } from './effect-context.js';

export async function setPickupOption(ctx: EffectContext): Promise<void> {
  if (!ctx.input.pickupOption) return;
  await ctx.scope.tx.order.update({ where: { id: ctx.order.id }, data: { pickupOption: ctx.input.pickupOption } });
}
