// The customer activation lifecycle (seed 002 PATCH /customer/activation-status:
// 0 refuse, 1 accept, 2 activate, 4 block, 6 unblock; "5 delete" is customerDelete),
// as data in the shape of the order table (src/orders/transitions.ts). The mutations,
// Customer.availableTransitions, the checks and the tests read it. Pure: no I/O.
import type { CustomerStatus, Role } from '../db/generated/prisma/enums.js';

export const CUSTOMER_STATUSES = ['PENDING', 'ACTIVE', 'INACTIVE', 'REFUSED', 'BLOCKED'] as const satisfies readonly CustomerStatus[];

/** Statuses a customer may be created in (seed 002 is_active Y, N / T, R). */
export const CUSTOMER_INITIAL_STATUSES: readonly CustomerStatus[] = ['ACTIVE', 'INACTIVE', 'PENDING'];

/** Statuses with no way out: a refused request stays refused (delete the customer to forget it). */
export const CUSTOMER_FINAL_STATUSES: readonly CustomerStatus[] = ['REFUSED'];

export type CustomerEffectName =
  /** Put the customer in the category given (seed 002 accepts with an optional category). */
  'setCategory';

/** Input fields a transition takes besides `customer`. */
export interface CustomerTransitionInputSpec {
  /** GraphQL input field name of the transition's mutation. */
  name: 'reason' | 'category' | 'categoryCode';
  type: 'String' | 'ID';
  required: boolean;
  description: string;
}

export interface CustomerTransitionRule {
  /** Mutation that runs it. */
  mutation: string;
  from: readonly CustomerStatus[];
  to: CustomerStatus;
  input: readonly CustomerTransitionInputSpec[];
  /** Roles that may run it (enforced by issue 7's permission plugin). */
  roles: readonly Role[];
  /** Run inside the transition's transaction, after the status is set. */
  effects: readonly CustomerEffectName[];
  /** The seed endpoints it stands for. */
  seeds: readonly string[];
  description: string;
}

const STAFF: readonly Role[] = ['OWNER', 'ADMIN', 'STAFF'];
const MANAGERS: readonly Role[] = ['OWNER', 'ADMIN'];

/** Why: returned in the payload; the Customer row has no column for it (notes are for people). */
const reason = (required: boolean, description: string): CustomerTransitionInputSpec => ({ name: 'reason', type: 'String', required, description });

export const CUSTOMER_TRANSITIONS = {
  accept: {
    mutation: 'customerAccept',
    from: ['PENDING'],
    to: 'ACTIVE',
    input: [
      { name: 'category', type: 'ID', required: false, description: 'Global id of an active customer category to put the customer in.' },
      { name: 'categoryCode', type: 'String', required: false, description: 'Or that category by code ("N", "Y", "D" or custom).' },
    ],
    roles: STAFF,
    effects: ['setCategory'],
    seeds: ['002 PATCH /customer/activation-status status 1 (accept) with optional category'],
    description: 'Accepts a request to become a customer, optionally putting the customer in a category.',
  },
  refuse: {
    mutation: 'customerRefuse',
    from: ['PENDING'],
    to: 'REFUSED',
    input: [reason(true, 'Why the request is refused (at most 500 characters); returned in the payload, not stored.')],
    roles: STAFF,
    effects: [],
    seeds: ['002 PATCH /customer/activation-status status 0 (refuse)'],
    description: 'Refuses a request to become a customer.',
  },
  activate: {
    mutation: 'customerActivate',
    from: ['INACTIVE'],
    to: 'ACTIVE',
    input: [],
    roles: STAFF,
    effects: [],
    seeds: ['002 PATCH /customer/activation-status status 2 (activate)', '002 POST /customer/privor-activation active=true'],
    description: 'Activates an inactive customer.',
  },
  deactivate: {
    mutation: 'customerDeactivate',
    from: ['ACTIVE'],
    to: 'INACTIVE',
    input: [reason(false, 'Why (at most 500 characters); returned in the payload, not stored.')],
    roles: STAFF,
    effects: [],
    seeds: ['002 PATCH /customer/update is_active N', '002 POST /customer/privor-activation active=false'],
    description: 'Makes an active customer inactive.',
  },
  block: {
    mutation: 'customerBlock',
    from: ['PENDING', 'ACTIVE', 'INACTIVE'],
    to: 'BLOCKED',
    input: [reason(true, 'Why the customer is blocked (at most 500 characters); returned in the payload, not stored.')],
    roles: MANAGERS,
    effects: [],
    seeds: ['002 PATCH /customer/activation-status status 4 (block)'],
    description: 'Blocks a customer, who may then not order.',
  },
  unblock: {
    mutation: 'customerUnblock',
    from: ['BLOCKED'],
    to: 'ACTIVE',
    input: [],
    roles: MANAGERS,
    effects: [],
    seeds: ['002 PATCH /customer/activation-status status 6 (unblock)'],
    description: 'Lifts a block; the customer is active again.',
  },
} as const satisfies Record<string, CustomerTransitionRule>;

export type CustomerTransitionName = keyof typeof CUSTOMER_TRANSITIONS;

/** Table order: availableTransitions lists them so. */
export const CUSTOMER_TRANSITION_NAMES = Object.keys(CUSTOMER_TRANSITIONS) as CustomerTransitionName[];
