// Appends to an order's history. The caller holds the order row (it has just
// updated it in this transaction), so sequence numbers cannot collide; the unique
// (orderId, sequence) index backs that up. A status change also queues the live
// event, sent after commit.
import type { OrderStatus } from '../db/generated/prisma/enums.js';
import type { TransactionScope } from '../db/transaction.js';
import type { OrderEdited } from '../events/topics.js';

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
  /** The order was inserted in this transaction and has no events yet: the event is its first (sequence 1), without reading the history. */
  newOrder?: boolean;
}

/**
 * One statement: the next sequence of the order's history is read in the insert (raw:
 * Prisma's aggregate and create cost two statements planned and interpreted here, on
 * every transition).
 */
const EVENT_INSERT = `
  INSERT INTO "OrderEvent" ("tenantId", "orderId", "sequence", "type", "fromStatus", "toStatus", "actor", "reason", "note", "changes", "requestId")
  SELECT r."tenantId", r."orderId",
         CASE WHEN $2::boolean THEN 1 ELSE coalesce((SELECT max(e."sequence") FROM "OrderEvent" e WHERE e."orderId" = r."orderId"), 0) + 1 END,
         r."type", r."fromStatus", r."toStatus", r."actor", r."reason", r."note", r."changes", r."requestId"
    FROM json_populate_record(NULL::"OrderEvent", $1::json) r
  RETURNING "id", "sequence", "createdAt"`;

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
  const [event] = await scope.tx.$queryRawUnsafe<Array<{ id: number; sequence: number; createdAt: Date }>>(EVENT_INSERT, JSON.stringify(row), input.newOrder === true);
  const at = new Date(event!.createdAt).toISOString();
  if (input.type === 'create') {
    scope.publish('orderCreated', { tenantId: input.tenantId, orderId: input.orderId, status: input.toStatus, at });
  }
  if (input.fromStatus !== input.toStatus) {
    scope.publish('orderStatusChanged', {
      tenantId: input.tenantId,
      orderId: input.orderId,
      eventId: event!.id,
      sequence: event!.sequence,
      transition: input.type,
      from: input.fromStatus,
      to: input.toStatus,
      at,
    });
  }
  return event!;
}
