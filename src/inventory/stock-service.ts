// Manual stock changes (seed 002 update-stock / sync-stock): adjust, move between
// warehouses, set a counted figure (compare-and-set). All of them go through
// changeStock, the only writer of StockLevel, so the ledger always sums to on hand.
//
// Locks, always in this order so concurrent requests cannot deadlock:
//   1. the warehouses FOR SHARE, by id (a delete or deactivation waits for them);
//   2. the stock rows, in the ledger's global order (changeStock's UPDATE, or lockStockRows first).
import { assertWarehousesAllowed } from '../auth/key-scope.js';
import type { StockMovementKind } from '../db/generated/prisma/enums.js';
import { transaction, type TransactionScope } from '../db/transaction.js';
import { DomainError, NotFoundError, ValidationError } from '../shared/errors.js';
import { checkText, Problems, type InputPath } from '../shared/validation.js';
import { StockCountConflictError, StockNotTrackedError, WarehouseInactiveError } from './errors.js';
import { changeStock, changeStocks, lockStockRows } from './stock-ledger.js';
import type { InventoryDeps } from './warehouse-service.js';

/** Largest number of units one request may add, take or set (keeps on hand far from the int limit). */
export const MAX_STOCK_QUANTITY = 100_000_000;
/** Lines per stockAdjustMany call. */
export const MAX_ADJUST_LINES = 100;

export interface StockAdjustInput {
  variationId: number;
  warehouseId: number;
  /** Positive adds, negative subtracts. */
  quantity: number;
  reason: string;
}

export interface StockMoveInput {
  variationId: number;
  fromWarehouseId: number;
  toWarehouseId: number;
  quantity: number;
  reason: string;
}

export interface StockSetInput {
  variationId: number;
  warehouseId: number;
  /** The counted figure. */
  quantity: number;
  /** The on-hand figure the count started from. */
  expected: number;
  reason?: string | null;
}

export interface StockChanged {
  variationId: number;
  /** Warehouses whose stock changed, in the order of `movementIds`. */
  warehouseIds: number[];
  movementIds: number[];
  /** stockSet: on hand before the count. */
  previousOnHand?: number;
}

/** Largest on-hand figure a stock row can hold (a PostgreSQL integer). */
export const MAX_ON_HAND = 2_147_483_647;

/** PostgreSQL "integer out of range" (22003), as the Prisma driver adapter reports it. */
function isIntegerOverflow(error: unknown): boolean {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } } | null)?.meta;
  return meta?.driverAdapterError?.cause?.originalCode === '22003';
}

/** Runs one stock write; an on-hand figure past the integer limit becomes a problem at `path` instead of a driver error. */
async function withinLimits<T>(path: InputPath, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isIntegerOverflow(error)) throw new ValidationError([{ path: path.map(String), message: `would take on hand above ${MAX_ON_HAND} units` }]);
    throw error;
  }
}

function checkQuantity(problems: Problems, path: InputPath, value: number, options: { min: number; nonZero?: boolean }) {
  if (!Number.isSafeInteger(value)) problems.add(path, 'must be a whole number');
  else if (options.nonZero && value === 0) problems.add(path, 'must not be zero');
  else if (value < options.min) problems.add(path, options.min === 0 ? 'must not be negative' : `must be at least ${options.min}`);
  else if (Math.abs(value) > MAX_STOCK_QUANTITY) problems.add(path, `must be at most ${MAX_STOCK_QUANTITY} units`);
}

/** The variation of this tenant, with stock tracked (OWN); NotFoundError or StockNotTrackedError otherwise. */
async function trackedVariation(scope: TransactionScope, tenantId: number, variationId: number): Promise<void> {
  const variation = await scope.tx.variation.findFirst({
    where: { id: variationId, tenantId },
    select: { id: true, product: { select: { stockType: true } } },
  });
  if (!variation) throw new NotFoundError('Variation', String(variationId));
  if (variation.product.stockType !== 'OWN') throw new StockNotTrackedError(variationId, variation.product.stockType);
}

/**
 * Locks the tenant's warehouses FOR SHARE in id order and returns whether each is
 * active; NotFoundError for one that is not the tenant's.
 */
async function lockWarehouses(scope: TransactionScope, tenantId: number, warehouseIds: number[]): Promise<Map<number, boolean>> {
  const ids = [...new Set(warehouseIds)].sort((a, b) => a - b);
  const rows = await scope.tx.$queryRaw<Array<{ id: number; isActive: boolean }>>`
    SELECT "id", "isActive" FROM "Warehouse"
     WHERE "tenantId" = ${tenantId} AND "id" = ANY(${ids}::int[])
     ORDER BY "id" FOR SHARE`;
  const active = new Map(rows.map((r) => [Number(r.id), r.isActive]));
  for (const id of warehouseIds) if (!active.has(id)) throw new NotFoundError('Warehouse', String(id));
  return active;
}

