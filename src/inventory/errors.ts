// Expected failures of stock changes.
import { DomainError } from '../shared/errors.js';

/** A change would take on-hand or available stock below zero. */
export class InsufficientStockError extends DomainError {
  readonly code = 'INSUFFICIENT_STOCK';
  constructor(
    readonly variationId: number,
    readonly warehouseId: number,
    readonly requested: number,
    readonly available: number,
  ) {
    super(`Not enough stock of variation ${variationId} in warehouse ${warehouseId}: ${requested} requested, ${available} available`);
  }
}
