// releaseStock: what is reserved and not yet shipped goes back to available; the
// allocations are dropped so a later `process` allocates afresh.
import { changeStocks, type StockChange } from '../../inventory/stock-ledger.js';
import { ownStockLines, type EffectContext } from './effect-context.js';

export async function releaseStock(ctx: EffectContext): Promise<void> {
  const lines = await ownStockLines(ctx);
  const changes: StockChange[] = [];
  for (const line of lines) {
    for (const allocation of line.allocations) {
      const open = allocation.quantity - allocation.shippedQuantity;
      if (open <= 0) continue;
      changes.push({
        tenantId: ctx.tenantId,
        variationId: line.variationId,
        warehouseId: allocation.warehouseId,
        onHandDelta: 0,
        reservedDelta: -open,
        kind: 'RELEASE',
        description: `${ctx.transition} order ${ctx.order.code}`,
        actor: ctx.actor,
        orderId: ctx.order.id,
      });
    }
  }
  // In the ledger's lock order (two lines of one variation may hold rows of several warehouses).
  await changeStocks(ctx.scope, changes);
  await ctx.scope.tx.orderItemAllocation.deleteMany({ where: { orderItem: { orderId: ctx.order.id }, shippedQuantity: 0 } });
}
