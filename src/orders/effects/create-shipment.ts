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
  // What the ship step does not name comes from the shipping chosen when the order was taken.
  const input = ctx.input;
  const chosen =
    input.courierId == null || input.serviceName == null || input.trackingNumber == null
      ? await ctx.scope.tx.order.findUniqueOrThrow({
          where: { id: ctx.order.id },
          select: { courierId: true, trackingNumber: true, courierService: { select: { code: true } } },
        })
      : null;
  await handOverOrderShipments(ctx.scope, ctx.tenantId, {
    orderId: ctx.order.id,
    warehouseIds,
    pickupOption: ctx.order.pickupOption,
    courierId: input.courierId,
    serviceName: input.serviceName,
    trackingNumber: input.trackingNumber,
    defaults: {
      courierId: chosen?.courierId ?? null,
      serviceName: input.courierId == null ? (chosen?.courierService?.code ?? null) : null,
      // One air waybill names one package: the booked one goes with an order sent as one shipment.
      trackingNumber: warehouseIds.length === 1 ? (chosen?.trackingNumber ?? null) : null,
    },
  });
}
