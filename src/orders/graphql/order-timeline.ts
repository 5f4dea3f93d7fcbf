// What an edit changed (OrderEvent.changes) and the order's timeline: its history,
// comments, payments, shipments with their tracking, and returns in one list.
import { builder } from '../../graphql/builder.js';
import { Payment } from '../../payments/graphql/types.js';
import { Shipment, ShipmentEvent } from '../../shipments/graphql/types.js';
import type { OrderChanges } from '../order-event-log.js';
import { Comment, OrderEvent } from './order-history.js';
import { OrderReturn } from './order-returns.js';
import { ORDER_TIMELINE_KINDS, orderTimeline, type TimelineEntry } from '../order-timeline.js';

type Scalar = string | number | null;
interface FieldChange {
  field: string;
  from: Scalar;
  to: Scalar;
}
interface LineChange {
  kind: 'ADDED' | 'CHANGED' | 'REMOVED';
  itemId: number;
  sku: string;
  changes: FieldChange[];
}

const text = (value: Scalar | undefined) => (value == null ? null : String(value));

const OrderFieldChange = builder.objectRef<FieldChange>('OrderFieldChange').implement({
  description: 'One field an edit changed: its value before and after, as text (amounts as decimal strings).',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Field name, e.g. "notes", "grandTotal", "quantity".' }),
    from: t.string({ nullable: true, description: 'Value before; null when it had none.', resolve: (change) => text(change.from) }),
    to: t.string({ nullable: true, description: 'Value after; null when it has none.', resolve: (change) => text(change.to) }),
  }),
});

const OrderLineChangeKind = builder.enumType('OrderLineChangeKind', {
  description: 'What happened to an order line in an edit.',
  values: {
    ADDED: { description: 'The line was added.' },
    CHANGED: { description: 'Its quantity, price or discount changed.' },
    REMOVED: { description: 'The line was removed.' },
  },
});

const OrderLineChange = builder.objectRef<LineChange>('OrderLineChange').implement({
  description: 'An order line an edit added, changed or removed.',
  fields: (t) => ({
    kind: t.expose('kind', { type: OrderLineChangeKind, description: 'Added, changed or removed.' }),
    item: t.globalID({ description: 'Global id of the order line (OrderItem).', resolve: (line) => ({ type: 'OrderItem', id: line.itemId }) }),
    sku: t.exposeString('sku', { description: 'SKU of the line.' }),
    changes: t.field({
      type: [OrderFieldChange],
      description: 'Its fields before and after: for an added line, from null; for a removed one, its quantity to null.',
      resolve: (line) => line.changes,
    }),
  }),
});

function lineChanges(lines: OrderChanges['lines']): LineChange[] {
  const out: LineChange[] = [];
  for (const { itemId, sku, ...values } of lines.added) {
    out.push({ kind: 'ADDED', itemId, sku, changes: Object.entries(values).map(([field, to]) => ({ field, from: null, to })) });
  }
  for (const { itemId, sku, ...values } of lines.changed) {
    out.push({ kind: 'CHANGED', itemId, sku, changes: Object.entries(values).map(([field, change]) => ({ field, from: change!.from, to: change!.to })) });
  }
  for (const { itemId, sku, quantity } of lines.removed) out.push({ kind: 'REMOVED', itemId, sku, changes: [{ field: 'quantity', from: quantity, to: null }] });
  return out;
}

const OrderChangesRef = builder.objectRef<OrderChanges>('OrderChanges').implement({
  description: 'What an edit of an order changed.',
  fields: (t) => ({
    fields: t.field({
      type: [OrderFieldChange],
      description: 'Order fields whose value changed (notes, totals, warehouses, tags, ...).',
      resolve: (changes) => Object.entries(changes.fields).map(([field, change]) => ({ field, from: change.from, to: change.to })),
    }),
    lines: t.field({ type: [OrderLineChange], description: 'Lines added, changed and removed.', resolve: (changes) => lineChanges(changes.lines) }),
    partiesSet: t.stringList({ description: 'Party roles set or replaced (BUYER, RECIPIENT, DROPSHIPPER).', resolve: (changes) => changes.parties.set }),
    partiesRemoved: t.stringList({ description: 'Party roles removed.', resolve: (changes) => changes.parties.removed }),
    adjustmentsReplaced: t.exposeBoolean('adjustmentsReplaced', { description: 'Whether the costs and order discounts were replaced.' }),
  }),
});

