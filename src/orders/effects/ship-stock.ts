// shipStock: the reserved units leave the warehouse (on hand and reserved both
// go down) and the allocation records them as shipped.
import { changeStock } from '../../inventory/stock-ledger.js';
import { ownStockLines, type EffectContext } from './effect-context.js';

export async function shipStock(ctx: EffectContext): Promise<void> {
  const lines = await ownStockLines(ctx);
  for (const line of lines) {
    for (const allocation of line.allocations) {
      const open = allocation.quantity - allocation.shippedQuantity;
      if (open <= 0) continue;
      await changeStock(ctx.scope, {
        tenantId: ctx.tenantId,
        variationId: line.variationId,
        warehouseId: allocation.warehouseId,
        onHandDelta: -open,
        reservedDelta: -open,
        kind: 'SHIPMENT',
        description: `ship order ${ctx.order.code}`,
        actor: ctx.actor,
        orderId: ctx.order.id,
      });
      await ctx.scope.tx.orderItemAllocation.update({ where: { id: allocation.id }, data: { shippedQuantity: allocation.quantity } });
    }
  }
}
