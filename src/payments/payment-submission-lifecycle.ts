// A buyer-submitted payment's lifecycle, as data with the generic state machine
// (src/shared/state-machine.ts): submitted (PENDING), then confirmed by the shop
// (which records the payment) or rejected with a reason. Pure.
import type { PaymentSubmissionStatus, Role } from '../db/generated/prisma/enums.js';
import { defineLifecycle, stateMachine } from '../shared/state-machine.js';

export type PaymentSubmissionStep = 'submit' | 'confirm' | 'reject';

/** Who decides: the roles that record payments. */
const DECIDE: readonly Role[] = ['OWNER', 'ADMIN', 'STAFF'];

export const PAYMENT_SUBMISSION_LIFECYCLE = defineLifecycle<PaymentSubmissionStatus | null, Role, { description: string }, PaymentSubmissionStep>({
  name: 'payment submission',
  states: [null, 'PENDING', 'CONFIRMED', 'REJECTED'],
  initial: [null],
  final: ['CONFIRMED', 'REJECTED'],
  transitions: {
    // A storefront's partner key may submit for the orders of its channel.
    submit: { from: [null], to: 'PENDING', roles: [...DECIDE, 'PARTNER'], mutation: 'paymentSubmissionCreate', description: 'The buyer says they paid.' },
    confirm: { from: ['PENDING'], to: 'CONFIRMED', roles: DECIDE, mutation: 'paymentSubmissionConfirm', description: 'The money arrived: the payment is recorded.' },
    reject: { from: ['PENDING'], to: 'REJECTED', roles: DECIDE, mutation: 'paymentSubmissionReject', description: 'The money did not arrive or does not match.' },
  },
});

export const paymentSubmissionMachine = stateMachine(PAYMENT_SUBMISSION_LIFECYCLE);
