// Appends to an order's history. The caller holds the order row (it has just
// updated it in this transaction), so sequence numbers cannot collide; the unique
// (orderId, sequence) index backs that up. A status change also queues the live
// event, sent after commit.
import type { OrderStatus } from '../db/generated/prisma/enums.js';
import { OUTBOX_NOTIFY, outboxWriteSql, type OutboxBatch, type OutboxFill, type TransactionScope } from '../db/transaction.js';
import type { StatementTail } from './order-insert.js';
import type { OrderEdited, Topics } from '../events/topics.js';

/** What an edit changed, as the history keeps it (the order.edited event's diff). */
export type OrderChanges = Pick<OrderEdited, 'fields' | 'lines' | 'parties' | 'adjustmentsReplaced'>;

export interface OrderEventInput {
  tenantId: number;
  orderId: number;
  /** Transition name ("confirm", "ship", ...) or "create", "edit", "place", "tags". */
  type: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  actor?: string | null;
  reason?: string | null;
  note?: string | null;
  requestId?: string | null;
  /** Edits: what changed. */
  changes?: OrderChanges | null;
}

/**
 * One statement: the next sequence of the order's history is read in the insert (raw:
 * Prisma's aggregate and create cost two statements planned and interpreted here, on
 * every transition). The outbox rows published so far, this event's among them, are
 * written by it too (OUTBOX_WITH_EVENT_INSERT): on most writes the event is the last
 * thing published, and the transaction then needs no statement of its own for them.
 */
const EVENT_VALUES = `
  SELECT r."tenantId", r."orderId",
         coalesce((SELECT max(e."sequence") FROM "OrderEvent" e WHERE e."orderId" = r."orderId"), 0) + 1,
         r."type", r."fromStatus", r."toStatus", r."actor", r."reason", r."note", r."changes", r."requestId"
    FROM json_populate_record(NULL::"OrderEvent", $1::json) r`;
const EVENT_COLUMNS = `"OrderEvent" ("tenantId", "orderId", "sequence", "type", "fromStatus", "toStatus", "actor", "reason", "note", "changes", "requestId")`;
const EVENT_INSERT = `INSERT INTO ${EVENT_COLUMNS} ${EVENT_VALUES}
  RETURNING "id", "sequence", "createdAt"`;
