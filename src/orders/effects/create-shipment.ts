// createShipment: one shipment per warehouse the order ships from (seed 002 AWB
// per package), handed to the courier now. A shipment made earlier for that
// warehouse (label printed, pickup requested) is reused, not duplicated; courier
// and tracking number given here fill it in.
import type { EffectContext } from './effect-context.js';

const OPEN = ['PENDING', 'READY_TO_SHIP', 'PICKUP_REQUESTED'] as const;

export async function createShipment(ctx: EffectContext): Promise<void> {
  const { tx } = ctx.scope;
  const allocations = await tx.orderItemAllocation.findMany({
    where: { orderItem: { orderId: ctx.order.id } },
    select: { warehouseId: true },
    orderBy: { warehouseId: 'asc' },
  });
  const warehouses: Array<number | null> = [...new Set(allocations.map((a) => a.warehouseId))];
  if (!warehouses.length) warehouses.push(ctx.order.originWarehouseId);
  const now = new Date();
  const given = {
    ...(ctx.input.courierId != null ? { courierId: ctx.input.courierId } : {}),
    ...(ctx.input.serviceName ? { serviceName: ctx.input.serviceName } : {}),
    ...(ctx.input.trackingNumber ? { trackingNumber: ctx.input.trackingNumber } : {}),
  };
  for (const warehouseId of warehouses) {
    const open = await tx.shipment.findFirst({
      where: { orderId: ctx.order.id, warehouseId, status: { in: [...OPEN] } },
      orderBy: { id: 'asc' },
      select: { id: true },
    });
    if (open) {
      await tx.shipment.update({ where: { id: open.id }, data: { ...given, status: 'IN_TRANSIT', shippedAt: now } });
      continue;
    }
    await tx.shipment.create({
      data: {
        tenantId: ctx.tenantId,
        orderId: ctx.order.id,
        warehouseId,
        ...given,
        pickupOption: ctx.order.pickupOption,
        status: 'IN_TRANSIT',
        shippedAt: now,
      },
    });
  }
}
