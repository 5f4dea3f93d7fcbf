// An order's life before any detail: its status and kind, and the dated steps
// that led there. The first orders cover every status and kind, so even small
// seeds show them all.
import type { OrderKind, OrderStatus } from '../../db/generated/prisma/enums.js';
import type { Rng } from './random.js';
import { DAY, HOUR, MIN, ORDER_WINDOW, SEED_BASE_TIME } from './seed-time.js';

export type Step = 'create' | 'confirm' | 'process' | 'pack' | 'ship' | 'complete' | 'cancel' | 'return';

const FORWARD: readonly (readonly [Step, OrderStatus | null, OrderStatus])[] = [
  ['create', null, 'PENDING'],
  ['confirm', 'PENDING', 'CONFIRMED'],
  ['process', 'CONFIRMED', 'PROCESSING'],
  ['pack', 'PROCESSING', 'PACKED'],
  ['ship', 'PACKED', 'SHIPPED'],
  ['complete', 'SHIPPED', 'COMPLETED'],
];

/** Time from the previous step, [min, max]. */
const STEP_GAP: Record<Step, readonly [number, number]> = {
  create: [0, 0],
  confirm: [5 * MIN, 8 * HOUR],
  process: [30 * MIN, 30 * HOUR],
  pack: [20 * MIN, 10 * HOUR],
  ship: [HOUR, 36 * HOUR],
  complete: [DAY, 6 * DAY],
  cancel: [10 * MIN, 3 * DAY],
  return: [2 * DAY, 10 * DAY],
};

const STATUSES: readonly OrderStatus[] = ['PENDING', 'CONFIRMED', 'PROCESSING', 'PACKED', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'RETURNED'];
const STATUS_WEIGHTS: readonly (readonly [OrderStatus, number])[] = [
  ['PENDING', 7], ['CONFIRMED', 5], ['PROCESSING', 5], ['PACKED', 4], ['SHIPPED', 9], ['COMPLETED', 55], ['CANCELLED', 10], ['RETURNED', 5],
];
const OTHER_KINDS: readonly OrderKind[] = ['REQUEST', 'DISTRIBUTION', 'RETURN', 'CENTRAL_DISTRIBUTION', 'RELOCATION'];
const KIND_WEIGHTS: readonly (readonly [OrderKind, number])[] = [
  ['SALE', 88], ['REQUEST', 3], ['DISTRIBUTION', 3], ['RETURN', 2], ['CENTRAL_DISTRIBUTION', 2], ['RELOCATION', 2],
];
/** Stock moves between the tenant's own warehouses. */
export const TRANSFER_KINDS = new Set<OrderKind>(['DISTRIBUTION', 'CENTRAL_DISTRIBUTION', 'RELOCATION']);
/** No customer and no payment: transfers, and returns of goods to a supplier. */
export const INTERNAL_KINDS = new Set<OrderKind>([...TRANSFER_KINDS, 'RETURN']);

export interface Transition {
  type: Step;
  from: OrderStatus | null;
  to: OrderStatus;
  at: number;
}

export interface OrderPlan {
  seq: number;
  status: OrderStatus;
  kind: OrderKind;
  orderedAt: number;
  transitions: Transition[];
  /** The transition into the current status. */
  last: Transition;
  /** When each step that happened happened. */
  times: Partial<Record<Step, number>>;
}

export function planOrder(rng: Rng, i: number): OrderPlan {
  const status = i < STATUSES.length ? STATUSES[i] : rng.weighted(STATUS_WEIGHTS);
  const k = i - STATUSES.length;
  const kind = k >= 0 && k < OTHER_KINDS.length ? OTHER_KINDS[k] : rng.weighted(KIND_WEIGHTS);
  let last: number;
  let final: Step | null = null;
  if (status === 'CANCELLED') {
    last = rng.weighted([[0, 45], [1, 30], [2, 15], [3, 10]]);
    final = 'cancel';
  } else if (status === 'RETURNED') {
    // A transfer that reached its destination is not returned; a failed delivery is.
    last = TRANSFER_KINDS.has(kind) ? 4 : rng.weighted([[4, 40], [5, 60]]);
    final = 'return';
  } else {
    last = FORWARD.findIndex((f) => f[2] === status);
  }
  const steps: Omit<Transition, 'at'>[] = FORWARD.slice(0, last + 1).map(([type, from, to]) => ({ type, from, to }));
  if (final) steps.push({ type: final, from: FORWARD[last][2], to: status });
  const offsets: number[] = [];
  let elapsed = 0;
  for (const step of steps) {
    const [lo, hi] = STEP_GAP[step.type];
    elapsed += rng.between(lo, hi);
    offsets.push(elapsed);
  }
  let age: number;
  if (status === 'SHIPPED') age = elapsed + rng.between(HOUR, 4 * DAY);
  else if (!final && status !== 'COMPLETED') age = elapsed + (rng.chance(0.85) ? rng.between(10 * MIN, 2 * DAY) : rng.between(2 * DAY, 25 * DAY));
  else age = rng.between(elapsed + HOUR, ORDER_WINDOW);
  const orderedAt = SEED_BASE_TIME - age;
  const transitions = steps.map((s, n) => ({ ...s, at: orderedAt + offsets[n] }));
  const times: Partial<Record<Step, number>> = {};
  for (const t of transitions) times[t.type] = t.at;
  return { seq: i, status, kind, orderedAt, transitions, last: transitions[transitions.length - 1], times };
}
