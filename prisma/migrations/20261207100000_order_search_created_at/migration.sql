-- Each search document carries its order's creation time, indexed with the tenant and the
-- order's id: the order list's own order. A search box asks for the list's first page, newest
-- first; for a term that thousands of documents hold, the statement checks the newest orders'
-- documents first, in that index's order, and finds every match only when those do not fill
-- the page (src/orders/order-search.ts).

-- The documents are written again, oldest order first, as the orders come: so the newest
-- documents sit together at the table's end (an UPDATE of every row would scatter them), and
-- the trigram index is built once from all rows, as the first migration built it.
DROP INDEX "OrderSearch_document_trgm_idx";
TRUNCATE "OrderSearch";
ALTER TABLE "OrderSearch" ADD COLUMN "createdAt" TIMESTAMPTZ(3) NOT NULL;

-- The documents' rows hold the creation time too (a new return type: dropped and made again;
-- the triggers call order_search_refresh, which names it at run time).
DROP FUNCTION "order_search_documents"(integer[]);
CREATE FUNCTION "order_search_documents"(ids integer[])
  RETURNS TABLE ("orderId" integer, "tenantId" integer, "createdAt" timestamptz(3), "document" text)
  LANGUAGE plpgsql STABLE
  AS $$
BEGIN
  RETURN QUERY SELECT o."id", o."tenantId", o."createdAt", lower(concat_ws(E'\n', o."code", o."externalRef",
    (SELECT concat_ws(E'\n', c."name", c."phone") FROM "Customer" c WHERE c."id" = o."customerId"),
    (SELECT string_agg(concat_ws(E'\n', p."name", p."phone"), E'\n' ORDER BY p."id") FROM "OrderParty" p WHERE p."orderId" = o."id"),
    (SELECT string_agg(i."sku", E'\n' ORDER BY i."id") FROM "OrderItem" i WHERE i."orderId" = o."id"),
    (SELECT string_agg(s."trackingNumber", E'\n' ORDER BY s."id") FROM "Shipment" s WHERE s."orderId" = o."id")))
    FROM "Order" o
   WHERE o."id" = ANY(ids);
END $$;

CREATE OR REPLACE FUNCTION "order_search_refresh"(ids integer[], known_only boolean) RETURNS void
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF known_only THEN
    ids := ARRAY(SELECT s."orderId" FROM "OrderSearch" s WHERE s."orderId" = ANY(ids));
    IF cardinality(ids) = 0 THEN RETURN; END IF;
    PERFORM 1 FROM "Order" WHERE "id" = ANY(ids) ORDER BY "id" FOR NO KEY UPDATE;
  END IF;
  INSERT INTO "OrderSearch" AS s ("orderId", "tenantId", "createdAt", "document")
  SELECT d."orderId", d."tenantId", d."createdAt", d."document" FROM "order_search_documents"(ids) d ORDER BY d."orderId"
  ON CONFLICT ("orderId") DO UPDATE SET "createdAt" = EXCLUDED."createdAt", "document" = EXCLUDED."document"
   WHERE (s."createdAt", s."document") IS DISTINCT FROM (EXCLUDED."createdAt", EXCLUDED."document");
END $$;

-- An order's creation time is part of its document's row now.
DROP TRIGGER "Order_search_update" ON "Order";
CREATE TRIGGER "Order_search_update" AFTER UPDATE ON "Order" FOR EACH ROW
  WHEN ((OLD."code", OLD."externalRef", OLD."customerId", OLD."createdAt") IS DISTINCT FROM (NEW."code", NEW."externalRef", NEW."customerId", NEW."createdAt"))
  EXECUTE FUNCTION "order_search_order_updated"();

INSERT INTO "OrderSearch" ("orderId", "tenantId", "createdAt", "document")
SELECT d."orderId", d."tenantId", d."createdAt", d."document" FROM "order_search_documents"(ARRAY(SELECT "id" FROM "Order")) d
 ORDER BY d."createdAt", d."orderId";

-- CreateIndex
CREATE INDEX "OrderSearch_document_trgm_idx" ON "OrderSearch" USING GIN ("document" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "OrderSearch_tenantId_createdAt_orderId_idx" ON "OrderSearch"("tenantId", "createdAt", "orderId");
