// Expected failures of the sales force: teams, reps, visit statuses and visits.
import { DomainError } from '../shared/errors.js';

/** The tenant already has a sales team with this name. */
export class DuplicateSalesTeamError extends DomainError {
  readonly code = 'DUPLICATE_SALES_TEAM';
  constructor(
    readonly teamName: string,
    readonly existingId: number | null,
  ) {
    super(`A sales team named "${teamName}" already exists`);
  }
}

/** The tenant already has a visit status with this name. */
export class DuplicateVisitStatusError extends DomainError {
  readonly code = 'DUPLICATE_VISIT_STATUS';
  constructor(
    readonly statusName: string,
    readonly existingId: number | null,
  ) {
    super(`A visit status named "${statusName}" already exists`);
  }
}

/** A visit was recorded without a status and the tenant has no active status of type ORDER to default to. */
export class NoDefaultVisitStatusError extends DomainError {
  readonly code = 'NO_DEFAULT_VISIT_STATUS';
  constructor() {
    super('No status given and no active visit status of type ORDER to default to');
  }
}
