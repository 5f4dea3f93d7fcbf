// receiveStock (seed 000 validate): the receiving warehouse of a transfer order
// checked the goods; the shipped units go on hand there (TRANSFER_IN).
import { changeStock } from '../../inventory/stock-ledger.js';
import { Problems } from '../../shared/validation.js';
import { ownStockLines, type EffectContext } from './effect-context.js';

export async function receiveStock(ctx: EffectContext): Promise<void> {
  const destination = ctx.order.destinationWarehouseId;
  if (destination == null) {
    new Problems().add(['order'], 'has no destination warehouse to receive the goods').throwIfAny();
    return;
  }
  const lines = await ownStockLines(ctx);
  for (const line of lines) {
    const shipped = line.allocations.reduce((sum, a) => sum + a.shippedQuantity, 0);
    if (shipped <= 0) continue;
    await changeStock(ctx.scope, {
      tenantId: ctx.tenantId,
      variationId: line.variationId,
      warehouseId: destination,
      onHandDelta: shipped,
      reservedDelta: 0,
      kind: 'TRANSFER_IN',
      description: `validate order ${ctx.order.code}`,
      actor: ctx.actor,
      orderId: ctx.order.id,
    });
  }
}