builder.prismaObjectFields('OrderEvent', (t) => ({
  changes: t.field({
    type: OrderChangesRef,
    nullable: true,
    description: 'For edits: what changed; null for status changes and entries written before edits were kept.',
    select: { changes: true },
    resolve: (event) => (event.changes as OrderChanges | null) ?? null,
  }),
}));

const OrderTimelineKind = builder.enumType('OrderTimelineKind', {
  description: 'What a timeline entry records.',
  values: {
    CREATED: { description: 'The order was created.' },
    PLACED: { description: 'A draft was placed.' },
    STATUS_CHANGED: { description: 'Its status changed (confirm, ship, cancel, ...).' },
    EDITED: { description: 'It was edited (items, notes, parties, tags); the OrderEvent lists the changes.' },
    CANCELLATION_REQUEST: { description: 'A cancellation request was made or decided without a status change.' },
    COMMENT: { description: 'A comment was written.' },
    PAYMENT: { description: 'A payment was recorded.' },
    REFUND: { description: 'A refund was recorded.' },
    SHIPMENT_CREATED: { description: 'A shipment (package) was created.' },
    SHIPMENT_TRACKING: { description: 'The courier reported a tracking step.' },
    RETURN: { description: 'A return was recorded.' },
  } satisfies Record<(typeof ORDER_TIMELINE_KINDS)[number], { description: string }>,
});

type Subject = { type: 'OrderEvent' | 'Comment' | 'Payment' | 'Shipment' | 'ShipmentEvent' | 'OrderReturn'; row: object };
const subjectType = new WeakMap<object, Subject['type']>();

const OrderTimelineSubject = builder.unionType('OrderTimelineSubject', {
  description: 'The record a timeline entry stands for.',
  types: [OrderEvent, Comment, Payment, Shipment, ShipmentEvent, OrderReturn],
  resolveType: (row) => subjectType.get(row)!,
});

const OrderTimelineEntry = builder.objectRef<TimelineEntry<Subject>>('OrderTimelineEntry').implement({
  description: "One entry of an order's timeline.",
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When it was recorded (a tracking step: when the courier says it happened).' }),
    kind: t.expose('kind', { type: OrderTimelineKind, description: 'What it records.' }),
    actor: t.exposeString('actor', { nullable: true, description: 'Who did it, when known (the courier for tracking steps: null).' }),
    summary: t.exposeString('summary', { description: 'One line for people, e.g. "confirm: PENDING → CONFIRMED" or "Payment IDR 150000.00 (BANK_TRANSFER)".' }),
    subject: t.field({
      type: OrderTimelineSubject,
      description: 'The record itself: an OrderEvent, Comment, Payment, Shipment, ShipmentEvent or OrderReturn.',
      resolve: (entry) => {
        subjectType.set(entry.subject.row, entry.subject.type);
        return entry.subject.row as never;
      },
    }),
  }),
});

builder.prismaObjectFields('Order', (t) => ({
  timeline: t.field({
    type: [OrderTimelineEntry],
    description: 'Everything that happened to the order, oldest first: status changes, edits, comments, payments and refunds, shipments and their tracking, returns.',
    select: {
      events: { orderBy: { sequence: 'asc' } },
      comments: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      payments: { orderBy: { id: 'asc' } },
      shipments: { orderBy: { id: 'asc' }, include: { events: { orderBy: { id: 'asc' } } } },
      returns: { orderBy: { id: 'asc' } },
    },
    resolve: (order) => orderTimeline(order),
  }),
}));
