// An order's timeline: its history entries (status changes, edits), comments,
// payments and refunds, shipments and their tracking, and returns, as one list in
// the order they were recorded. Read from the rows each of those already writes,
// so nothing is written twice. Pure: the caller loads the rows.

export const ORDER_TIMELINE_KINDS = [
  'CREATED',
  'PLACED',
  'STATUS_CHANGED',
  'EDITED',
  'CANCELLATION_REQUEST',
  'COMMENT',
  'PAYMENT',
  'REFUND',
  'SHIPMENT_CREATED',
  'SHIPMENT_TRACKING',
  'RETURN',
] as const;
export type OrderTimelineKind = (typeof ORDER_TIMELINE_KINDS)[number];

interface Money {
  toFixed(decimals: number): string;
}

export interface EventRow { id: number; type: string; fromStatus: string | null; toStatus: string; actor: string | null; note: string | null; createdAt: Date }
export interface CommentRow { id: number; author: string; body: string; createdAt: Date }
export interface PaymentRow { id: number; kind: 'PAYMENT' | 'REFUND'; method: string; amount: Money; currency: string; recordedBy: string | null; createdAt: Date }
export interface TrackingRow { id: number; status: string; location: string | null; occurredAt: Date }
export interface ShipmentRow<T extends TrackingRow> { id: number; trackingNumber: string | null; serviceName: string | null; createdAt: Date; events: readonly T[] }
export interface ReturnRow { id: number; returnBy: string; reason: string | null; value: Money; actor: string | null; createdAt: Date }

export interface TimelineRows<E extends EventRow, C extends CommentRow, P extends PaymentRow, S extends ShipmentRow<T>, T extends TrackingRow, R extends ReturnRow> {
  events: readonly E[];
  comments: readonly C[];
  payments: readonly P[];
  shipments: readonly S[];
  returns: readonly R[];
}

export type TimelineSubject<Event, Comment, Payment, Shipment, Tracking, Return> =
  | { type: 'OrderEvent'; row: Event }
  | { type: 'Comment'; row: Comment }
  | { type: 'Payment'; row: Payment }
  | { type: 'Shipment'; row: Shipment }
  | { type: 'ShipmentEvent'; row: Tracking }
  | { type: 'OrderReturn'; row: Return };

export interface TimelineEntry<Subject> {
  at: Date;
  kind: OrderTimelineKind;
  actor: string | null;
  summary: string;
  subject: Subject;
}

/** Which kind of timeline entry a history row is, from its type and the statuses it joins. */
export function orderEventKind(event: { type: string; fromStatus: string | null; toStatus: string }): OrderTimelineKind {
  if (event.type === 'create') return 'CREATED';
  if (event.type === 'place') return 'PLACED';
  if (event.type === 'edit' || event.type === 'tags') return 'EDITED';
  if (event.fromStatus !== event.toStatus) return 'STATUS_CHANGED';
  if (event.type.startsWith('cancellation')) return 'CANCELLATION_REQUEST';
  return 'STATUS_CHANGED';
}

const BODY_IN_SUMMARY = 80;

function eventSummary(event: { type: string; fromStatus: string | null; toStatus: string; note: string | null }, kind: OrderTimelineKind): string {
  switch (kind) {
    case 'CREATED':
      return `Created as ${event.toStatus}`;
    case 'PLACED':
      return 'Draft placed';
    case 'EDITED':
      return event.type === 'tags' ? `Tags changed${event.note ? ` (${event.note})` : ''}` : 'Edited';
    case 'CANCELLATION_REQUEST':
      return `Cancellation request: ${event.type}`;
    default:
      return event.fromStatus === event.toStatus ? `${event.type} (${event.toStatus})` : `${event.type}: ${event.fromStatus} → ${event.toStatus}`;
  }
}

/**
 * The entries, oldest first; entries recorded in the same instant keep the order
 * a reader expects (the order's own history before what hangs off it), then ids.
 */
export function orderTimeline<E extends EventRow, C extends CommentRow, P extends PaymentRow, S extends ShipmentRow<T>, T extends TrackingRow, R extends ReturnRow>(rows: TimelineRows<E, C, P, S, T, R>): Array<TimelineEntry<TimelineSubject<E, C, P, S, T, R>>> {
  type Entry = TimelineEntry<TimelineSubject<E, C, P, S, T, R>> & { rank: number; id: number };
  const entries: Entry[] = [];
  for (const event of rows.events) {
    const kind = orderEventKind(event);
    entries.push({ at: event.createdAt, kind, actor: event.actor, summary: eventSummary(event, kind), subject: { type: 'OrderEvent', row: event }, rank: 0, id: event.id });
  }
  for (const comment of rows.comments) {
    const body = comment.body.length > BODY_IN_SUMMARY ? `${comment.body.slice(0, BODY_IN_SUMMARY - 1)}…` : comment.body;
    entries.push({ at: comment.createdAt, kind: 'COMMENT', actor: comment.author, summary: `Comment: ${body}`, subject: { type: 'Comment', row: comment }, rank: 5, id: comment.id });
  }
  for (const payment of rows.payments) {
    const refund = payment.kind === 'REFUND';
    entries.push({
      at: payment.createdAt,
      kind: refund ? 'REFUND' : 'PAYMENT',
      actor: payment.recordedBy,
      summary: `${refund ? 'Refund' : 'Payment'} ${payment.currency} ${payment.amount.toFixed(2)} (${payment.method})`,
      subject: { type: 'Payment', row: payment },
      rank: refund ? 4 : 1,
      id: payment.id,
    });
  }
  for (const shipment of rows.shipments) {
    const what = [shipment.serviceName, shipment.trackingNumber].filter(Boolean).join(' ');
    entries.push({ at: shipment.createdAt, kind: 'SHIPMENT_CREATED', actor: null, summary: `Shipment created${what ? ` (${what})` : ''}`, subject: { type: 'Shipment', row: shipment }, rank: 2, id: shipment.id });
    for (const step of shipment.events) {
      entries.push({
        at: step.occurredAt,
        kind: 'SHIPMENT_TRACKING',
        actor: null,
        summary: `Tracking: ${step.status}${step.location ? ` at ${step.location}` : ''}`,
        subject: { type: 'ShipmentEvent', row: step },
        rank: 3,
        id: step.id,
      });
    }
  }
  for (const ret of rows.returns) {
    entries.push({
      at: ret.createdAt,
      kind: 'RETURN',
      actor: ret.actor,
      summary: `Return worth ${ret.value.toFixed(2)} by ${ret.returnBy}${ret.reason ? `: ${ret.reason}` : ''}`,
      subject: { type: 'OrderReturn', row: ret },
      rank: 3,
      id: ret.id,
    });
  }
  entries.sort((a, b) => a.at.getTime() - b.at.getTime() || a.rank - b.rank || a.id - b.id);
  return entries.map(({ rank: _rank, id: _id, ...entry }) => entry);
}
