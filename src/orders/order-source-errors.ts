// Expected failures of the order source catalogue.
import { DomainError } from '../shared/errors.js';

/** The tenant already has an order source with this name (compared case-insensitively). */
export class DuplicateOrderSourceError extends DomainError {
  readonly code = 'DUPLICATE_ORDER_SOURCE';
  constructor(
    readonly sourceName: string,
    readonly existingId: number | null,
  ) {
    super(`An order source named "${sourceName}" already exists`);
  }
}
