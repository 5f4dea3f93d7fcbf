// The only writer of StockLevel: every change is one conditional UPDATE (so
// concurrent requests cannot take stock below zero) plus one StockMovement row,
// inside the caller's transaction.
import type { StockMovementKind } from '../db/generated/prisma/enums.js';
import type { TransactionScope } from '../db/transaction.js';
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
export async function changeStock(scope: TransactionScope, change: StockChange): Promise<StockBalance & { movementId: number }> {
  const { tx } = scope;
  const { tenantId, variationId, warehouseId, onHandDelta, reservedDelta } = change;
  const inTransitDelta = change.inTransitDelta ?? 0;
  const update = () => tx.$queryRaw<StockBalance[]>`
    UPDATE "StockLevel"
       SET "onHand" = "onHand" + ${onHandDelta}::int, "reserved" = "reserved" + ${reservedDelta}::int,
           "inTransit" = "inTransit" + ${inTransitDelta}::int, "updatedAt" = now()
     WHERE "variationId" = ${variationId} AND "warehouseId" = ${warehouseId} AND "tenantId" = ${tenantId}
       AND "onHand" + ${onHandDelta}::int >= 0
       AND "reserved" + ${reservedDelta}::int >= 0
       AND "reserved" + ${reservedDelta}::int <= "onHand" + ${onHandDelta}::int
       AND "inTransit" + ${inTransitDelta}::int >= 0
    RETURNING "onHand", "reserved", "inTransit"`;

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
  const movement = await tx.stockMovement.create({
    select: { id: true },
    data: {
      tenantId,
      variationId,
      warehouseId,
      kind: change.kind,
      quantityIn: Math.max(onHandDelta, 0),
      quantityOut: Math.max(-onHandDelta, 0),
      reservedDelta,
      inTransitDelta,
      balance: balance.onHand,
      description: change.description ?? null,
      actor: change.actor ?? null,
      orderId: change.orderId ?? null,
    },
  });
  scope.publish('stockLevelChanged', { tenantId, variationId, warehouseId, ...balance, at: new Date().toISOString() });
  return { ...balance, movementId: movement.id };
}

function insufficient(change: StockChange, current: StockBalance): InsufficientStockError {
  const available = current.onHand - current.reserved;
  // What the caller asked to take: on-hand units out, or units to reserve.
  const requested = Math.max(-change.onHandDelta, change.reservedDelta, 0);
  return new InsufficientStockError(change.variationId, change.warehouseId, requested, Math.max(available, 0));
}
