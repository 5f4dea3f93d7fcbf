-- 20261204190222_transfers_backfill: existing data under the transfer rules of
-- the previous migration (its new enum values are usable once it committed).

-- Transfers between own warehouses and returns to a supplier owe nothing.
UPDATE "Order" SET "paymentStatus" = 'NOT_APPLICABLE', "paidAt" = NULL
 WHERE "kind" IN ('DISTRIBUTION', 'CENTRAL_DISTRIBUTION', 'RELOCATION', 'RETURN');

-- Units of transfers shipped and not yet received are in transit towards their
-- destination: one IN_TRANSIT ledger row per line, and the level's figure.
CREATE TEMPORARY TABLE "_transit" ON COMMIT DROP AS
SELECT o."tenantId", i."variationId", o."destinationWarehouseId" AS "warehouseId", o.id AS "orderId", o.code,
       sum(a."shippedQuantity")::int AS units
  FROM "Order" o
  JOIN "OrderItem" i ON i."orderId" = o.id AND NOT i."isCancelled" AND i."variationId" IS NOT NULL
  JOIN "OrderItemAllocation" a ON a."orderItemId" = i.id
 WHERE o."kind" IN ('DISTRIBUTION', 'CENTRAL_DISTRIBUTION', 'RELOCATION')
   AND o."status" = 'SHIPPED' AND o."destinationWarehouseId" IS NOT NULL
 GROUP BY 1, 2, 3, 4, 5
HAVING sum(a."shippedQuantity") > 0;

INSERT INTO "StockLevel" ("tenantId", "variationId", "warehouseId", "onHand", "reserved", "inTransit", "updatedAt")
SELECT "tenantId", "variationId", "warehouseId", 0, 0, sum(units), now() FROM "_transit" GROUP BY 1, 2, 3
    ON CONFLICT ("variationId", "warehouseId") DO UPDATE SET "inTransit" = "StockLevel"."inTransit" + EXCLUDED."inTransit";

INSERT INTO "StockMovement" ("tenantId", "variationId", "warehouseId", "kind", "quantityIn", "quantityOut", "reservedDelta", "inTransitDelta", "balance", "description", "actor", "orderId")
SELECT t."tenantId", t."variationId", t."warehouseId", 'IN_TRANSIT', 0, 0, 0, t.units, s."onHand", 'in transit: order ' || t.code, 'migration', t."orderId"
  FROM "_transit" t JOIN "StockLevel" s USING ("variationId", "warehouseId");
