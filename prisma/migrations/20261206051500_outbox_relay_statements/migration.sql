-- The relay's numbering step as one round trip (src/webhooks/relay.ts): it used to be a
-- transaction of six statements per tenant and round, which at thousands of requests a
-- second left the relay behind. Runs as the caller (inside the tenant's wall).
-- Returns how many events it numbered and how many deliveries it queued; none when
-- another instance holds the tenant's lock.
CREATE FUNCTION "outbox_relay_step"(tenant integer, batch integer, OUT numbered integer, OUT queued integer)
  LANGUAGE plpgsql VOLATILE
  SET search_path FROM CURRENT
  AS $$
DECLARE
  numbered_until integer;
BEGIN
  numbered := 0;
  queued := 0;
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
  SELECT (SELECT count(*)::integer FROM done), (SELECT count(*)::integer FROM queued_rows) INTO numbered, queued;
END
$$;

-- The wake-up names the tenants whose events were written ("3" or "3,7"), so a relay
-- visits them without first asking which tenants have work.
CREATE OR REPLACE FUNCTION "outbox_notify"() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM pg_notify('ordergraph_outbox', (SELECT string_agg(DISTINCT i."tenantId"::text, ',') FROM inserted i));
  RETURN NULL;
END
$$;
DROP TRIGGER "OutboxEvent_notify" ON "OutboxEvent";
CREATE TRIGGER "OutboxEvent_notify" AFTER INSERT ON "OutboxEvent" REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "outbox_notify"();
