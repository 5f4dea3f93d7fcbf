// The customer activation lifecycle declared with the generic state machine
// (src/shared/state-machine.ts) over its table, and the customer-typed calls the
// service, the face and the tests use: what a customer may go through next, the
// check that refuses anything else, and the table's own check.
import type { CustomerStatus, Role } from '../db/generated/prisma/enums.js';
import { check, defineLifecycle, stateMachine } from '../shared/state-machine.js';
import {
  CUSTOMER_FINAL_STATUSES,
  CUSTOMER_INITIAL_STATUSES,
  CUSTOMER_STATUSES,
  CUSTOMER_TRANSITIONS,
  type CustomerTransitionName,
  type CustomerTransitionRule,
} from './customer-transitions.js';
import { InvalidCustomerTransitionError } from './errors.js';

/** The customer table's own columns besides the state machine's. */
type Extra = Pick<CustomerTransitionRule, 'input' | 'effects' | 'seeds' | 'description'>;

export const CUSTOMER_LIFECYCLE = defineLifecycle<CustomerStatus, Role, Extra, CustomerTransitionName>({
  name: 'customer',
  states: CUSTOMER_STATUSES,
  initial: CUSTOMER_INITIAL_STATUSES,
  final: CUSTOMER_FINAL_STATUSES,
  transitions: CUSTOMER_TRANSITIONS,
});

const machine = stateMachine(CUSTOMER_LIFECYCLE);

export function customerTransition(name: CustomerTransitionName): CustomerTransitionRule {
  return CUSTOMER_TRANSITIONS[name];
}

export function canLeaveCustomerStatus(name: CustomerTransitionName, status: CustomerStatus): boolean {
  return machine.can(status, name);
}

/** Names of the transitions that may leave `status`, in table order. */
export function availableCustomerTransitions(status: CustomerStatus, table: Record<string, CustomerTransitionRule> = CUSTOMER_TRANSITIONS): CustomerTransitionName[] {
  return table === CUSTOMER_TRANSITIONS ? machine.available(status) : (stateMachine({ ...CUSTOMER_LIFECYCLE, transitions: table }).available(status) as CustomerTransitionName[]);
}

/** The rule, or InvalidCustomerTransitionError naming where it leaves from and what applies now. */
export function assertCustomerTransition(status: CustomerStatus, name: CustomerTransitionName): CustomerTransitionRule {
  const step = machine.next(status, name);
  if (!step.ok) throw new InvalidCustomerTransitionError(status, name, step.allowedFrom, step.available);
  return customerTransition(name);
}

/**
 * Problems with the table, as sentences (see `check`): a status no customer can
 * reach from the statuses a customer is created in, a non-final status with no way
 * out, a final status with one, a transition that leaves a status for itself, a
 * mutation named twice. Empty when sound.
 */
export function checkCustomerTransitionTable(
  table: Record<string, CustomerTransitionRule> = CUSTOMER_TRANSITIONS,
  statuses: readonly CustomerStatus[] = CUSTOMER_STATUSES,
  initial: readonly CustomerStatus[] = CUSTOMER_INITIAL_STATUSES,
  final: readonly CustomerStatus[] = CUSTOMER_FINAL_STATUSES,
): string[] {
  return check({ name: 'customer', states: statuses, initial, final, transitions: table }).map((problem) => problem.message);
}
