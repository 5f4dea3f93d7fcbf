// Expected failures of the courier catalogue.
import { DomainError } from '../shared/errors.js';

/** The tenant already has a courier with this code. */
export class DuplicateCourierError extends DomainError {
  readonly code = 'DUPLICATE_COURIER';
  constructor(
    readonly courierCode: string,
    readonly existingId: number | null,
  ) {
    super(`A courier with code "${courierCode}" already exists`);
  }
}
