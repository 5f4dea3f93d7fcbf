// GraphQL inputs of the order list: OrderFilter (translated by order-filters.ts) and OrderOrderBy.
import { builder } from '../../graphql/builder.js';
import { DateRange, sortInput } from '../../graphql/sorting.js';
import { OrderKind, OrderStatus, PaymentStatus, StockType } from '../../db/generated/prisma/enums.js';

// Enums are named by their Prisma enum object: Pothos resolves it to the GraphQL enum
// registered for it (order enums in schema.ts, StockType in catalog), whichever file runs first.
export const OrderTagFilter = builder.inputType('OrderTagFilter', {
  description: 'Conditions on the tags of an order, compared exactly (case-sensitively); both given must hold.',
  fields: (t) => ({
    hasAny: t.stringList({ required: false, description: 'Only orders carrying at least one of these tags.' }),
    hasAll: t.stringList({ required: false, description: 'Only orders carrying every one of these tags.' }),
  }),
});

export const OrderFilter = builder.inputType('OrderFilter', {
  description: 'Narrows an order list; all given conditions must hold. Lists match any of their values.',
  fields: (t) => ({
    statuses: t.field({ type: [OrderStatus], required: false, description: 'Only orders in one of these statuses.' }),
    paymentStatuses: t.field({ type: [PaymentStatus], required: false, description: 'Only orders with one of these payment statuses.' }),
    kinds: t.field({ type: [OrderKind], required: false, description: 'Only orders of these kinds.' }),
    channels: t.stringList({ required: false, description: 'Only orders from these channels, e.g. ["shopee", "offline"] (case-insensitive).' }),
    source: t.globalID({ required: false, description: 'Only orders from this order source (OrderSource id).' }),
    deliveryType: t.globalID({ required: false, description: 'Only orders of this delivery type (DeliveryType id).' }),
    customer: t.globalID({ required: false, description: 'Only orders of this customer (Customer id).' }),
    customerCategory: t.globalID({
      required: false,
      description: "Only orders of this customer category (CustomerCategory id): the category recorded on the order, else the customer's.",
    }),
    warehouse: t.globalID({
      required: false,
      description: 'Only orders shipping from this warehouse or with stock allocated in it (Warehouse id).',
    }),
    courier: t.globalID({ required: false, description: 'Only orders with a shipment carried by this courier (Courier id).' }),
    salesRepIds: t.globalIDList({ required: false, description: 'Only orders attributed to one of these sales reps (SalesRep ids).' }),
    salesTeamIds: t.globalIDList({ required: false, description: 'Only orders attributed to one of these sales teams (SalesTeam ids).' }),
    productTypes: t.field({
      type: [StockType],
      required: false,
      description: 'Only orders with a line of a product of one of these stock types.',
    }),
    tags: t.field({ type: OrderTagFilter, required: false, description: 'Only orders whose tags match.' }),
    contractReference: t.string({ required: false, description: 'Only orders with exactly this contract reference (after trimming).' }),
    printed: t.boolean({ required: false, description: 'Only printed (true) or not yet printed (false) orders.' }),
    isDraft: t.boolean({ required: false, description: 'Only drafts (true) or only placed orders (false).' }),
    hasOpenCancellationRequest: t.boolean({
      required: false,
      description: 'Only orders with (true) or without (false) a cancellation request waiting for a decision; such an order cannot be packed or shipped.',
    }),
    createdAt: t.field({ type: DateRange, required: false, description: 'Only orders recorded in this interval.' }),
    orderedAt: t.field({ type: DateRange, required: false, description: 'Only orders placed in this interval.' }),
    paidAt: t.field({ type: DateRange, required: false, description: 'Only orders fully paid in this interval.' }),
    shippedAt: t.field({ type: DateRange, required: false, description: 'Only orders shipped in this interval.' }),
    search: t.string({
      required: false,
      description:
        'Words in the order code, external reference, customer name or phone, a party (buyer, recipient, dropshipper) name or phone, an item SKU, or a tracking number (case-insensitive).',
    }),
  }),
});

export const OrderOrderBy = sortInput('Order', {
  description: 'Sort order of an order list; ties are broken by id in the same direction.',
  fieldsDescription: 'What orders can be sorted by.',
  defaultDirection: 'desc',
  values: {
    CREATED_AT: { value: 'createdAt', description: 'When the order was recorded.' },
    ORDERED_AT: { value: 'orderedAt', description: 'When the buyer placed it.' },
    CODE: { value: 'code', description: 'Order number (as text).' },
    GRAND_TOTAL: { value: 'grandTotal', description: 'Grand total.' },
    STATUS: { value: 'status', description: 'Lifecycle status, in lifecycle order (PENDING first).' },
    UPDATED_AT: { value: 'updatedAt', description: 'When the order was last changed.' },
    PAID_AT: { value: 'paidAt', description: 'When it became fully paid; orders not (yet) fully paid come last in either direction.' },
  },
});
