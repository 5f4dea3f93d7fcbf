// The only writer of StockLevel: every change is one conditional UPDATE (so
// concurrent requests cannot take stock below zero) and its StockMovement row, one
// statement inside the caller's transaction.
//
// Lock order. Every transaction that writes several stock rows takes their locks
// in one global order, (variationId, warehouseId): two transactions then never wait
// on each other in a cycle (PostgreSQL would abort one as a deadlock, 40P01).
// Writers of several rows hand them over together (changeStocks, lockStockRows),
// and the ledger sorts; changeStock notes each transaction's locks and counts a
// row taken below one already held (stockLockOrderViolations), which tests check.
import type { StockMovementKind } from '../db/generated/prisma/enums.js';
import { outboxWriteSql, type TransactionScope } from '../db/transaction.js';
import type { StockLevelChanged } from '../events/topics.js';
import { InsufficientStockError } from './errors.js';

export interface StockChange {
  tenantId: number;
  variationId: number;
  warehouseId: number;
  /** Units added to (positive) or taken from (negative) on hand. */
  onHandDelta: number;
  /** Units reserved (positive) or released / shipped (negative). */
  reservedDelta: number;
  /** Units shipped towards this warehouse by a transfer (positive) or received / written off from transit (negative). */
  inTransitDelta?: number;
  kind: StockMovementKind;
  description?: string | null;
  actor?: string | null;
  orderId?: number | null;
}

/** One stock row. */
export interface StockRowKey {
  variationId: number;
  warehouseId: number;
}

/** The global lock order of stock rows: variation, then warehouse. */
export function byStockRow(a: StockRowKey, b: StockRowKey): number {
  return a.variationId - b.variationId || a.warehouseId - b.warehouseId;
}

/** Per transaction: the rows it has locked and the highest of them. */
interface HeldLocks {
  rows: Set<string>;
  highest: StockRowKey;
}
const held = new WeakMap<TransactionScope, HeldLocks>();
let violations = 0;

/** How many times a transaction locked a stock row below one it already held (0 unless a writer bypasses the sorted path). */
export function stockLockOrderViolations(): number {
  return violations;
}

function noteLock(scope: TransactionScope, key: StockRowKey): void {
  const id = `${key.variationId}:${key.warehouseId}`;
  const locks = held.get(scope);
  if (!locks) {
    held.set(scope, { rows: new Set([id]), highest: key });
    return;
  }
  if (locks.rows.has(id)) return;
  if (byStockRow(key, locks.highest) < 0) violations++;
  else locks.highest = key;
  locks.rows.add(id);
}

export interface StockBalance {
  onHand: number;
  reserved: number;
  inTransit?: number;
}

/**
 * Applies one change and writes its ledger row. The caller has checked that the
 * variation and warehouse belong to the tenant and that the variation's stock is
 * tracked (OWN). Throws InsufficientStockError when on hand would go negative or
 * reserved would exceed on hand (available below zero); nothing is written then.
 */
/**
 * A change and its ledger row in one statement ($1-$3 deltas of on hand, reserved, in
 * transit; $4 variation, $5 warehouse, $6 tenant; $7 kind, $8/$9 units in/out, $10
 * description, $11 actor, $12 order): no row is written when the UPDATE refuses. The
 * row's time is the change's (clock_timestamp), not the transaction's start.
 */
const CHANGE_CTES = `
  WITH "level" AS (
    UPDATE "StockLevel"
       SET "onHand" = "onHand" + $1::int, "reserved" = "reserved" + $2::int, "inTransit" = "inTransit" + $3::int, "updatedAt" = now()
     WHERE "variationId" = $4::int AND "warehouseId" = $5::int AND "tenantId" = $6::int
       AND "onHand" + $1::int >= 0 AND "reserved" + $2::int >= 0
       AND "reserved" + $2::int <= "onHand" + $1::int AND "inTransit" + $3::int >= 0
    RETURNING "onHand", "reserved", "inTransit", to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "at"
  ), "movement" AS (
    INSERT INTO "StockMovement" ("tenantId", "variationId", "warehouseId", "kind", "quantityIn", "quantityOut", "reservedDelta", "inTransitDelta", "balance", "description", "actor", "orderId", "createdAt")
    SELECT $6::int, $4::int, $5::int, $7::text::"StockMovementKind", $8::int, $9::int, $2::int, $3::int, l."onHand", $10::text, $11::text, $12::int, clock_timestamp()
      FROM "level" l
    RETURNING "id"
  )`;
const CHANGE_RESULT = `l."onHand", l."reserved", l."inTransit", l."at", m."id" AS "movementId" FROM "level" l, "movement" m`;
const CHANGE = `${CHANGE_CTES}\n  SELECT ${CHANGE_RESULT}`;
/** The same, writing the outbox rows published so far ($13-$18): the change's own event takes the level's figures and time. */
const CHANGE_WITH_OUTBOX = (() => {
  const outbox = outboxWriteSql(13, {
    from: `"level" l`,
    values: `jsonb_build_object('onHand', l."onHand", 'reserved', l."reserved", 'inTransit', l."inTransit", 'at', l."at")`,
  });
  return `${CHANGE_CTES}, ${outbox.cte}\n  SELECT ${CHANGE_RESULT}, ${outbox.notify} AS "notified"`;
})();

