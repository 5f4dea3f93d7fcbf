// Pure functions over the customer activation table: what a customer may go
// through next, the check that refuses anything else, and the table's own check.
import type { CustomerStatus } from '../db/generated/prisma/enums.js';
import {
  CUSTOMER_FINAL_STATUSES,
  CUSTOMER_INITIAL_STATUSES,
  CUSTOMER_STATUSES,
  CUSTOMER_TRANSITIONS,
  type CustomerTransitionName,
  type CustomerTransitionRule,
} from './customer-transitions.js';
import { InvalidCustomerTransitionError } from './errors.js';

export function customerTransition(name: CustomerTransitionName): CustomerTransitionRule {
  return CUSTOMER_TRANSITIONS[name];
}

export function canLeaveCustomerStatus(name: CustomerTransitionName, status: CustomerStatus): boolean {
  return customerTransition(name).from.includes(status);
}

/** Names of the transitions that may leave `status`, in table order. */
export function availableCustomerTransitions(status: CustomerStatus, table: Record<string, CustomerTransitionRule> = CUSTOMER_TRANSITIONS): CustomerTransitionName[] {
  return (Object.keys(table) as CustomerTransitionName[]).filter((name) => table[name]!.from.includes(status));
}

/** The rule, or InvalidCustomerTransitionError naming where it leaves from and what applies now. */
export function assertCustomerTransition(status: CustomerStatus, name: CustomerTransitionName): CustomerTransitionRule {
  const rule = customerTransition(name);
  if (!rule.from.includes(status)) throw new InvalidCustomerTransitionError(status, name, rule.from, availableCustomerTransitions(status));
  return rule;
}

/**
 * Problems with the table: a status no customer can reach (from the statuses a
 * customer is created in), a non-final status with no way out, a final status
 * with one, a transition that leaves a status for itself, a mutation named twice.
 * Empty when sound.
 */
export function checkCustomerTransitionTable(
  table: Record<string, CustomerTransitionRule> = CUSTOMER_TRANSITIONS,
  statuses: readonly CustomerStatus[] = CUSTOMER_STATUSES,
  initial: readonly CustomerStatus[] = CUSTOMER_INITIAL_STATUSES,
  final: readonly CustomerStatus[] = CUSTOMER_FINAL_STATUSES,
): string[] {
  const problems: string[] = [];
  const rules = Object.entries(table);
  const reached = new Set<CustomerStatus>(initial);
  const queue = [...initial];
  while (queue.length) {
    const status = queue.shift()!;
    for (const [, rule] of rules) {
      if (rule.from.includes(status) && !reached.has(rule.to)) {
        reached.add(rule.to);
        queue.push(rule.to);
      }
    }
  }
  for (const status of statuses) {
    if (!reached.has(status)) problems.push(`${status} cannot be reached`);
    const ways = rules.filter(([, rule]) => rule.from.includes(status)).map(([name]) => name);
    if (final.includes(status) && ways.length) problems.push(`${status} is final but can be left by ${ways.join(', ')}`);
    if (!final.includes(status) && !ways.length) problems.push(`${status} has no way out`);
  }
  const mutations = new Set<string>();
  for (const [name, rule] of rules) {
    if (mutations.has(rule.mutation)) problems.push(`${rule.mutation} runs two transitions`);
    mutations.add(rule.mutation);
    if (rule.from.includes(rule.to)) problems.push(`${name} may leave ${rule.to} for ${rule.to}`);
  }
  return problems;
}
