// createShipment: the order is handed to the courier from every warehouse its
// stock was allocated in (or its origin warehouse); the shipments domain writes
// the Shipment rows.
import { handOverOrderShipments } from '../../shipments/shipment-service.js';
import type { EffectContext } from './effect-context.js';

export async function createShipment(ctx: EffectContext): Promise<void> {
  const allocations = await ctx.scope.tx.orderItemAllocation.findMany({
    where: { orderItem: { orderId: ctx.order.id } },
    select: { warehouseId: true },
    orderBy: { warehouseId: 'asc' },
  });
  const warehouseIds: Array<number | null> = [...new Set(allocations.map((a) => a.warehouseId))];
  if (!warehouseIds.length) warehouseIds.push(ctx.order.originWarehouseId);
  await handOverOrderShipments(ctx.scope, ctx.tenantId, {
    orderId: ctx.order.id,
    warehouseIds,
    pickupOption: ctx.order.pickupOption,
    courierId: ctx.input.courierId,
    serviceName: ctx.input.serviceName,
    trackingNumber: ctx.input.trackingNumber,
  });
}
