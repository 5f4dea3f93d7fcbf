// The order lifecycle declared with the generic state machine
// (src/shared/state-machine.ts) over the transition table, once for the whole
// table and once per order kind, and the order-typed calls over it: what an order
// may do next, the check that refuses anything else, and the table's own check.
import type { OrderKind, OrderStatus, Role } from '../db/generated/prisma/enums.js';
import { check, defineLifecycle, stateMachine, type Lifecycle, type Problem } from '../shared/state-machine.js';
import { InvalidTransitionError, OrderIsDraftError } from './errors.js';
import { FINAL_STATUSES, INITIAL_STATUS, ORDER_KINDS, ORDER_STATUSES, TRANSITION_NAMES, TRANSITIONS, type TransitionName, type TransitionRule } from './transitions.js';

/** The order table's own columns besides the state machine's. */
type Extra = Pick<TransitionRule, 'input' | 'effects' | 'kinds' | 'seeds' | 'description'>;
type OrderLifecycle = Lifecycle<OrderStatus, Role, Extra, TransitionName>;

/** Every transition of every kind: the roles of the mutations and what the API lists read it. */
export const ORDER_LIFECYCLE: OrderLifecycle = defineLifecycle<OrderStatus, Role, Extra, TransitionName>({
  name: 'order',
  states: ORDER_STATUSES,
  initial: [INITIAL_STATUS],
  final: FINAL_STATUSES,
  transitions: TRANSITIONS,
});

/**
 * The lifecycle one kind of order goes through: the transitions of that kind.
 * A sale may still be returned once COMPLETED, so it ends at CANCELLED or
 * RETURNED; transfer kinds come back as a RETURN order instead, so they end at
 * COMPLETED or CANCELLED and never reach RETURNED.
 */
export function orderLifecycleOfKind(kind: OrderKind): Lifecycle<OrderStatus, Role, Extra> {
  const sale = kind === 'SALE';
  return {
    name: `${kind} order`,
    states: ORDER_STATUSES.filter((status) => sale || status !== 'RETURNED'),
    initial: [INITIAL_STATUS],
    final: FINAL_STATUSES.filter((status) => (sale ? status !== 'COMPLETED' : status !== 'RETURNED')),
    transitions: Object.fromEntries(TRANSITION_NAMES.filter((name) => appliesToKind(name, kind)).map((name) => [name, TRANSITIONS[name]])),
  };
}

const machine = stateMachine(ORDER_LIFECYCLE);
const machineOfKind = new Map(ORDER_KINDS.map((kind) => [kind, stateMachine(orderLifecycleOfKind(kind))]));

export function rule(name: TransitionName): TransitionRule {
  return TRANSITIONS[name];
}

export function appliesToKind(name: TransitionName, kind: OrderKind): boolean {
  return (rule(name).kinds as readonly OrderKind[]).includes(kind);
}

export function canLeave(name: TransitionName, status: OrderStatus): boolean {
  return machine.can(status, name);
}

/** Transitions an order in this status and kind may take; a draft may only be cancelled. */
export function availableTransitions(status: OrderStatus, kind: OrderKind, isDraft = false): TransitionName[] {
  // The names of a kind's lifecycle are table names.
  const names = machineOfKind.get(kind)!.available(status) as TransitionName[];
  return names.filter((name) => !isDraft || draftMayTake(name));
}

/** Throws the typed error when the transition may not run on this order. */
/** A draft takes no transition but cancel: it is placed (orderPlace) before it moves. */
export function draftMayTake(name: TransitionName): boolean {
  return name === 'cancel';
}

export function assertApplicable(order: { id: number; status: OrderStatus; kind: OrderKind; isDraft: boolean }, name: TransitionName): void {
  if (order.isDraft && !draftMayTake(name)) throw new OrderIsDraftError(order.id, name);
  const step = machineOfKind.get(order.kind)!.next(order.status, name);
  // A transition of another kind is unknown to this kind's lifecycle: nothing is allowed.
  if (!step.ok) throw new InvalidTransitionError(order.id, name, order.status, order.kind, step.allowedFrom);
}

export interface TableProblem {
  kind: OrderKind;
  problem: Problem;
}

/** The generic check over every order kind's lifecycle (see orderLifecycleOfKind). Empty when the table is sound. */
export function checkTable(): TableProblem[] {
  return ORDER_KINDS.flatMap((kind) => check(orderLifecycleOfKind(kind)).map((problem) => ({ kind, problem })));
}
