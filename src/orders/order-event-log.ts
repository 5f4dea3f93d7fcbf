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

export async function appendOrderEvent(scope: TransactionScope, input: OrderEventInput) {
  const sequence = input.newOrder
    ? 1
    : ((await scope.tx.orderEvent.aggregate({ where: { orderId: input.orderId }, _max: { sequence: true } }))._max.sequence ?? 0) + 1;
  const event = await scope.tx.orderEvent.create({
    data: {
      tenantId: input.tenantId,
      orderId: input.orderId,
      sequence,
      type: input.type,
      fromStatus: input.fromStatus,
      toStatus: input.toStatus,
      actor: input.actor ?? null,
      reason: input.reason ?? null,
      note: input.note ?? null,
      ...(input.changes ? { changes: input.changes as object } : {}),
      requestId: input.requestId ?? null,
    },
  });
  const at = event.createdAt.toISOString();
  if (input.type === 'create') {
    scope.publish('orderCreated', { tenantId: input.tenantId, orderId: input.orderId, status: input.toStatus, at });
  }
  if (input.fromStatus !== input.toStatus) {
    scope.publish('orderStatusChanged', {
      tenantId: input.tenantId,
      orderId: input.orderId,
      eventId: event.id,
      sequence: event.sequence,
      transition: input.type,
      from: input.fromStatus,
      to: input.toStatus,
      at,
    });
  }
  return event;
}
