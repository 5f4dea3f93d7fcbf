// The order lifecycle as data (DESIGN.md status table, seed 001 flow, seed 000
// transitions). Every transition mutation, Order.availableTransitions, the bulk
// mutation, the checks and the tests read this table. Pure: no I/O.
import type { CancellationRequestStatus, OrderKind, OrderStatus, Role } from '../db/generated/prisma/enums.js';
import { DELIVERY_KINDS, TRANSFER_KINDS } from './order-kinds.js';

export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'PROCESSING', 'PACKED', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'RETURNED'] as const satisfies readonly OrderStatus[];
export const ORDER_KINDS = ['SALE', 'REQUEST', 'DISTRIBUTION', 'RETURN', 'CENTRAL_DISTRIBUTION', 'RELOCATION'] as const satisfies readonly OrderKind[];

/** Where the lifecycle ends; only a return may follow COMPLETED (sales). RETURNED: everything shipped came back. */
export const FINAL_STATUSES: readonly OrderStatus[] = ['COMPLETED', 'CANCELLED', 'RETURNED'];
/** Where a new order starts. */
export const INITIAL_STATUS: OrderStatus = 'PENDING';

export type EffectName =
  /** Reserve the OWN-stock units per warehouse (explicit allocations or the strategy); writes OrderItemAllocation. */
  | 'reserveStock'
  /** Release what is reserved and not shipped; drops the allocations. */
  | 'releaseStock'
  /** Take the reserved units out of on hand (SHIPMENT movements; for transfers TRANSFER_OUT, and the units go in transit to the destination). */
  | 'shipStock'
  /** One Shipment per allocating warehouse (an open one is reused), with courier and tracking number. */
  | 'createShipment'
  /** Record the pickup option chosen when packing (seed 001). */
  | 'setPickupOption'
  /** Record the cancel reason, note and who cancelled; open cancellation requests are approved. */
  | 'recordCancellation'
  /** Give back the order's uses of promotions and coupons (their quotas and per-customer counts). */
  | 'releasePromotions'
  /** Write OrderReturn and its lines (refused above what shipped and is not returned yet); keep each line's returned units and the order's return status. */
  | 'recordReturn'
  /** Put the returned units of lines marked for restock back on hand (RETURN movements) in the line's warehouse. */
  | 'restock'
  /** Record the refund given with a return, linked to it; then announce the return (its lines and refund) to webhooks. */
  | 'refundReturn'
  /** Re-derive the payment status against the total net of returns and cancellation. */
  | 'refreshPaymentStatus'
  /** Book the received units into the destination warehouse (TRANSFER_IN movements), clear its in-transit units, record each line's received quantity. */
  | 'receiveStock';

// Note: these input specs are GraphQL-shaped (type names) yet stay in the domain table:
// applyTransition validates required fields from them, Order.availableTransitions
// exposes them, and test/orders/state-machine.test.ts reads them from TRANSITIONS.
/** Input fields a transition takes besides `order` and `expectedVersion`. `key` is the field of TransitionInput. */
export interface TransitionInputSpec {
  /** GraphQL input field name of the transition's mutation. */
  name: string;
  key: TransitionInputKey;
  type: 'String' | 'Boolean' | 'ID' | 'CancelReason' | 'PickupOption' | '[OrderAllocationInput!]' | '[OrderReturnLineInput!]' | '[OrderReceiptLineInput!]' | 'OrderReturnRefundInput';
  required: boolean;
  description: string;
}

export type TransitionInputKey =
  | 'note'
  | 'cancelReason'
  | 'reason'
  | 'pickupOption'
  | 'courierId'
  | 'serviceName'
  | 'trackingNumber'
  | 'allocations'
  | 'returnBy'
  | 'restock'
  | 'returnLines'
  | 'refund'
  | 'receivedLines';

/** Conditions a transition's move may wait for (see TransitionRule.movesWhen). */
export type TransitionCondition =
  /** Every shipped unit of every line came back (Order.returnStatus FULL). */
  'fullyReturned';

