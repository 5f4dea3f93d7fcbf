// shipStock: the reserved units leave the warehouse (on hand and reserved both
// go down) and the allocation records them as shipped. For a transfer the same
// units go in transit to the order's destination warehouse (its StockLevel's
// inTransit, with an IN_TRANSIT ledger row) until it receives them.
import { changeStocks, type StockChange } from '../../inventory/stock-ledger.js';
import { Problems } from '../../shared/validation.js';
import { isTransferKind } from '../order-kinds.js';
import { ownStockLines, type EffectContext } from './effect-context.js';

export async function shipStock(ctx: EffectContext): Promise<void> {
  const transfer = isTransferKind(ctx.order.kind);
  const destination = ctx.order.destinationWarehouseId;
  if (transfer && destination == null) {
    new Problems().add(['order'], 'is a transfer without a destination warehouse; set one (orderEdit) before shipping').throwIfAny();
    return;
  }
  const lines = await ownStockLines(ctx);
  const changes: StockChange[] = [];
  const shipped: Array<{ allocationId: number; quantity: number }> = [];
  for (const line of lines) {
    let toDestination = 0;
    for (const allocation of line.allocations) {
      const open = allocation.quantity - allocation.shippedQuantity;
      if (open <= 0) continue;
      changes.push({
        tenantId: ctx.tenantId,
        variationId: line.variationId,
        warehouseId: allocation.warehouseId,
        onHandDelta: -open,
        reservedDelta: -open,
        kind: transfer ? 'TRANSFER_OUT' : 'SHIPMENT',
        description: transfer ? `transfer order ${ctx.order.code}` : `ship order ${ctx.order.code}`,
        actor: ctx.actor,
        orderId: ctx.order.id,
      });
      shipped.push({ allocationId: allocation.id, quantity: allocation.quantity });
      toDestination += open;
    }
    if (transfer && toDestination > 0) {
      changes.push({
        tenantId: ctx.tenantId,
        variationId: line.variationId,
        warehouseId: destination!,
        onHandDelta: 0,
        reservedDelta: 0,
        inTransitDelta: toDestination,
        kind: 'IN_TRANSIT',
        description: `in transit: order ${ctx.order.code}`,
        actor: ctx.actor,
        orderId: ctx.order.id,
      });
    }
  }
  // The order's allocations in one statement (the order's row lock keeps other writers of them out).
  if (shipped.length) {
    await ctx.scope.tx.$executeRawUnsafe(
      `UPDATE "OrderItemAllocation" a SET "shippedQuantity" = s."quantity"
         FROM unnest($1::int[], $2::int[]) AS s("id", "quantity") WHERE a."id" = s."id"`,
      shipped.map((s) => s.allocationId),
      shipped.map((s) => s.quantity),
    );
  }
  // Stock rows last, in the ledger's (variation, warehouse) order like every writer: the destination's row
  // joins the origin rows of the same variation in that order, so no two transactions wait in a cycle.
  await changeStocks(ctx.scope, changes);
}
