// The shipment of an order that was packed: courier, service, pickup slot,
// tracking number, parcel size and status, with its tracking history once shipped.
import type { PickupOption } from '../../db/generated/prisma/enums.js';
import type { OrderDraft, OrderWorld } from './order-draft.js';
import type { OrderReturnInfo } from './order-return.js';
import { isMarketplace } from './sales-channels.js';
import { HOUR } from './seed-time.js';
import { addTracking } from './shipment-tracking.js';
import { pad } from './zero-pad.js';

/** Returns the pickup option the order shows: set only when there is a shipment. */
export function addShipment(world: OrderWorld, draft: OrderDraft, weight: number, shippingCost: number, returned: OrderReturnInfo): PickupOption | null {
  const { rng, rows, regions } = world;
  const { plan, origin, courier, recipient, index } = draft;
  const { status, times, last } = plan;
  const hasShipment = times.ship !== undefined || (status === 'PACKED' && rng.chance(0.7)) || (status === 'CANCELLED' && last.from === 'PACKED');
  // Marketplaces book a courier pickup slot.
  const pickupOption = isMarketplace(draft.channel) ? rng.pick(['EARLY_PICKUP', 'MID_PICKUP', 'LATE_PICKUP'] as const) : null;
  if (!hasShipment) return null;
  const packedAt = times.pack!;
  const delivered = times.complete ?? null;
  const shipmentStatus = status === 'CANCELLED' ? 'CANCELLED' : returned.deliveryFailed ? 'RETURNED' : delivered ? 'DELIVERED' : times.ship ? 'IN_TRANSIT'
    : pickupOption ? 'PICKUP_REQUESTED' : 'READY_TO_SHIP';
  const trackingNumber = times.ship || pickupOption ? courier.spec.awb(rng, pad(index + 1, 7)) : null;
  const labelPrintedAt = times.ship && rng.chance(0.85) ? rng.between(packedAt, times.ship) : null;
  const dim = Math.max(10, Math.round(Math.cbrt(weight * 4)));
  const shipment = rows.add('Shipment', {
    orderId: index, warehouseId: origin.idx, courierId: courier.idx, serviceName: draft.service, trackingNumber, status: shipmentStatus,
    pickupOption, pickupRequestedAt: pickupOption ? packedAt : null,
    pickupSlotStart: pickupOption ? packedAt + 2 * HOUR : null, pickupSlotEnd: pickupOption ? packedAt + 6 * HOUR : null,
    pickupCancelledAt: status === 'CANCELLED' && pickupOption ? times.cancel! : null,
    shippingCost, weightGrams: weight, lengthCm: dim, widthCm: Math.max(10, dim - 5), heightCm: Math.max(5, Math.round(dim / 2)),
    labelPrintedAt, labelPrintedBy: labelPrintedAt ? origin.actor : null,
    shippedAt: times.ship ?? null, deliveredAt: delivered,
    createdAt: packedAt, updatedAt: last.at,
  });
  if (times.ship) {
    addTracking(rng, rows, regions, {
      shipment, shippedAt: times.ship, deliveredAt: delivered, returnedAt: returned.deliveryFailed ? times.return! : null, origin, recipient,
    });
  }
  return pickupOption;
}
