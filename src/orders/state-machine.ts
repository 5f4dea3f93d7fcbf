// Pure functions over the transition table: what an order may do next, the
// check that refuses anything else, and the table's own sanity check.
import type { OrderKind, OrderStatus } from '../db/generated/prisma/enums.js';
import { InvalidTransitionError, OrderIsDraftError } from './errors.js';
import { FINAL_STATUSES, INITIAL_STATUS, ORDER_KINDS, ORDER_STATUSES, TRANSITION_NAMES, TRANSITIONS, type TransitionName, type TransitionRule } from './transitions.js';

export function rule(name: TransitionName): TransitionRule {
  return TRANSITIONS[name];
}

export function appliesToKind(name: TransitionName, kind: OrderKind): boolean {
  return (rule(name).kinds as readonly OrderKind[]).includes(kind);
}

export function canLeave(name: TransitionName, status: OrderStatus): boolean {
  return (rule(name).from as readonly OrderStatus[]).includes(status);
}

/** Transitions an order in this status and kind may take; a draft may only be cancelled. */
export function availableTransitions(status: OrderStatus, kind: OrderKind, isDraft = false): TransitionName[] {
  return TRANSITION_NAMES.filter((name) => canLeave(name, status) && appliesToKind(name, kind) && (!isDraft || name === 'cancel'));
}

/** Throws the typed error when the transition may not run on this order. */
export function assertApplicable(order: { id: number; status: OrderStatus; kind: OrderKind; isDraft: boolean }, name: TransitionName): void {
  if (order.isDraft && name !== 'cancel') throw new OrderIsDraftError(order.id, name);
  if (!appliesToKind(name, order.kind) || !canLeave(name, order.status)) {
    throw new InvalidTransitionError(order.id, name, order.status, order.kind, appliesToKind(name, order.kind) ? rule(name).from : []);
  }
}

export interface TableProblem {
  kind: OrderKind;
  status: OrderStatus;
  problem: 'unreachable' | 'no way out';
}

/**
 * For every order kind: every status reachable from PENDING, and every status
 * that is not final has a transition out. Empty when the table is sound.
 */
export function checkTable(): TableProblem[] {
  const problems: TableProblem[] = [];
  for (const kind of ORDER_KINDS) {
    const names = TRANSITION_NAMES.filter((name) => appliesToKind(name, kind));
    const reached = new Set<OrderStatus>([INITIAL_STATUS]);
    const queue: OrderStatus[] = [INITIAL_STATUS];
    while (queue.length) {
      const status = queue.shift()!;
      for (const name of names) {
        const to = rule(name).to;
        if (canLeave(name, status) && !reached.has(to)) {
          reached.add(to);
          queue.push(to);
        }
      }
    }
    // RETURNED is reached by the `return` transition for sales and by a RETURN order for transfers.
    const expected = ORDER_STATUSES.filter((status) => kind === 'SALE' || status !== 'RETURNED');
    for (const status of expected) {
      if (!reached.has(status)) problems.push({ kind, status, problem: 'unreachable' });
      if (!FINAL_STATUSES.includes(status) && !names.some((name) => canLeave(name, status))) {
        problems.push({ kind, status, problem: 'no way out' });
      }
    }
  }
  return problems;
}

