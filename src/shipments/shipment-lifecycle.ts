// The shipment's own small lifecycle, as data declared with the generic state
// machine (src/shared/state-machine.ts): which statuses each step leaves from,
// where it goes, who may run it and through which mutation, and how a courier's
// status words map onto our statuses. Pure: the service and the tests read these tables.
import type { OrderStatus, Role, ShipmentStatus } from '../db/generated/prisma/enums.js';
import { defineLifecycle, stateMachine, type Transition } from '../shared/state-machine.js';

export interface ShipmentActionRule extends Transition<ShipmentStatus, Role> {
  from: readonly ShipmentStatus[];
  /** The status afterwards; undefined when the step keeps it (tracking moves it through the courier rows). */
  to?: ShipmentStatus;
  roles: readonly Role[];
  description: string;
}

const OPEN: readonly ShipmentStatus[] = ['PENDING', 'READY_TO_SHIP', 'PICKUP_REQUESTED', 'IN_TRANSIT'];
const SHIPPING: readonly Role[] = ['OWNER', 'ADMIN', 'STAFF', 'WAREHOUSE'];

export type ShipmentAction = 'setTracking' | 'appendTracking' | 'requestPickup' | 'cancelPickup' | 'markLabelPrinted' | 'ready' | 'handOver' | 'deliver' | 'returnToSender';

export const SHIPMENT_ACTIONS: Record<ShipmentAction, ShipmentActionRule> = {
  setTracking: { from: OPEN, roles: SHIPPING, mutation: 'shipmentSetTracking', description: 'Courier, service and tracking number; a PENDING shipment is then ready (the ready row).' },
  appendTracking: {
    from: ['PENDING', 'READY_TO_SHIP', 'PICKUP_REQUESTED', 'IN_TRANSIT', 'DELIVERED', 'RETURNED'],
    roles: SHIPPING,
    mutation: 'shipmentTrackingAppend',
    description: "Courier tracking steps; the status follows them through the courier's rows, never backwards.",
  },
  requestPickup: { from: ['PENDING', 'READY_TO_SHIP'], to: 'PICKUP_REQUESTED', roles: SHIPPING, mutation: 'shipmentPickupRequest', description: 'Asks the courier to collect the package.' },
  cancelPickup: { from: ['PICKUP_REQUESTED'], to: 'READY_TO_SHIP', roles: SHIPPING, mutation: 'shipmentPickupCancel', description: 'Withdraws the pickup request.' },
  markLabelPrinted: {
    from: ['PENDING', 'READY_TO_SHIP', 'PICKUP_REQUESTED', 'IN_TRANSIT', 'DELIVERED', 'RETURNED'],
    roles: SHIPPING,
    mutation: 'shipmentLabelMarkPrinted',
    description: 'Records that the label was printed.',
  },
  // Run as part of the steps above (no mutation of their own): setting the tracking, and the courier's tracking steps.
  ready: { from: ['PENDING'], to: 'READY_TO_SHIP', roles: SHIPPING, description: 'A tracking number is set (shipmentSetTracking).' },
  handOver: { from: ['PENDING', 'READY_TO_SHIP', 'PICKUP_REQUESTED'], to: 'IN_TRANSIT', roles: SHIPPING, description: 'The courier has it (a tracking step, or the order shipped).' },
  deliver: { from: OPEN, to: 'DELIVERED', roles: SHIPPING, description: 'Delivered (a tracking step).' },
  returnToSender: { from: [...OPEN, 'DELIVERED'], to: 'RETURNED', roles: SHIPPING, description: 'Came back to the sender (a tracking step).' },
};

/**
 * CANCELLED is a value of the enum that nothing sets yet, so it is not a state of
 * the lifecycle (the check would call it unreachable). A shipment starts PENDING,
 * READY_TO_SHIP when created with a tracking number, or IN_TRANSIT when the order's
 * ship transition creates it; it ends RETURNED (a delivered one may still come back).
 */
export const SHIPMENT_LIFECYCLE = defineLifecycle<ShipmentStatus, Role, { description: string }, ShipmentAction>({
  name: 'shipment',
  states: ['PENDING', 'READY_TO_SHIP', 'PICKUP_REQUESTED', 'IN_TRANSIT', 'DELIVERED', 'RETURNED'],
  initial: ['PENDING', 'READY_TO_SHIP', 'IN_TRANSIT'],
  final: ['RETURNED'],
  transitions: SHIPMENT_ACTIONS,
});

export const shipmentMachine = stateMachine(SHIPMENT_LIFECYCLE);

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
  return shipmentMachine.can(status, action);
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
