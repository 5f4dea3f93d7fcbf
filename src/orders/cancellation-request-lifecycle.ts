// The cancellation request lifecycle declared with the generic state machine
// (src/shared/state-machine.ts) over its table in transitions.ts: none (no open
// request) -> REQUESTED -> APPROVED, REJECTED or (deadline passed) EXPIRED. A
// decided request closes; the next request starts from none again.
import type { CancellationRequestStatus, Role } from '../db/generated/prisma/enums.js';
import { defineLifecycle, stateMachine } from '../shared/state-machine.js';
import { CANCELLATION_REQUEST_TRANSITIONS, type CancellationRequestRule, type CancellationRequestTransitionName } from './transitions.js';

/** The table's own columns besides the state machine's. */
type Extra = Pick<CancellationRequestRule, 'orderFrom' | 'orderTransition' | 'input' | 'seeds' | 'description'>;

export const CANCELLATION_REQUEST_LIFECYCLE = defineLifecycle<CancellationRequestStatus | null, Role, Extra, CancellationRequestTransitionName>({
  name: 'cancellation request',
  states: [null, 'REQUESTED', 'APPROVED', 'REJECTED', 'EXPIRED'],
  initial: [null],
  final: ['APPROVED', 'REJECTED', 'EXPIRED'],
  transitions: CANCELLATION_REQUEST_TRANSITIONS,
});

export const cancellationRequestMachine = stateMachine(CANCELLATION_REQUEST_LIFECYCLE);
