// Expected failures of the bank account catalogue.
import { DomainError } from '../shared/errors.js';

/** The tenant already has an account with this bank (case aside) and account number. */
export class DuplicateBankAccountError extends DomainError {
  readonly code = 'DUPLICATE_BANK_ACCOUNT';
  constructor(
    readonly bankName: string,
    readonly accountNumber: string,
    readonly existingId: number | null,
  ) {
    super(`A ${bankName} account with number ${accountNumber} already exists`);
  }
}
