// createShipment: the order is handed to the courier from every warehouse its
// stock was allocated in (or its origin warehouse); the shipments domain writes
// the Shipment rows.
import { handOverOrderShipments } from '../../shipments/shipment-service.js';
import type { EffectContext } from './effect-context.js';

/**
 * The warehouses the order's stock was allocated in, and the shipping chosen when it was
 * taken, in one read ($1 order).
 */
const SHIPPING_READ = `
  SELECT o."courierId", o."trackingNumber", s."code" AS "serviceCode",
         ARRAY(SELECT DISTINCT a."warehouseId" FROM "OrderItemAllocation" a JOIN "OrderItem" i ON i."id" = a."orderItemId"
                WHERE i."orderId" = o."id" ORDER BY 1) AS "warehouseIds"
    FROM "Order" o LEFT JOIN "CourierService" s ON s."id" = o."courierServiceId"
   WHERE o."id" = $1`;

export async function createShipment(ctx: EffectContext): Promise<void> {
  const [row] = await ctx.scope.tx.$queryRawUnsafe<Array<{ courierId: number | null; trackingNumber: string | null; serviceCode: string | null; warehouseIds: number[] }>>(
    SHIPPING_READ,
    ctx.order.id,
  );
  const warehouseIds: Array<number | null> = (row?.warehouseIds ?? []).map(Number);
  if (!warehouseIds.length) warehouseIds.push(ctx.order.originWarehouseId);
  // What the ship step does not name comes from the shipping chosen when the order was taken.
  const input = ctx.input;
  const chosen = input.courierId == null || input.serviceName == null || input.trackingNumber == null ? row : undefined;
  await handOverOrderShipments(ctx.scope, ctx.tenantId, {
    orderId: ctx.order.id,
    warehouseIds,
    pickupOption: ctx.order.pickupOption,
    courierId: input.courierId,
    serviceName: input.serviceName,
    trackingNumber: input.trackingNumber,
    defaults: {
      courierId: chosen?.courierId ?? null,
      serviceName: input.courierId == null ? (chosen?.serviceCode ?? null) : null,
      // One air waybill names one package: the booked one goes with an order sent as one shipment.
      trackingNumber: warehouseIds.length === 1 ? (chosen?.trackingNumber ?? null) : null,
    },
  });
}