/** Warehouses a new variation may start with stock in. */
export const MAX_INITIAL_STOCK = 50;

export interface InitialStock {
  warehouseId: number;
  onHand: number;
}

/** Checks a new variation's first stock: each figure 0 or more, each warehouse once. */
export function checkInitialStock(problems: Problems, path: InputPath, entries: readonly InitialStock[]): void {
  problems.check(entries.length <= MAX_INITIAL_STOCK, path, `at most ${MAX_INITIAL_STOCK} warehouses`);
  const seen = new Set<number>();
  for (const [index, entry] of entries.entries()) {
    checkQuantity(problems, [...path, index, 'onHand'], entry.onHand, { min: 0 });
    problems.check(!seen.has(entry.warehouseId), [...path, index, 'warehouse'], 'names a warehouse already given for this variation');
    seen.add(entry.warehouseId);
  }
}

/**
 * New variations' first stock, in the caller's transaction: the warehouses must be the
 * tenant's, active and allowed to the key; one ADJUSTMENT movement per stock row
 * ("Initial stock"), the rows taken in the ledger's order.
 */
export async function putInitialStock(scope: TransactionScope, deps: InventoryDeps, entries: ReadonlyArray<InitialStock & { variationId: number }>): Promise<void> {
  if (!entries.length) return;
  const warehouseIds = [...new Set(entries.map((e) => e.warehouseId))];
  assertWarehousesAllowed(deps.viewer, warehouseIds);
  const active = await lockWarehouses(scope, deps.tenantId, warehouseIds);
  for (const id of warehouseIds) if (!active.get(id)) throw new WarehouseInactiveError(id);
  await changeStocks(
    scope,
    entries.map((e) => ({
      tenantId: deps.tenantId,
      variationId: e.variationId,
      warehouseId: e.warehouseId,
      onHandDelta: e.onHand,
      reservedDelta: 0,
      kind: 'ADJUSTMENT' as const,
      description: 'Initial stock',
      actor: deps.viewer.actor,
    })),
  );
}

function validateAdjust(input: StockAdjustInput, path: InputPath = []) {
  const problems = new Problems();
  checkQuantity(problems, [...path, 'quantity'], input.quantity, { min: -MAX_STOCK_QUANTITY, nonZero: true });
  const reason = checkText(problems, [...path, 'reason'], input.reason, { required: true, max: 500 });
  problems.throwIfAny();
  return reason!;
}

async function applyAdjust(scope: TransactionScope, deps: InventoryDeps, input: StockAdjustInput, reason: string): Promise<StockChanged> {
  assertWarehousesAllowed(deps.viewer, [input.warehouseId]);
  await trackedVariation(scope, deps.tenantId, input.variationId);
  const active = await lockWarehouses(scope, deps.tenantId, [input.warehouseId]);
  if (input.quantity > 0 && !active.get(input.warehouseId)) throw new WarehouseInactiveError(input.warehouseId);
  const { movementId } = await changeStock(scope, {
    tenantId: deps.tenantId,
    variationId: input.variationId,
    warehouseId: input.warehouseId,
    onHandDelta: input.quantity,
    reservedDelta: 0,
    kind: 'ADJUSTMENT',
    description: reason,
    actor: deps.viewer.actor,
  });
  return { variationId: input.variationId, warehouseIds: [input.warehouseId], movementIds: [movementId] };
}

/** Adds (positive) or subtracts (negative) units with a reason: one ADJUSTMENT movement. */
export function adjustStock(deps: InventoryDeps, input: StockAdjustInput): Promise<StockChanged> {
  const reason = validateAdjust(input);
  return withinLimits(['quantity'], () => transaction(deps, (scope) => applyAdjust(scope, deps, input, reason)));
}

export type StockAdjustLineResult = { index: number; changed: StockChanged; error?: undefined } | { index: number; changed?: undefined; error: DomainError };

/**
 * Seed 002 update-stock: several adjustments in one call, each line on its own
 * (its own transaction): a refused line writes nothing and does not stop the others.
 * Problem paths start at the line: ["lines", 2, "quantity"].
 */
