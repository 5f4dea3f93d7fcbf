-- The relay's step also says how many enabled endpoints the tenant has (NULL when another
-- instance holds the tenant's lock): a relay leaves the commits of a tenant without any to
-- its poll, which numbers their events in batches, instead of a round per commit
-- (src/webhooks/relay.ts).
DROP FUNCTION "outbox_relay_step"(integer, integer);
CREATE FUNCTION "outbox_relay_step"(tenant integer, batch integer, OUT numbered integer, OUT queued integer, OUT endpoints integer)
  LANGUAGE plpgsql VOLATILE
  SET search_path FROM CURRENT
  AS $$
DECLARE
  numbered_until integer;
BEGIN
  numbered := 0;
  queued := 0;
  endpoints := NULL;
  -- One instance numbers a tenant's events at a time (the lock ends with the statement's transaction).
  IF NOT pg_try_advisory_xact_lock(7301, tenant) THEN
    RETURN;
  END IF;
  SELECT COALESCE(MAX(e."sequence"), 0) INTO numbered_until FROM "OutboxEvent" e WHERE e."tenantId" = tenant;
  WITH waiting AS (
    SELECT w."id", w."type", w."orderId", numbered_until + row_number() OVER (ORDER BY w."id") AS "sequence"
      FROM (SELECT e."id", e."type", e."orderId" FROM "OutboxEvent" e
             WHERE e."tenantId" = tenant AND e."relayedAt" IS NULL ORDER BY e."id" LIMIT batch) w
  ), done AS (
    UPDATE "OutboxEvent" o SET "sequence" = w."sequence", "relayedAt" = now()
      FROM waiting w WHERE o."id" = w."id"
    RETURNING o."id", o."type", o."orderId"
  ), queued_rows AS (
    -- A delivery per subscribed, enabled endpoint.
    INSERT INTO "WebhookDelivery" ("tenantId", "endpointId", "eventId", "orderId")
    SELECT tenant, p."id", n."id", n."orderId"
      FROM done n
      JOIN "WebhookEndpoint" p ON p."tenantId" = tenant AND p."enabled" AND ('*' = ANY(p."eventTypes") OR n."type" = ANY(p."eventTypes"))
     ORDER BY n."id", p."id"
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT count(*)::integer FROM done), (SELECT count(*)::integer FROM queued_rows),
         (SELECT count(*)::integer FROM "WebhookEndpoint" p WHERE p."tenantId" = tenant AND p."enabled")
    INTO numbered, queued, endpoints;
END
$$;
