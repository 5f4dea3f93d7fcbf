// Expected failures of the reason catalogue.
import { DomainError } from '../shared/errors.js';

/** The tenant already has a reason of this kind with this code. */
export class DuplicateOrderReasonError extends DomainError {
  readonly code = 'DUPLICATE_ORDER_REASON';
  constructor(
    readonly kind: string,
    readonly reasonCode: string,
    readonly existingId: number | null,
  ) {
    super(`A ${kind} reason with code "${reasonCode}" already exists`);
  }
}