/** What the event's own outbox rows take from it: its id, sequence and time (as toISOString writes it). */
const EVENT_FILL = {
  from: `"event" e`,
  values: `jsonb_build_object('eventId', e."id", 'sequence', e."sequence", 'at', to_char(e."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
};
const OUTBOX_WITH_EVENT_INSERT = (() => {
  const outbox = outboxWriteSql(2, EVENT_FILL);
  return `WITH "event" AS (INSERT INTO ${EVENT_COLUMNS} ${EVENT_VALUES} RETURNING "id", "sequence", "createdAt"), ${outbox.cte}
  SELECT e."id", e."sequence", e."createdAt", ${outbox.notify} AS "notified" FROM "event" e`;
})();

export async function appendOrderEvent(scope: TransactionScope, input: OrderEventInput) {
  const row = {
    tenantId: input.tenantId,
    orderId: input.orderId,
    type: input.type,
    fromStatus: input.fromStatus,
    toStatus: input.toStatus,
    actor: input.actor ?? null,
    reason: input.reason ?? null,
    note: input.note ?? null,
    changes: input.changes ?? null,
    requestId: input.requestId ?? null,
  };
  // Published before the statement, so that it writes their outbox rows; the event's id,
  // sequence and time are placeholders until it answers (the outbox rows take them in SQL).
  const created: Topics['orderCreated'] | undefined =
    input.type === 'create' ? { tenantId: input.tenantId, orderId: input.orderId, status: input.toStatus, at: '' } : undefined;
  const changed: Topics['orderStatusChanged'] | undefined =
    input.fromStatus !== input.toStatus
      ? { tenantId: input.tenantId, orderId: input.orderId, eventId: 0, sequence: 0, transition: input.type, from: input.fromStatus, to: input.toStatus, at: '' }
      : undefined;
  if (created) scope.publish('orderCreated', created, { filledInSql: true });
  if (changed) scope.publish('orderStatusChanged', changed, { filledInSql: true });
  const outbox = scope.takeOutbox();
  const [event] = outbox
    ? await scope.tx.$queryRawUnsafe<EventRow[]>(OUTBOX_WITH_EVENT_INSERT, JSON.stringify(row), ...outbox)
    : await scope.tx.$queryRawUnsafe<EventRow[]>(EVENT_INSERT, JSON.stringify(row));
  const at = new Date(event!.createdAt).toISOString();
  if (created) created.at = at;
  if (changed) Object.assign(changed, { eventId: event!.id, sequence: event!.sequence, at });
  return event!;
}

/**
 * The tail an order statement's CTE "o" takes for its event (StatementTail, order-insert.ts):
 * the "event" CTE (`values`: its SELECT over "o" and the row's parameter, and RETURNING) and,
 * with the outbox rows published so far, their CTE filled from it; the event's id, sequence
 * and time as columns.
 */
function eventTail(values: (param: string) => string, row: object, outbox: OutboxBatch | undefined, fill: OutboxFill): StatementTail {
  return {
    ctes: (next) => {
      const event = `"event" AS (INSERT INTO ${EVENT_COLUMNS}
    ${values(`$${next}`)})`;
      if (!outbox) return { ctes: [event], params: [JSON.stringify(row)] };
      return { ctes: [event, outboxWriteSql(next + 1, fill).cte], params: [JSON.stringify(row), ...outbox] };
    },
    columns: `e."id" AS "eventId", e."sequence" AS "eventSequence", e."createdAt" AS "eventCreatedAt"${outbox ? `, ${OUTBOX_NOTIFY} AS "notified"` : ''}`,
    from: `"event" e`,
  };
}

/**
 * The create event of an order inserted by the same statement (order-insert.ts, whose CTE
 * "o" returns the order's "id" and "status"): the order's first event, and the outbox rows
 * published so far, orderCreated and orderStatusChanged among them, which take the order's
 * id and status as well as the event's id, sequence and time in SQL. One round trip fewer
 * than the insert and then appendOrderEvent. `finish` gives the published events the
 * values the statement filled, before they go out after commit.
 */
export function newOrderEvent(scope: TransactionScope, input: Pick<OrderEventInput, 'tenantId' | 'actor' | 'requestId' | 'note'>) {
  const { tenantId } = input;
  // Placeholders until the statement answers (filledInSql: its outbox rows take the real values).
  const created: Topics['orderCreated'] = { tenantId, orderId: 0, status: 'PENDING', at: '' };
  const changed: Topics['orderStatusChanged'] = { tenantId, orderId: 0, eventId: 0, sequence: 0, transition: 'create', from: null, to: 'PENDING', at: '' };
  scope.publish('orderCreated', created, { filledInSql: true });
  scope.publish('orderStatusChanged', changed, { filledInSql: true });
  const outbox = scope.takeOutbox();
  const row = { tenantId, type: 'create', actor: input.actor ?? null, reason: null, note: input.note ?? null, changes: null, requestId: input.requestId ?? null };
  const tail = eventTail(
    (param) => `SELECT r."tenantId", o."id", 1, r."type", NULL, o."status"::"OrderStatus", r."actor", r."reason", r."note", r."changes", r."requestId"
      FROM "o", json_populate_record(NULL::"OrderEvent", ${param}::json) r
    RETURNING "id", "sequence", "createdAt", "orderId", "toStatus"`,
    row,
    outbox,
    NEW_ORDER_FILL,
  );
  const finish = (inserted: { id: number; status: OrderStatus; eventId: number; eventSequence: number; eventCreatedAt: Date }) => {
    const at = new Date(inserted.eventCreatedAt).toISOString();
    Object.assign(created, { orderId: inserted.id, status: inserted.status, at });
    Object.assign(changed, { orderId: inserted.id, eventId: inserted.eventId, sequence: inserted.eventSequence, to: inserted.status, at });
  };
  return { tail, finish };
}

/**
 * The event of a transition that is written by the move's own statement (apply-transition.ts,
 * whose CTE "o" returns the order's "id" and its "status" before the move): its history event,
 * numbered after the order's last, and the outbox rows published so far, orderStatusChanged
 * among them, which take the status the order left and the event's id, sequence and time in
 * SQL. The statement's snapshot is taken before it waits for the order's row: a transition
 * committed meanwhile that left the status in place (an edit's event) makes the sequence
 * collide, and the unique index refuses the statement whole; the caller runs it again.
 */
export function transitionEvent(scope: TransactionScope, input: Pick<OrderEventInput, 'tenantId' | 'orderId' | 'type' | 'toStatus' | 'actor' | 'reason' | 'note' | 'requestId'>) {
  const changed: Topics['orderStatusChanged'] = {
    tenantId: input.tenantId,
    orderId: input.orderId,
    eventId: 0,
    sequence: 0,
    transition: input.type,
    from: null,
    to: input.toStatus,
    at: '',
  };
  scope.publish('orderStatusChanged', changed, { filledInSql: true });
  const outbox = scope.takeOutbox();
  const row = { tenantId: input.tenantId, type: input.type, toStatus: input.toStatus, actor: input.actor ?? null, reason: input.reason ?? null, note: input.note ?? null, changes: null, requestId: input.requestId ?? null };
  const tail = eventTail(
    (param) => `SELECT r."tenantId", o."id", coalesce((SELECT max(x."sequence") FROM "OrderEvent" x WHERE x."orderId" = o."id"), 0) + 1,
           r."type", o."status"::"OrderStatus", r."toStatus", r."actor", r."reason", r."note", r."changes", r."requestId"
      FROM "o", json_populate_record(NULL::"OrderEvent", ${param}::json) r
    RETURNING "id", "sequence", "createdAt", "fromStatus"`,
    row,
    outbox,
    MOVE_FILL,
  );
  const finish = (moved: { status: OrderStatus; eventId: number; eventSequence: number; eventCreatedAt: Date }) => {
    Object.assign(changed, { eventId: moved.eventId, sequence: moved.eventSequence, from: moved.status, at: new Date(moved.eventCreatedAt).toISOString() });
  };
  return { tail, finish };
}

/** A moved order's outbox rows take the status it left from its event. */
const MOVE_FILL = {
  ...EVENT_FILL,
  values: `(${EVENT_FILL.values} || jsonb_build_object('from', e."fromStatus"))`,
};

/** A new order's outbox rows take its id and status from its event. */
const NEW_ORDER_FILL = {
  ...EVENT_FILL,
  values: `(${EVENT_FILL.values} || jsonb_build_object('orderId', e."orderId", 'status', e."toStatus", 'to', e."toStatus"))`,
  orderId: `e."orderId"`,
};

interface EventRow {
  id: number;
  sequence: number;
  createdAt: Date;
}
