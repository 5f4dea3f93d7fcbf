// Expected failures of the customer mutations (category errors live beside the category mutations).
import { DomainError } from '../shared/errors.js';
import type { CustomerStatus } from '../db/generated/prisma/enums.js';

/** The transition does not leave from the customer's status (like the order one's InvalidTransitionError). */
export class InvalidCustomerTransitionError extends DomainError {
  readonly code = 'INVALID_CUSTOMER_TRANSITION';
  constructor(
    readonly from: CustomerStatus,
    readonly transition: string,
    /** Statuses the transition leaves from. */
    readonly allowed: readonly CustomerStatus[],
    /** Transitions that do apply to a customer in `from`. */
    readonly available: readonly string[],
  ) {
    super(`Cannot ${transition} a ${from} customer: ${transition} leaves only from ${allowed.join(', ')}`);
  }
}
