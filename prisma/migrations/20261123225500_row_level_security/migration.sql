-- Row-level security by tenant: a second wall behind the application's own
-- `tenantId` filters. Every tenant-owned table (and Tenant itself) lets a role that
-- is subject to RLS (not the tables' owner, not a superuser, no BYPASSRLS) see and
-- write only the rows of the tenant in the session setting `app.tenant_id`, which
-- the server's connection pool sets (src/db/tenant-pool.ts). Without the setting no
-- row matches. The owner (migrations, scripts) is not subject to these policies:
-- RLS is enabled, not forced. README "Row-level security" says how to set up roles.

-- The session's tenant; NULL when unset or '' (then `"tenantId" = NULL` matches no row).
CREATE FUNCTION "current_tenant_id"() RETURNS integer
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::integer $$;

-- The API key of a request is looked up by its hash before the tenant is known. This
-- function answers that one question as the owner, for whoever knows the hash, so
-- the ApiKey table itself stays behind its tenant policy like every other table.
CREATE FUNCTION "api_key_by_hash"(key_hash text)
  RETURNS TABLE ("id" integer, "tenantId" integer, "role" "Role", "name" text, "expiresAt" timestamptz, "revokedAt" timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path FROM CURRENT
  AS $$ SELECT k."id", k."tenantId", k."role", k."name", k."expiresAt", k."revokedAt" FROM "ApiKey" k WHERE k."hash" = key_hash $$;

-- `(SELECT current_tenant_id())` is evaluated once per statement (an InitPlan), not per row.
ALTER TABLE "Tenant" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "Tenant"
  USING ("id" = (SELECT current_tenant_id())) WITH CHECK ("id" = (SELECT current_tenant_id()));

ALTER TABLE "ApiKey" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "ApiKey"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "Region" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "Region"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "Courier" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "Courier"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "BankAccount" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "BankAccount"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "Supplier" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "Supplier"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "Warehouse" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "Warehouse"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "ProductCategory" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "ProductCategory"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "Product" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "Product"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "Variation" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "Variation"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "VariationPrice" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "VariationPrice"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "WholesalePrice" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "WholesalePrice"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "CustomerCategory" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "CustomerCategory"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "Customer" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "Customer"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "CustomerAddress" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "CustomerAddress"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "StockLevel" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "StockLevel"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "StockMovement" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "StockMovement"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "OrderSource" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "OrderSource"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "OrderReason" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "OrderReason"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "Order" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "Order"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "OrderParty" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "OrderParty"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "OrderItem" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "OrderItem"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "OrderItemAllocation" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "OrderItemAllocation"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "OrderAdjustment" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "OrderAdjustment"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "OrderEvent" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "OrderEvent"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "Comment" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "Comment"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "CancellationRequest" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "CancellationRequest"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "OrderReturn" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "OrderReturn"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "OrderReturnLine" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "OrderReturnLine"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "Shipment" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "Shipment"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "ShipmentEvent" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "ShipmentEvent"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
ALTER TABLE "Payment" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "Payment"
  USING ("tenantId" = (SELECT current_tenant_id())) WITH CHECK ("tenantId" = (SELECT current_tenant_id()));
