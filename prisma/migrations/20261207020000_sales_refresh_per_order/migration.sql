-- 20261207020000_sales_refresh_per_order: no schema change; the sales facts' refresh.
--
-- Before, every refresh planned its statements afresh for the ids it was given (custom
-- plans of a set of orders: about 2 ms a call, nearly all of it planning), and a new order
-- was refreshed three times in its transaction (its row, its lines, its adjustments).
-- Now each order is refreshed on its own, by statements keyed by one id that keep one
-- plan per connection, an unchanged order writes nothing, and a new order is refreshed
-- once, at commit, with whatever its transaction added to it.

CREATE OR REPLACE FUNCTION "order_sales_refresh"(ids integer[], known_only boolean) RETURNS void
  LANGUAGE plpgsql
  AS $$
DECLARE
  one integer;
  fresh "OrderSalesFact";
  old "OrderSalesFact";
  has_fresh boolean;
  has_old boolean;
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  -- The orders are locked first: two transactions refreshing one order would otherwise both
  -- take off the same old figures, and a fact row another transaction is writing is waited for.
  -- An order this transaction wrote (inserted or updated) is held by it already, and a fact
  -- row is only written under its order's lock: it is not locked again (a lock is a write).
  PERFORM 1 FROM "Order" o WHERE o."id" = ANY(ids) AND o.xmin <> pg_current_xact_id()::xid ORDER BY o."id" FOR NO KEY UPDATE;
  -- Lines, adjustments and refunds change only the figures of orders that have some: an order
  -- outside the counted set has none, and one inserted in this transaction gets them at commit.
  IF known_only THEN
    ids := ARRAY(SELECT f."orderId" FROM "OrderSalesFact" f WHERE f."orderId" = ANY(ids) ORDER BY 1);
  END IF;
  FOREACH one IN ARRAY ids LOOP
    SELECT f.* INTO fresh FROM "order_sales_facts"(ARRAY[one]) f;
    has_fresh := FOUND;
    SELECT f.* INTO old FROM "OrderSalesFact" f WHERE f."orderId" = one;
    has_old := FOUND;
    CONTINUE WHEN has_fresh = has_old AND (NOT has_fresh OR fresh = old);
    INSERT INTO "SalesHour" AS h ("tenantId", "hour", "channel", "slot", "orders", "units", "unitsReturned", "gross",
      "itemDiscounts", "returns", "cost", "uncostedUnits", "grandTotal", "netTotal", "refunds", "shipping", "discount",
      "shippingDiscount", "tax", "codFee", "insurance", "packing", "otherCost")
    SELECT c."tenantId", c."hour", c."channel", "order_status_count_slot"(), sum(c."sign")::integer,
           sum(c."sign" * c."units")::integer, sum(c."sign" * c."unitsReturned")::integer, sum(c."sign" * c."gross"),
           sum(c."sign" * c."itemDiscounts"), sum(c."sign" * c."returns"), sum(c."sign" * c."cost"),
           sum(c."sign" * c."uncostedUnits")::integer, sum(c."sign" * c."grandTotal"), sum(c."sign" * c."netTotal"),
           sum(c."sign" * c."refunds"), sum(c."sign" * c."shipping"), sum(c."sign" * c."discount"),
           sum(c."sign" * c."shippingDiscount"), sum(c."sign" * c."tax"), sum(c."sign" * c."codFee"),
           sum(c."sign" * c."insurance"), sum(c."sign" * c."packing"), sum(c."sign" * c."otherCost")
      FROM (SELECT (fresh).*, 1 AS "sign" WHERE has_fresh
            UNION ALL
            SELECT (old).*, -1 WHERE has_old) c
     -- A tenant being deleted (its row gone in this transaction) has no hours left to keep.
     WHERE EXISTS (SELECT 1 FROM "Tenant" t WHERE t."id" = c."tenantId")
     GROUP BY c."tenantId", c."hour", c."channel"
     ORDER BY c."tenantId", c."hour", c."channel"
    ON CONFLICT ("tenantId", "hour", "channel", "slot") DO UPDATE SET
      "orders" = h."orders" + EXCLUDED."orders", "units" = h."units" + EXCLUDED."units",
      "unitsReturned" = h."unitsReturned" + EXCLUDED."unitsReturned", "gross" = h."gross" + EXCLUDED."gross",
      "itemDiscounts" = h."itemDiscounts" + EXCLUDED."itemDiscounts", "returns" = h."returns" + EXCLUDED."returns",
      "cost" = h."cost" + EXCLUDED."cost", "uncostedUnits" = h."uncostedUnits" + EXCLUDED."uncostedUnits",
      "grandTotal" = h."grandTotal" + EXCLUDED."grandTotal", "netTotal" = h."netTotal" + EXCLUDED."netTotal",
      "refunds" = h."refunds" + EXCLUDED."refunds", "shipping" = h."shipping" + EXCLUDED."shipping",
      "discount" = h."discount" + EXCLUDED."discount", "shippingDiscount" = h."shippingDiscount" + EXCLUDED."shippingDiscount",
      "tax" = h."tax" + EXCLUDED."tax", "codFee" = h."codFee" + EXCLUDED."codFee",
      "insurance" = h."insurance" + EXCLUDED."insurance", "packing" = h."packing" + EXCLUDED."packing",
      "otherCost" = h."otherCost" + EXCLUDED."otherCost";
    IF has_old THEN DELETE FROM "OrderSalesFact" f WHERE f."orderId" = one; END IF;
    IF has_fresh THEN INSERT INTO "OrderSalesFact" SELECT (fresh).*; END IF;
  END LOOP;
END $$;

-- The one-argument form other triggers and callers use: every order named.
CREATE OR REPLACE FUNCTION "order_sales_refresh"(ids integer[]) RETURNS void
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM "order_sales_refresh"(ids, false);
END $$;

-- Lines and adjustments: only orders that have figures.
CREATE OR REPLACE FUNCTION "order_sales_rows_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "order_sales_refresh"(ARRAY(SELECT DISTINCT "orderId" FROM inserted WHERE "orderId" IS NOT NULL ORDER BY 1), true);
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION "order_sales_rows_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "order_sales_refresh"(ARRAY(SELECT DISTINCT "orderId" FROM deleted WHERE "orderId" IS NOT NULL ORDER BY 1), true);
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION "order_sales_row_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "order_sales_refresh"(ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[OLD."orderId", NEW."orderId"]) x WHERE x IS NOT NULL ORDER BY x), true);
  RETURN NULL;
END $$;

-- A new order: at commit, once (deferred), whatever was added to it in its transaction.
CREATE OR REPLACE FUNCTION "order_sales_order_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "order_sales_refresh"(ARRAY[NEW."id"], false);
  RETURN NULL;
END $$;
DROP TRIGGER "Order_sales_insert" ON "Order";
DROP FUNCTION "order_sales_orders_inserted"();
CREATE CONSTRAINT TRIGGER "Order_sales_insert" AFTER INSERT ON "Order"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "order_sales_order_inserted"();
