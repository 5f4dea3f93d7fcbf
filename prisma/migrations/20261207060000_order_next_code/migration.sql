-- The tenant's order-insert lock (advisory class 5001, held until the transaction ends):
-- the one place that names it. orderCreate's checks and transfer codes read under it
-- (src/orders/order-transfer-code.ts), and the day's next code takes it.
CREATE FUNCTION "order_insert_lock"(tenant integer) RETURNS void
  LANGUAGE sql VOLATILE
  AS $$ SELECT pg_advisory_xact_lock(5001, tenant) $$;

-- The day's next numbered order code of a tenant ("ORD-20261207-00042": after the highest
-- numbered code with the prefix, 5 digits at least), taken under the tenant's order-insert
-- lock. VOLATILE: in READ COMMITTED its read has a snapshot of its own, taken after the
-- lock, so it sees the code of whoever held the lock before. An insert takes the lock and
-- its code in one statement (src/orders/order-insert.ts).
CREATE FUNCTION "order_next_code"(tenant integer, prefix text) RETURNS text
  LANGUAGE plpgsql VOLATILE
  SET search_path FROM CURRENT
  AS $$
DECLARE
  last text;
  n bigint;
BEGIN
  PERFORM "order_insert_lock"(tenant);
  SELECT substr(x."code", length(prefix) + 1) INTO last FROM "Order" x
   WHERE x."tenantId" = tenant AND x."code" LIKE prefix || '%'
   ORDER BY x."code" DESC LIMIT 1;
  n := coalesce(CASE WHEN last ~ '^[0-9]{1,9}$' THEN last::bigint ELSE 0 END, 0) + 1;
  RETURN prefix || lpad(n::text, greatest(5, length(n::text)), '0');
END
$$;
