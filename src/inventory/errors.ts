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

/** Another warehouse of the tenant already has this code. */
export class DuplicateWarehouseCodeError extends DomainError {
  readonly code = 'DUPLICATE_WAREHOUSE_CODE';
  constructor(
    readonly warehouseCode: string,
    /** The warehouse holding the code, when known (null when a concurrent create won). */
    readonly existingWarehouseId: number | null,
  ) {
    super(`A warehouse with code "${warehouseCode}" already exists`);
  }
}

/** A warehouse that holds stock or order allocations cannot be deleted (deactivate it instead). */
export class WarehouseInUseError extends DomainError {
  readonly code = 'WAREHOUSE_IN_USE';
  constructor(
    readonly warehouseId: number,
    /** Units on hand over all variations. */
    readonly onHand: number,
    /** Allocations of orders that are not completed, cancelled or returned. */
    readonly openAllocations: number,
    /** Allocations of finished orders: their history names the warehouse. */
    readonly closedAllocations: number,
  ) {
    const reasons = [
      onHand > 0 ? `holds ${onHand} units` : null,
      openAllocations > 0 ? `has ${openAllocations} open order allocations` : null,
      closedAllocations > 0 ? `is named by ${closedAllocations} allocations of finished orders` : null,
    ].filter(Boolean);
    super(`Warehouse ${warehouseId} ${reasons.join(', ')}; deactivate it instead of deleting`);
  }
}

/** The warehouse is inactive and takes no stock in. */
export class WarehouseInactiveError extends DomainError {
  readonly code = 'WAREHOUSE_INACTIVE';
  constructor(readonly warehouseId: number) {
    super(`Warehouse ${warehouseId} is inactive and takes no stock in`);
  }
}

/** The variation's product is SUPPLIER or PREORDER: its stock is not counted. */
export class StockNotTrackedError extends DomainError {
  readonly code = 'STOCK_NOT_TRACKED';
  constructor(
    readonly variationId: number,
    readonly stockType: string,
  ) {
    super(`Variation ${variationId} is of a ${stockType} product; only OWN stock is counted`);
  }
}

/** stockSet: the on-hand figure is no longer the one the count started from. */
export class StockCountConflictError extends DomainError {
  readonly code = 'STOCK_COUNT_CONFLICT';
  constructor(
    readonly variationId: number,
    readonly warehouseId: number,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`Stock of variation ${variationId} in warehouse ${warehouseId} is ${actual}, not the expected ${expected}`);
  }
}
