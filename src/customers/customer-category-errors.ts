// Expected failures of the customer category mutations.
import { DomainError } from '../shared/errors.js';

/** The tenant already has a customer category with this code. */
export class DuplicateCustomerCategoryError extends DomainError {
  readonly code = 'DUPLICATE_CUSTOMER_CATEGORY';
  constructor(readonly categoryCode: string) {
    super(`A customer category with code "${categoryCode}" already exists`);
  }
}

/** A category that customers belong to, or that orders recorded, cannot be deleted; deactivate it instead. */
export class CustomerCategoryInUseError extends DomainError {
  readonly code = 'CUSTOMER_CATEGORY_IN_USE';
  constructor(
    readonly categoryCode: string,
    readonly customerCount: number,
    readonly orderCount: number,
  ) {
    super(
      `Customer category "${categoryCode}" is used by ${customerCount} customer(s) and ${orderCount} order(s); move them or deactivate it (isActive: false) instead`,
    );
  }
}
