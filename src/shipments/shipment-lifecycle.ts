// The shipment's own small lifecycle, as data: which statuses each action leaves
// from and where it goes, and how a courier's status words map onto our statuses.
// Pure: the service and the tests read these tables.
import type { OrderStatus, ShipmentStatus } from '../db/generated/prisma/enums.js';

export type ShipmentAction = 'setTracking' | 'appendTracking' | 'requestPickup' | 'cancelPickup' | 'markLabelPrinted';

export interface ShipmentActionRule {
  from: readonly ShipmentStatus[];
  /** The status afterwards; undefined when the action leaves it (or derives it, for tracking). */
  to?: ShipmentStatus;
}

const OPEN: readonly ShipmentStatus[] = ['PENDING', 'READY_TO_SHIP', 'PICKUP_REQUESTED', 'IN_TRANSIT'];

export const SHIPMENT_ACTIONS: Record<ShipmentAction, ShipmentActionRule> = {
  setTracking: { from: OPEN },
  appendTracking: { from: ['PENDING', 'READY_TO_SHIP', 'PICKUP_REQUESTED', 'IN_TRANSIT', 'DELIVERED', 'RETURNED'] },
  requestPickup: { from: ['PENDING', 'READY_TO_SHIP'], to: 'PICKUP_REQUESTED' },
  cancelPickup: { from: ['PICKUP_REQUESTED'], to: 'READY_TO_SHIP' },
  markLabelPrinted: { from: ['PENDING', 'READY_TO_SHIP', 'PICKUP_REQUESTED', 'IN_TRANSIT', 'DELIVERED', 'RETURNED'] },
};

/** Order statuses for which shipments may be created (the ship transition creates the first one). */
export const SHIPPABLE_ORDER_STATUSES: readonly OrderStatus[] = ['PROCESSING', 'PACKED', 'SHIPPED'];

/** Later in the journey = higher. Tracking never moves a shipment back. */
const RANK: Record<ShipmentStatus, number> = {
  CANCELLED: -1,
  PENDING: 0,
  READY_TO_SHIP: 1,
  PICKUP_REQUESTED: 2,
  IN_TRANSIT: 3,
  DELIVERED: 4,
  RETURNED: 5,
};

// Courier status words (seed 001 delivery_history, seed 002 tracking history and
// order progress), normalised to lower snake case. Words not listed leave the status.
export const COURIER_STATUS_MAP: Record<string, ShipmentStatus> = {
  pickreq: 'PICKUP_REQUESTED',
  pickup_request: 'PICKUP_REQUESTED',
  pickup_requested: 'PICKUP_REQUESTED',
  picked_up: 'IN_TRANSIT',
  manifested: 'IN_TRANSIT',
  in: 'IN_TRANSIT',
  out: 'IN_TRANSIT',
  ant: 'IN_TRANSIT',
  on_process: 'IN_TRANSIT',
  in_transit: 'IN_TRANSIT',
  transit: 'IN_TRANSIT',
  shipped: 'IN_TRANSIT',
  on_delivery: 'IN_TRANSIT',
  out_for_delivery: 'IN_TRANSIT',
  delivered: 'DELIVERED',
  pod: 'DELIVERED',
  received: 'DELIVERED',
  returned: 'RETURNED',
  return_to_sender: 'RETURNED',
  rts: 'RETURNED',
};

export function normaliseCourierStatus(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function courierStatusToShipmentStatus(word: string): ShipmentStatus | undefined {
  return COURIER_STATUS_MAP[normaliseCourierStatus(word)];
}

export function canRun(action: ShipmentAction, status: ShipmentStatus): boolean {
  return SHIPMENT_ACTIONS[action].from.includes(status);
}

export interface TrackingStep {
  status: string;
  occurredAt: Date;
}

export interface TrackedStatus {
  status: ShipmentStatus;
  /** When the shipment first left with the courier, if the steps say so. */
  shippedAt?: Date;
  deliveredAt?: Date;
}

/**
 * The status after some tracking steps: that of the latest step that maps to a
 * status, unless the shipment is already further along (steps arrive out of order).
 */
export function trackedStatus(current: ShipmentStatus, steps: readonly TrackingStep[]): TrackedStatus {
  const mapped = steps
    .map((s) => ({ at: s.occurredAt, status: courierStatusToShipmentStatus(s.status) }))
    .filter((s): s is { at: Date; status: ShipmentStatus } => s.status !== undefined)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const latest = mapped.at(-1);
  const status = latest && RANK[latest.status] > RANK[current] ? latest.status : current;
  const shippedAt = mapped.find((s) => RANK[s.status] >= RANK.IN_TRANSIT)?.at;
  const deliveredAt = mapped.find((s) => s.status === 'DELIVERED')?.at;
  return { status, shippedAt, deliveredAt };
}
