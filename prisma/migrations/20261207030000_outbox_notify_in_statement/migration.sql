-- 20261207030000_outbox_notify_in_statement: no schema change.
--
-- The relays' wake-up (NOTIFY ordergraph_outbox, naming the tenants) is sent by the
-- statement that writes a transaction's outbox rows (src/db/transaction.ts), which is the
-- only writer of OutboxEvent rows; the statement trigger, with its table of new rows, cost
-- a third of what the outbox added to a write.
DROP TRIGGER "OutboxEvent_notify" ON "OutboxEvent";
DROP FUNCTION "outbox_notify"();