export interface TransitionRule {
  /** Mutation that runs it. */
  mutation: string;
  from: readonly OrderStatus[];
  to: OrderStatus;
  /**
   * When set, the order moves to `to` only if this holds once the effects ran, and
   * keeps its status otherwise (the event then records from = to).
   */
  movesWhen?: TransitionCondition;
  input: readonly TransitionInputSpec[];
  /** Roles that may run it (enforced by issue 7's permission plugin). */
  roles: readonly Role[];
  /** Run in this order inside the transition's transaction. */
  effects: readonly EffectName[];
  /** Order kinds it applies to. */
  kinds: readonly OrderKind[];
  /** The seed endpoints it stands for. */
  seeds: readonly string[];
  description: string;
}

const note: TransitionInputSpec = { name: 'note', key: 'note', type: 'String', required: false, description: 'Free text kept on the order event.' };
const STAFF: readonly Role[] = ['OWNER', 'ADMIN', 'STAFF'];
const FLOOR: readonly Role[] = ['OWNER', 'ADMIN', 'STAFF', 'WAREHOUSE'];

export const TRANSITIONS = {
  confirm: {
    mutation: 'orderConfirm',
    from: ['PENDING'],
    to: 'CONFIRMED',
    input: [note],
    roles: STAFF,
    effects: [],
    kinds: ORDER_KINDS,
    seeds: ['000 PUT /orders/{id}/confirms', '004 status Baru -> (confirmed)'],
    description: 'Payment or approval received: the order is ready for processing.',
  },
  setPending: {
    mutation: 'orderSetPending',
    from: ['CONFIRMED', 'PROCESSING'],
    to: 'PENDING',
    input: [{ name: 'reason', key: 'reason', type: 'String', required: true, description: 'Why the order waits again (a PENDING reason of the catalogue, or free text).' }, note],
    roles: STAFF,
    effects: ['releaseStock'],
    kinds: ORDER_KINDS,
    seeds: ['000 PUT /orders/{id}/pendings'],
    description: 'Back to PENDING with a reason; reserved stock is released.',
  },
  process: {
    mutation: 'orderProcess',
    from: ['CONFIRMED'],
    to: 'PROCESSING',
    input: [
      {
        name: 'allocations',
        key: 'allocations',
        type: '[OrderAllocationInput!]',
        required: false,
        description: 'Units per line and warehouse; when left out the origin warehouse, else the warehouses with the most available stock, are used.',
      },
      note,
    ],
    roles: FLOOR,
    effects: ['reserveStock'],
    kinds: ORDER_KINDS,
    seeds: ['001 POST fulfillment/set-process', '000 PUT /orders/{id}/allocates', '000 POST|PUT /orders/{id}/order-item-stocks', '004 status Diproses'],
    description: 'Allocates: reserves the OWN-stock units per warehouse.',
  },
  pack: {
    mutation: 'orderPack',
    from: ['PROCESSING'],
    to: 'PACKED',
    input: [{ name: 'pickupOption', key: 'pickupOption', type: 'PickupOption', required: false, description: 'Courier pickup slot.' }, note],
    roles: FLOOR,
    effects: ['setPickupOption'],
    kinds: ORDER_KINDS,
    seeds: ['001 POST fulfillment/set-packed', '001 POST fulfillment/set-process-packed (bulk: ordersTransition)'],
    description: 'Packed and waiting for the courier.',
  },
  ship: {
    mutation: 'orderShip',
    from: ['PROCESSING', 'PACKED'],
    to: 'SHIPPED',
    input: [
      { name: 'courier', key: 'courierId', type: 'ID', required: false, description: 'Global id of the courier.' },
      { name: 'serviceName', key: 'serviceName', type: 'String', required: false, description: 'Courier service, e.g. "REG".' },
      { name: 'trackingNumber', key: 'trackingNumber', type: 'String', required: false, description: 'Air waybill / tracking number.' },
      note,
    ],
    roles: FLOOR,
    effects: ['shipStock', 'createShipment'],
    kinds: ORDER_KINDS,
    seeds: ['001 POST fulfillment/ship', '000 PUT /orders/{id}/ships', '004 status Terkirim'],
    description:
      'Handed to the courier: reserved units leave the warehouses and a shipment per warehouse is recorded. ' +
      "For a transfer the units are in transit to the order's destination warehouse until it receives them (orderValidate).",
  },
  complete: {
    mutation: 'orderComplete',
    from: ['SHIPPED'],
    to: 'COMPLETED',
    input: [note],
    roles: STAFF,
    effects: [],
    // Not for transfers: their units are still in transit until the destination receives them (validate).
    kinds: DELIVERY_KINDS,
    seeds: ['001 POST fulfillment/completed', '000 PUT /orders/{id}/fulfilled'],
    description: 'Delivered to the customer. Transfers are received with orderValidate instead.',
  },
  validate: {
    mutation: 'orderValidate',
    from: ['SHIPPED'],
    to: 'COMPLETED',
    input: [
      {
        name: 'lines',
        key: 'receivedLines',
        type: '[OrderReceiptLineInput!]',
        required: false,
        description: 'Units received per shipped line, each shipped line once; a line short of what was shipped is recorded as a shortfall. Default: every shipped unit arrived.',
      },
      note,
    ],
    roles: FLOOR,
    effects: ['receiveStock'],
    kinds: TRANSFER_KINDS,
    seeds: ['000 PUT /orders/{id}/validate'],
    description:
      "The destination warehouse received a transfer: the units received go on hand there, the units in transit are cleared, and each line keeps its received quantity (a shortfall stays visible).",
  },
  cancel: {
    mutation: 'orderCancel',
    from: ['PENDING', 'CONFIRMED', 'PROCESSING', 'PACKED'],
    to: 'CANCELLED',
    input: [
      { name: 'reason', key: 'cancelReason', type: 'CancelReason', required: true, description: 'Why.' },
      { name: 'note', key: 'note', type: 'String', required: false, description: 'Free text.' },
    ],
    roles: STAFF,
    effects: ['releaseStock', 'recordCancellation', 'releasePromotions', 'refreshPaymentStatus'],
    kinds: ORDER_KINDS,
    seeds: ['001 POST fulfillment/cancel', '000 PUT /orders/{id}/cancel', '004 status Batal'],
    description: 'Ended before shipping; reserved stock is released.',
  },
  return: {
    mutation: 'orderReturn',
    from: ['SHIPPED', 'COMPLETED'],
    to: 'RETURNED',
    movesWhen: 'fullyReturned',
    input: [
      { name: 'returnBy', key: 'returnBy', type: 'String', required: true, description: 'Who asked for it, e.g. "customer_request".' },
      { name: 'reason', key: 'reason', type: 'String', required: false, description: 'Why it came back.' },
      { name: 'restock', key: 'restock', type: 'Boolean', required: false, description: 'Put the units back on hand where they shipped from (default true); a line may say otherwise.' },
      {
        name: 'lines',
        key: 'returnLines',
        type: '[OrderReturnLineInput!]',
        required: false,
        description: 'Units per line, at most what shipped and has not come back yet; default every such unit.',
      },
      {
        name: 'refund',
        key: 'refund',
        type: 'OrderReturnRefundInput',
        required: false,
        description: "Money given back for this return, recorded with it: at most the returned units' value and what the buyer paid beyond what they owe.",
      },
      note,
    ],
    roles: STAFF,
    effects: ['recordReturn', 'restock', 'refreshPaymentStatus', 'refundReturn'],
    kinds: ['SALE'],
    seeds: ['001 POST fulfillment/return'],
    description:
      'Units came back after shipping; there may be several returns per order. The order keeps its status until every shipped unit ' +
      'came back, then it is RETURNED. Units are restocked unless the input says not to. Transfer kinds use a RETURN order instead.',
  },
} as const satisfies Record<string, TransitionRule>;

