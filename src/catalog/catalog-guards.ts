// Checks shared by the product and variation writes, run inside their transaction:
// references of the tenant, free SKUs (and the unique-index race turned into
// DuplicateSkuError), and whether variations may be deleted.
import type { TransactionDeps, TransactionScope } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { DuplicateSkuError, VariationHasStockError, VariationInOrderHistoryError, VariationInUseError } from './errors.js';
import { isUniqueViolation } from '../db/faults.js';

export interface CatalogDeps extends TransactionDeps {
  tenantId: number;
  viewer: { actor: string };
}

/** Orders in these states hold nothing: their lines are history. */
export const CLOSED_ORDER_STATUSES = ['COMPLETED', 'CANCELLED', 'RETURNED'] as const;

export interface SkuEntry {
  sku: string;
  /** Input path of the SKU, for DuplicateSkuError. */
  path: string[];
  /** The variation being updated (its own SKU is not a clash). */
  variationId?: number;
}

/**
 * A category and a supplier given as references must be the tenant's. Their rows
 * are locked FOR KEY SHARE: a concurrent delete of either waits for this write and
 * then sees the product, or went first and this finds nothing (NotFound).
 */
export async function checkProductReferences(
  scope: TransactionScope,
  tenantId: number,
  refs: { categoryId?: number | null; supplierId?: number | null },
): Promise<void> {
  if (refs.categoryId != null) {
    const rows = await scope.tx.$queryRaw<Array<{ id: number }>>`
      SELECT "id" FROM "ProductCategory" WHERE "id" = ${refs.categoryId} AND "tenantId" = ${tenantId} FOR KEY SHARE`;
    if (!rows.length) throw new NotFoundError('ProductCategory', String(refs.categoryId));
  }
  if (refs.supplierId != null) {
    const rows = await scope.tx.$queryRaw<Array<{ id: number }>>`
      SELECT "id" FROM "Supplier" WHERE "id" = ${refs.supplierId} AND "tenantId" = ${tenantId} FOR KEY SHARE`;
    if (!rows.length) throw new NotFoundError('Supplier', String(refs.supplierId));
  }
}

/** Throws DuplicateSkuError for the first SKU another variation of the tenant has. */
export async function checkSkusFree(scope: TransactionScope, tenantId: number, entries: SkuEntry[]): Promise<void> {
  if (!entries.length) return;
  const taken = await scope.tx.variation.findMany({
    where: { tenantId, sku: { in: entries.map((e) => e.sku) } },
    select: { id: true, sku: true },
  });
  for (const entry of entries) {
    const other = taken.find((v) => v.sku === entry.sku && v.id !== entry.variationId);
    if (other) throw new DuplicateSkuError(entry.sku, entry.path, other.id);
  }
}

/**
 * Runs a write that inserts or changes SKUs. A concurrent write that took one of
 * them between our check and our insert trips the unique index (P2002); that is
 * answered as DuplicateSkuError naming the SKU, never as a driver error.
 */
export async function withSkuRace<T>(deps: CatalogDeps, entries: SkuEntry[], write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error) || !entries.length) throw error;
    const taken = await deps.prisma.variation.findMany({
      where: { tenantId: deps.tenantId, sku: { in: entries.map((e) => e.sku) } },
      select: { id: true, sku: true },
    });
    const clash = entries.find((e) => taken.some((v) => v.sku === e.sku && v.id !== e.variationId)) ?? entries[0]!;
    throw new DuplicateSkuError(clash.sku, clash.path, taken.find((v) => v.sku === clash.sku && v.id !== clash.variationId)?.id ?? null);
  }
}

/** Distinct orders per variation among the given order lines. */
function ordersPerVariation(lines: Array<{ variationId: number | null; orderId: number }>): Map<number, number> {
  const orders = new Map<number, Set<number>>();
  for (const line of lines) {
    if (line.variationId === null) continue;
    if (!orders.has(line.variationId)) orders.set(line.variationId, new Set());
    orders.get(line.variationId)!.add(line.orderId);
  }
  return new Map([...orders].map(([id, set]) => [id, set.size]));
}

/**
 * Refuses to delete variations (rows locked FOR UPDATE by the caller, so no order
 * line can be added meanwhile) that open orders reference (VariationInUseError),
 * that finished orders name (VariationInOrderHistoryError: archive instead) or
 * that hold stock (VariationHasStockError). Checked in that order, lowest id first.
 */
export async function assertVariationsDeletable(scope: TransactionScope, variations: Array<{ id: number; sku: string }>): Promise<void> {
  const ids = variations.map((v) => v.id);
  if (!ids.length) return;
  const { tx } = scope;
  const lines = await tx.orderItem.findMany({
    where: { variationId: { in: ids } },
    select: { variationId: true, orderId: true, order: { select: { status: true } } },
  });
  const closed = new Set<string>(CLOSED_ORDER_STATUSES);
  const open = ordersPerVariation(lines.filter((l) => !closed.has(l.order.status)));
  const finished = ordersPerVariation(lines.filter((l) => closed.has(l.order.status)));
  const sorted = [...variations].sort((a, b) => a.id - b.id);
  for (const v of sorted) {
    if (open.get(v.id)) throw new VariationInUseError(v.id, v.sku, open.get(v.id)!);
  }
  for (const v of sorted) {
    if (finished.get(v.id)) throw new VariationInOrderHistoryError(v.id, v.sku, finished.get(v.id)!);
  }
  const stock = await tx.stockLevel.groupBy({
    by: ['variationId'],
    where: { variationId: { in: ids } },
    _sum: { onHand: true, reserved: true },
  });
  for (const v of sorted) {
    const level = stock.find((s) => s.variationId === v.id);
    const onHand = level?._sum.onHand ?? 0;
    const reserved = level?._sum.reserved ?? 0;
    if (onHand > 0 || reserved > 0) throw new VariationHasStockError(v.id, v.sku, onHand, reserved);
  }
}