export async function adjustStockMany(deps: InventoryDeps, lines: StockAdjustInput[]): Promise<StockAdjustLineResult[]> {
  const problems = new Problems();
  if (lines.length === 0) problems.add(['lines'], 'must hold at least one line');
  if (lines.length > MAX_ADJUST_LINES) problems.add(['lines'], `must hold at most ${MAX_ADJUST_LINES} lines`);
  problems.throwIfAny();
  const results: StockAdjustLineResult[] = [];
  for (const [index, line] of lines.entries()) {
    try {
      const reason = validateAdjust(line, ['lines', index]);
      const changed = await withinLimits(['lines', index, 'quantity'], () => transaction(deps, (scope) => applyAdjust(scope, deps, line, reason)));
      results.push({ index, changed });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ index, error });
    }
  }
  return results;
}

/**
 * Moves units between two warehouses of the tenant in one transaction: a
 * TRANSFER_OUT and a TRANSFER_IN movement. Only available units (not reserved)
 * can leave; the destination must be active.
 */
export function moveStock(deps: InventoryDeps, input: StockMoveInput): Promise<StockChanged> {
  const problems = new Problems();
  checkQuantity(problems, ['quantity'], input.quantity, { min: 1 });
  if (input.fromWarehouseId === input.toWarehouseId) problems.add(['to'], 'must be another warehouse than "from"');
  const reason = checkText(problems, ['reason'], input.reason, { required: true, max: 500 });
  problems.throwIfAny();
  return withinLimits(['quantity'], () => transaction(deps, (scope) => applyMove(scope, deps, input, reason!)));
}

async function applyMove(scope: TransactionScope, deps: InventoryDeps, input: StockMoveInput, reason: string): Promise<StockChanged> {
  const { tenantId } = deps;
  const { variationId, fromWarehouseId, toWarehouseId, quantity } = input;
  assertWarehousesAllowed(deps.viewer, [fromWarehouseId, toWarehouseId]);
  await trackedVariation(scope, tenantId, variationId);
  const active = await lockWarehouses(scope, tenantId, [fromWarehouseId, toWarehouseId]);
  if (!active.get(toWarehouseId)) throw new WarehouseInactiveError(toWarehouseId);
  // Both rows locked in warehouse id order before either changes: moves in opposite directions cannot deadlock.
  await lockStockRows(scope, tenantId, variationId, [fromWarehouseId, toWarehouseId]);
  const common = { tenantId, variationId, reservedDelta: 0, description: reason, actor: deps.viewer.actor };
  const out = await changeStock(scope, { ...common, warehouseId: fromWarehouseId, onHandDelta: -quantity, kind: 'TRANSFER_OUT' });
  const into = await changeStock(scope, { ...common, warehouseId: toWarehouseId, onHandDelta: quantity, kind: 'TRANSFER_IN' });
  return { variationId, warehouseIds: [fromWarehouseId, toWarehouseId], movementIds: [out.movementId, into.movementId] };
}

/**
 * Seed 002 sync-stock, made safe: sets on hand to a counted figure only if it is
 * still `expected` (else StockCountConflictError, nothing written). One COUNT
 * movement with the difference, also when it is zero (the count is history).
 */
export function setStock(deps: InventoryDeps, input: StockSetInput): Promise<StockChanged> {
  const problems = new Problems();
  checkQuantity(problems, ['quantity'], input.quantity, { min: 0 });
  checkQuantity(problems, ['expected'], input.expected, { min: 0 });
  const reason = checkText(problems, ['reason'], input.reason, { max: 500 });
  problems.throwIfAny();
  return transaction(deps, async (scope) => {
    const { tenantId } = deps;
    const { variationId, warehouseId, quantity, expected } = input;
    assertWarehousesAllowed(deps.viewer, [warehouseId]);
    await trackedVariation(scope, tenantId, variationId);
    const active = await lockWarehouses(scope, tenantId, [warehouseId]);
    const onHand = (await lockStockRows(scope, tenantId, variationId, [warehouseId])).get(warehouseId) ?? 0;
    if (onHand !== expected) throw new StockCountConflictError(variationId, warehouseId, expected, onHand);
    const delta = quantity - onHand;
    if (delta > 0 && !active.get(warehouseId)) throw new WarehouseInactiveError(warehouseId);
    const kind: StockMovementKind = 'COUNT';
    const { movementId } = await changeStock(scope, {
      tenantId,
      variationId,
      warehouseId,
      onHandDelta: delta,
      reservedDelta: 0,
      kind,
      description: reason || `Stock count: ${onHand} -> ${quantity}`,
      actor: deps.viewer.actor,
    });
    return { variationId, warehouseIds: [warehouseId], movementIds: [movementId], previousOnHand: onHand };
  });
}