export type TransitionName = keyof typeof TRANSITIONS;
export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as TransitionName[];

// ---------------------------------------------------------------- cancellation requests
// Their own small lifecycle (seed 001 cancel requests): requested by a buyer or
// a channel, then approved (which runs the order's `cancel`) or rejected, or,
// when nobody decided by its deadline (seed 001 cancel_sla_at), expired: the
// cancellation is then granted, as the marketplaces behind the seed's channels do.

export interface CancellationRequestRule {
  /** Mutation that runs it; none for the system's own step (expire). */
  mutation?: string;
  /** Request statuses it leaves from; null = no open request. */
  from: readonly (CancellationRequestStatus | null)[];
  to: CancellationRequestStatus;
  /** Order statuses in which it may run. */
  orderFrom: readonly OrderStatus[];
  /** Order transition run in the same transaction. */
  orderTransition: TransitionName | null;
  input: readonly TransitionInputSpec[];
  roles: readonly Role[];
  seeds: readonly string[];
  description: string;
}

export const CANCELLATION_REQUEST_TRANSITIONS = {
  request: {
    mutation: 'orderCancellationRequest',
    from: [null],
    to: 'REQUESTED',
    orderFrom: TRANSITIONS.cancel.from,
    orderTransition: null,
    input: [
      { name: 'reason', key: 'cancelReason', type: 'CancelReason', required: true, description: 'Why the cancellation is asked for.' },
      { name: 'note', key: 'note', type: 'String', required: false, description: 'Free text.' },
    ],
    roles: ['OWNER', 'ADMIN', 'STAFF', 'PARTNER'],
    seeds: ['001 POST fulfillment/cancel with direct_cancel: false'],
    description: 'A buyer or channel asks to cancel; the order keeps its status until someone decides.',
  },
  approve: {
    mutation: 'orderCancellationApprove',
    from: ['REQUESTED'],
    to: 'APPROVED',
    orderFrom: TRANSITIONS.cancel.from,
    orderTransition: 'cancel',
    input: [note],
    roles: STAFF,
    seeds: ['001 POST fulfillment/approve-cancel'],
    description: 'Grants the open request: the order is cancelled with its reason.',
  },
  reject: {
    mutation: 'orderCancellationReject',
    from: ['REQUESTED'],
    to: 'REJECTED',
    orderFrom: ['PENDING', 'CONFIRMED', 'PROCESSING', 'PACKED', 'SHIPPED', 'COMPLETED'],
    orderTransition: null,
    input: [note],
    roles: STAFF,
    seeds: ['001 POST fulfillment/reject-cancel'],
    description: 'Refuses the open request; the order goes on.',
  },
  expire: {
    from: ['REQUESTED'],
    to: 'EXPIRED',
    // Whatever the order's status: `cancel` runs where it leaves from; an order past it
    // (shipped before requests had deadlines) only has its request closed.
    orderFrom: ORDER_STATUSES,
    orderTransition: 'cancel',
    input: [],
    // Nobody runs it: the deadline does (on read, before a write to the order, and the server's sweep).
    roles: [],
    seeds: ['001 cancel_sla_at'],
    description: 'Nobody decided by the deadline: the request expires and the cancellation is granted (the order is cancelled).',
  },
} as const satisfies Record<string, CancellationRequestRule>;

export type CancellationRequestTransitionName = keyof typeof CANCELLATION_REQUEST_TRANSITIONS;

/** The system actor that expires requests past their deadline. */
export const CANCELLATION_DEADLINE_ACTOR = 'system:deadline';

/**
 * Order transitions refused while a cancellation request is open: packing, and
 * every step that takes the order past the point where it can still be cancelled
 * (from a status `cancel` leaves from to one it does not). Going back (setPending),
 * processing and cancelling stay allowed.
 */
export function heldByOpenCancellationRequest(name: TransitionName): boolean {
  if (name === 'cancel') return false;
  if (name === 'pack') return true;
  const cancellable = TRANSITIONS.cancel.from as readonly OrderStatus[];
  const rule: TransitionRule = TRANSITIONS[name];
  return rule.from.some((status) => cancellable.includes(status)) && !cancellable.includes(rule.to);
}

/** The bulk mutation and its result limit (seed 001 bulk packing, seed 003 batch status). */
export const BULK_TRANSITION_LIMIT = 100;
