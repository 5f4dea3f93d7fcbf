// The transactional outbox: every domain event is also a row written in the
// transaction of the change it reports (src/db/transaction.ts), so an event exists
// exactly when its change committed, whatever happens to the process afterwards.
// The relay (src/webhooks/relay.ts) reads the rows and hands them to the webhooks.
// This module says which events become rows and what partners see of them. Pure,
// apart from the in-process wake-up signal.
import { EventEmitter } from 'node:events';
import type { Topic, Topics } from './topics.js';

/** Event types partners can subscribe to, with what each reports. */
export const WEBHOOK_EVENT_TYPES = {
  'order.created': 'An order was created (any channel, any kind).',
  'order.edited': 'An order was edited: the fields, lines, parties and adjustments that changed, each line with what it was and what it is.',
  'order.status_changed': 'An order moved through its lifecycle (confirm, process, pack, ship, complete, cancel, return, receive).',
  'payment.recorded': 'A payment or installment was recorded for an order.',
  'payment.refunded': 'Money was given back for an order.',
  'shipment.created': 'A shipment (package) was created for an order, at shipping or added afterwards.',
  'shipment.tracked': 'A shipment changed status (picked up, in transit, delivered, ...).',
  'return.recorded': 'A return was recorded for an order: its lines (units, restock, warehouse, value) and the refund given with it.',
  'cancellation.requested': 'A buyer or channel asked to cancel an order: who, why, and the deadline for a decision.',
  'cancellation.decided': 'A cancellation request was approved (the order is cancelled), rejected, or expired at its deadline (granted); who decided.',
  'stock.level_changed': "A variation's stock in a warehouse changed (on hand, reserved or in transit).",
  'webhook.endpoint_disabled': 'One of the tenant\'s webhook endpoints was disabled after failing too many times in a row.',
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;
export const WEBHOOK_EVENT_TYPE_NAMES = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[];

export interface OutboxRow {
  tenantId: number;
  type: WebhookEventType;
  orderId: number | null;
  payload: Record<string, unknown>;
}

/** The outbox row of a published event; none for internal signals (key revocations). */
export function outboxRowOf<T extends Topic>(topic: T, payload: Topics[T]): OutboxRow | undefined {
  const type = typeOf(topic, payload);
  if (!type) return undefined;
  const { tenantId, ...rest } = payload as Topics[T] & { tenantId: number; orderId?: number };
  return { tenantId, type, orderId: rest.orderId ?? null, payload: rest };
}

function typeOf<T extends Topic>(topic: T, payload: Topics[T]): WebhookEventType | undefined {
  switch (topic) {
    case 'orderCreated':
      return 'order.created';
    case 'orderStatusChanged':
      return 'order.status_changed';
    case 'paymentRecorded':
      return (payload as Topics['paymentRecorded']).kind === 'REFUND' ? 'payment.refunded' : 'payment.recorded';
    case 'orderEdited':
      return 'order.edited';
    case 'shipmentTracked':
      return 'shipment.tracked';
    case 'shipmentCreated':
      return 'shipment.created';
    case 'returnRecorded':
      return 'return.recorded';
    case 'cancellationRequested':
      return 'cancellation.requested';
    case 'cancellationDecided':
      return 'cancellation.decided';
    case 'stockLevelChanged':
      return 'stock.level_changed';
    case 'webhookEndpointDisabled':
      return 'webhook.endpoint_disabled';
    default:
      return undefined;
  }
}

let writes = true;
/**
 * Whether transactions write outbox rows. Always on in the server; the webhook
 * bench switches it off for a phase to measure what the outbox adds to a write.
 */
export function setOutboxWrites(enabled: boolean): void {
  writes = enabled;
}
export function outboxWrites(): boolean {
  return writes;
}

/** PostgreSQL channel a trigger on OutboxEvent notifies on commit: wakes the relays of every instance. */
export const OUTBOX_CHANNEL = 'ordergraph_outbox';

/** In-process wake-up: rows were committed here, for the tenants it names (the embedded database has no other instance to tell). */
export const outboxWritten = new EventEmitter();
outboxWritten.setMaxListeners(0);