export async function changeStock(scope: TransactionScope, change: StockChange): Promise<StockBalance & { movementId: number }> {
  const { tx } = scope;
  const { tenantId, variationId, warehouseId, onHandDelta, reservedDelta } = change;
  const inTransitDelta = change.inTransitDelta ?? 0;
  noteLock(scope, change);
  const params = [
    onHandDelta,
    reservedDelta,
    inTransitDelta,
    variationId,
    warehouseId,
    tenantId,
    change.kind,
    Math.max(onHandDelta, 0),
    Math.max(-onHandDelta, 0),
    change.description ?? null,
    change.actor ?? null,
    change.orderId ?? null,
  ];
  // Published before the statement, which writes its outbox row (and those published before
  // it) with the level's figures; the live payload takes them when it answers.
  const payload: StockLevelChanged = { tenantId, variationId, warehouseId, onHand: 0, reserved: 0, inTransit: 0, at: '' };
  scope.publish('stockLevelChanged', payload, { filledInSql: true });
  const outbox = scope.takeOutbox();
  // A refused UPDATE writes nothing, outbox rows included: the same rows go with the retry.
  // A refusal that throws ends the caller's transaction (no caller goes on after one), so
  // the event queued above never leaves.
  const update = () =>
    tx.$queryRawUnsafe<Array<StockBalance & { movementId: number; at: string }>>(outbox ? CHANGE_WITH_OUTBOX : CHANGE, ...params, ...(outbox ?? []));

  let rows = await update();
  if (!rows.length) {
    const current = await tx.stockLevel.findUnique({ where: { variationId_warehouseId: { variationId, warehouseId } } });
    if (current) throw insufficient(change, current);
    // No row yet: a change that is valid from zero creates it.
    if (onHandDelta < 0 || reservedDelta < 0 || reservedDelta > onHandDelta || inTransitDelta < 0) throw insufficient(change, { onHand: 0, reserved: 0 });
    await tx.$executeRaw`
      INSERT INTO "StockLevel" ("tenantId", "variationId", "warehouseId", "onHand", "reserved", "updatedAt")
      VALUES (${tenantId}, ${variationId}, ${warehouseId}, 0, 0, now())
      ON CONFLICT ("variationId", "warehouseId") DO NOTHING`;
    rows = await update();
    if (!rows.length) throw insufficient(change, { onHand: 0, reserved: 0 });
  }
  const balance = { onHand: Number(rows[0]!.onHand), reserved: Number(rows[0]!.reserved), inTransit: Number(rows[0]!.inTransit ?? 0) };
  const movementId = Number(rows[0]!.movementId);
  Object.assign(payload, balance, { at: rows[0]!.at });
  return { ...balance, movementId };
}

/**
 * Applies several changes, taking the stock rows in the global lock order
 * (variation, warehouse; changes to one row in the order given), and returns
 * their results in the order given. The first refused change stops the rest
 * (the caller's transaction rolls back).
 */
export async function changeStocks(scope: TransactionScope, changes: readonly StockChange[]): Promise<Array<StockBalance & { movementId: number }>> {
  const order = changes.map((_, index) => index).sort((i, j) => byStockRow(changes[i]!, changes[j]!) || i - j);
  const results: Array<StockBalance & { movementId: number }> = new Array(changes.length);
  for (const index of order) results[index] = await changeStock(scope, changes[index]!);
  return results;
}

/**
 * Makes sure the stock rows of one variation exist (zero rows, rolled back with the
 * transaction on failure) and locks them FOR UPDATE in the global order, before any
 * of them changes; returns on hand per warehouse. For writers that must read a row
 * under lock first (a count) or change rows of one variation in an order of their own (a move).
 */
export async function lockStockRows(scope: TransactionScope, tenantId: number, variationId: number, warehouseIds: readonly number[]): Promise<Map<number, number>> {
  const ids = [...new Set(warehouseIds)].sort((a, b) => a - b);
  for (const warehouseId of ids) {
    await scope.tx.$executeRaw`
      INSERT INTO "StockLevel" ("tenantId", "variationId", "warehouseId", "onHand", "reserved", "updatedAt")
      VALUES (${tenantId}, ${variationId}, ${warehouseId}, 0, 0, now())
      ON CONFLICT ("variationId", "warehouseId") DO NOTHING`;
  }
  // ORDER BY is applied before the locks are taken: rows are locked in warehouse order.
  const rows = await scope.tx.$queryRaw<Array<{ warehouseId: number; onHand: number }>>`
    SELECT "warehouseId", "onHand" FROM "StockLevel"
     WHERE "variationId" = ${variationId} AND "warehouseId" = ANY(${ids}::int[])
     ORDER BY "warehouseId" FOR UPDATE`;
  for (const warehouseId of ids) noteLock(scope, { variationId, warehouseId });
  return new Map(rows.map((r) => [Number(r.warehouseId), Number(r.onHand)]));
}

function insufficient(change: StockChange, current: StockBalance): InsufficientStockError {
  const available = current.onHand - current.reserved;
  // What the caller asked to take: on-hand units out, or units to reserve.
  const requested = Math.max(-change.onHandDelta, change.reservedDelta, 0);
  return new InsufficientStockError(change.variationId, change.warehouseId, requested, Math.max(available, 0));
}
