// Orders: read side. The Order type and its queries live here with the order enums
// (exported so other domains reuse them); the order's parts have their own files.
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { compiledRead, withCountFrom, withMatchSet } from '../../graphql/compiled-reads/root-read.js';
import { sqlForm } from '../../graphql/compiled-reads/sql-form.js';
import { listOrder } from '../../shared/list-query.js';
import { tenantNode } from '../../graphql/ids.js';
import {
  AdjustmentCategory,
  CancellationRequester,
  CancellationRequestStatus,
  CancelReason,
  CommentVisibility,
  DiscountType,
  OrderKind,
  OrderStatus,
  PartyRole,
  PaymentMethod,
  PaymentStatus,
  ReturnStatus,
  PickupOption,
  PriceSource,
  ReasonKind,
} from '../../db/generated/prisma/enums.js';
import { OrderFilter, OrderOrderBy } from './order-filter-input.js';
import { orderWhere } from '../order-filters.js';
import { countOrders, statusCountSource } from '../order-status-counts.js';
import { indexedTerm, newestOrderSearchMatches, orderSearchMatches, searchesNewestFirst } from '../order-search.js';
import { SEARCH_WALK, searchTerm } from '../../shared/text-search.js';
import { searchIdsOf, searchPatternsOf } from './order-search-ids.js';
import { settleOverdueCancellationRequests } from './order-cancellations.js';
import { OrderParty } from './order-parties.js';
import { connectionOf } from '../../graphql/shared-connections.js';

export const OrderStatusEnum = builder.enumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'Where an order is in its lifecycle.',
  values: {
    PENDING: { description: 'Received, awaiting payment or confirmation.' },
    CONFIRMED: { description: 'Confirmed and ready for processing.' },
    PROCESSING: { description: 'Stock allocated, being prepared.' },
    PACKED: { description: 'Packed, waiting for the courier.' },
    SHIPPED: { description: 'Handed to the courier.' },
    COMPLETED: { description: 'Delivered / received.' },
    CANCELLED: { description: 'Ended before shipping.' },
    RETURNED: { description: 'Everything shipped came back (a partial return keeps the order in its status; see returnStatus).' },
  },
});

export const ReturnStatusEnum = builder.enumType(ReturnStatus, {
  name: 'ReturnStatus',
  description: 'How much of what an order shipped came back.',
  values: {
    NONE: { description: 'Nothing came back.' },
    PARTIAL: { description: 'Some units came back; the order keeps its status and may take further returns.' },
    FULL: { description: 'Every shipped unit came back: the order is RETURNED.' },
  } satisfies Record<ReturnStatus, { description: string }>,
});

export const PaymentStatusEnum = builder.enumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: "How much of an order is paid, derived from its payments.",
  values: {
    UNPAID: { description: 'Nothing paid yet.' },
    PARTIALLY_PAID: { description: 'Some paid (e.g. installments), some still due.' },
    PAID: { description: 'Paid in full.' },
    REFUNDED: { description: 'Paid and then given back.' },
    NOT_APPLICABLE: { description: 'Not a receivable: a transfer between own warehouses or a return to a supplier, valued at cost; nothing is owed.' },
  },
});

export const OrderKindEnum = builder.enumType(OrderKind, {
  name: 'OrderKind',
  description: 'What an order is for; decides which transitions apply.',
  values: {
    SALE: { description: 'A sale to a customer.' },
    REQUEST: { description: 'A stock request from a branch.' },
    DISTRIBUTION: { description: 'Stock sent out to a branch or outlet.' },
    RETURN: { description: 'Stock sent back.' },
    CENTRAL_DISTRIBUTION: { description: 'Distribution from the central warehouse.' },
    RELOCATION: { description: 'Stock moved between own warehouses.' },
  },
});

export const CancelReasonEnum = builder.enumType(CancelReason, {
  name: 'CancelReason',
  description: 'Why an order was or should be cancelled.',
  values: {
    CUSTOMER_REQUEST: { description: 'The customer asked for it.' },
    OUT_OF_STOCK: { description: 'An item is not available.' },
    PAYMENT_FAILED: { description: 'Payment could not be processed.' },
    FRAUD_DETECTED: { description: 'The order looks fraudulent.' },
    DUPLICATE_ORDER: { description: 'The same order was placed twice.' },
    OTHER: { description: 'Any other reason (see the note).' },
  },
});

export const PartyRoleEnum = builder.enumType(PartyRole, {
  name: 'PartyRole',
  description: 'The part a person plays on an order.',
  values: {
    BUYER: { description: 'Who ordered and pays.' },
    RECIPIENT: { description: 'Who receives the package.' },
    DROPSHIPPER: { description: 'Who is shown as the sender on the package (dropship).' },
  },
});

export const PriceSourceEnum = builder.enumType(PriceSource, {
  name: 'PriceSource',
  description: 'Which price rule gave an order line its unit price.',
  values: {
    BASE: { description: "The variation's base price." },
    CATEGORY: { description: "The price for the customer's category (reseller, price1..3)." },
    WHOLESALE: { description: 'A wholesale price for the quantity ordered.' },
    OVERRIDE: { description: 'Set by hand on the order.' },
    COST: { description: "The variation's cost price: transfers and returns to a supplier are valued at cost." },
  },
});

export const DiscountTypeEnum = builder.enumType(DiscountType, {
  name: 'DiscountType',
  description: 'How a discount or cost was entered.',
  values: {
    NOMINAL: { description: 'An amount of money.' },
    PERCENTAGE: { description: 'A percentage of the base amount.' },
    CASCADED: { description: 'Percentages applied one after another, e.g. "55.05+3".' },
  },
});

export const AdjustmentCategoryEnum = builder.enumType(AdjustmentCategory, {
  name: 'AdjustmentCategory',
  description: 'What an order cost or discount is.',
  values: {
    SHIPPING: { description: 'Shipping charged to the buyer.' },
    DISCOUNT: { description: 'Order discount.' },
    SHIPPING_DISCOUNT: { description: 'Discount on shipping.' },
    TAX: { description: 'Tax.' },
    COD_FEE: { description: 'Cash-on-delivery fee.' },
    INSURANCE: { description: 'Shipping insurance.' },
    PACKING: { description: 'Packing cost.' },
    OTHER_COST: { description: 'Any other cost.' },
  },
});

export const CancellationRequesterEnum = builder.enumType(CancellationRequester, {
  name: 'CancellationRequester',
  description: 'Who asked for a cancellation.',
  values: {
    BUYER: { description: 'The buyer.' },
    CHANNEL: { description: 'The sales channel (marketplace).' },
    SELLER: { description: 'The shop itself.' },
  },
});

export const CancellationRequestStatusEnum = builder.enumType(CancellationRequestStatus, {
  name: 'CancellationRequestStatus',
  description: 'Where a cancellation request stands.',
  values: {
    REQUESTED: { description: 'Waiting for a decision.' },
    APPROVED: { description: 'Approved: the order was cancelled.' },
    REJECTED: { description: 'Rejected: the order goes on.' },
    EXPIRED: { description: 'Nobody decided by its deadline: the cancellation was granted and the order cancelled (or, when it had shipped already, only the request closed).' },
  },
});

export const ReasonKindEnum = builder.enumType(ReasonKind, {
  name: 'ReasonKind',
  description: 'What a catalogued reason is used for.',
  values: {
    CANCEL: { description: 'Cancelling an order.' },
    RETURN: { description: 'Returning an order.' },
    PENDING: { description: 'Putting an order on hold.' },
  },
});

export const CommentVisibilityEnum = builder.enumType(CommentVisibility, {
  name: 'CommentVisibility',
  description: 'Who may see a comment.',
  values: {
    INTERNAL: { description: 'Staff only.' },
    PUBLIC: { description: 'Also the buyer and partners.' },
  },
});

// buyer / recipient / dropshipper share one `parties` selection with Order.parties
// (same arguments), so all of them load in the parent's one statement.
const partiesOrder = { id: 'asc' } as const;
type PartyRow = { id: number; role: PartyRole };

function partiesSelection(nestedSelection: (selection?: true) => unknown) {
  const planned = nestedSelection(true) as { select?: Record<string, unknown> };
  return { ...planned, select: { ...planned.select, id: true, role: true }, orderBy: partiesOrder } as {
    select: { id: true; role: true };
    orderBy: typeof partiesOrder;
  };
}

// A function `select` does not narrow the parent's type, hence the cast.
const partyOfRole = (role: PartyRole) => (order: object) =>
  (order as { parties: PartyRow[] }).parties.find((party) => party.role === role) ?? null;

// Lines count unless cancelled; the figures read the same `items` selection as
// Order.items (same ordering), so they ride on the parent's one SQL statement.
const itemsOrder = { id: 'asc' } as const;
const itemFiguresSelect = { items: { select: { quantity: true, isCancelled: true }, orderBy: itemsOrder } } as const;

export const Order = builder.prismaNode('Order', {
  description: 'An order: who bought what, from which warehouse, at what price, and where it is in its lifecycle.',
  ...tenantNode,
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Human order number, unique per tenant.' }),
    kind: t.expose('kind', { type: OrderKindEnum, description: 'What the order is for.' }),
    status: t.expose('status', { type: OrderStatusEnum, description: 'Lifecycle status.' }),
    paymentStatus: t.expose('paymentStatus', { type: PaymentStatusEnum, description: 'Payment status, derived from the payments.' }),
    isDraft: t.exposeBoolean('isDraft', { description: 'A draft is saved but not yet placed.' }),
    channel: t.exposeString('channel', { description: 'Lower-case channel code: "offline", "storefront", "shopee", "tokopedia", ...' }),
    source: t.relation('source', { nullable: true, description: 'The named sales channel it came through.' }),
    externalRef: t.exposeString('externalRef', { nullable: true, description: "The channel's own order id." }),
    externalStatus: t.exposeString('externalStatus', { nullable: true, description: "The channel's own status word." }),
    customer: t.relation('customer', { nullable: true, description: 'The customer who ordered, when known.' }),
    customerCategory: t.relation('customerCategory', {
      nullable: true,
      description: "The customer's category when the order was placed (decides category prices).",
    }),
    originWarehouse: t.relation('originWarehouse', { nullable: true, description: 'The warehouse it ships from.' }),
    destinationWarehouse: t.relation('destinationWarehouse', {
      nullable: true,
      description: 'Target warehouse of relocation and distribution orders.',
    }),
    paymentMethod: t.expose('paymentMethod', { type: PaymentMethod, nullable: true, description: 'How the buyer pays.' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency of all amounts, e.g. "IDR".' }),
    weightGrams: t.exposeInt('weightGrams', { description: 'Total weight in grams.' }),
    notes: t.exposeString('notes', { nullable: true, description: 'Note from the buyer.' }),
    internalNotes: t.exposeString('internalNotes', { nullable: true, description: 'Note for staff only.' }),
    tags: t.exposeStringList('tags', {
      description: 'Free labels the shop put on the order (set at orderCreate, changed with orderTagsUpdate), in the order they were added.',
    }),
    contractReference: t.exposeString('contractReference', {
      nullable: true,
      description: 'The contract or agreement the order falls under, as the shop recorded it; null when none.',
    }),
    salesRep: t.exposeString('salesRep', {
      nullable: true,
      description: "Sales person in charge, as free text; for an order taken by a sales rep, the rep's name unless other text was given.",
      deprecationReason: 'Use salesRepresentative (and salesTeam) instead. Removal after 2027-06-01.',
    }),
    salesRepresentative: t.relation('salesRepresentative', { nullable: true, description: 'The sales rep the order is attributed to, if any.' }),
    salesTeam: t.relation('salesTeam', { nullable: true, description: "The sales team the order is attributed to: the rep's team when the order was taken." }),
    pickupOption: t.expose('pickupOption', { type: PickupOption, nullable: true, description: 'Courier pickup slot chosen when packing.' }),
    orderedAt: t.expose('orderedAt', { type: 'DateTime', description: 'When the buyer placed it.' }),
    confirmedAt: t.expose('confirmedAt', { type: 'DateTime', nullable: true, description: 'When it was confirmed.' }),
    processedAt: t.expose('processedAt', { type: 'DateTime', nullable: true, description: 'When processing started (stock allocated).' }),
    packedAt: t.expose('packedAt', { type: 'DateTime', nullable: true, description: 'When it was packed.' }),
    shippedAt: t.expose('shippedAt', { type: 'DateTime', nullable: true, description: 'When it was handed to the courier.' }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true, description: 'When it was delivered / completed.' }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true, description: 'When it was cancelled.' }),
    returnedAt: t.expose('returnedAt', { type: 'DateTime', nullable: true, description: 'When its last shipped unit came back (it became RETURNED).' }),
    returnStatus: t.expose('returnStatus', { type: ReturnStatusEnum, description: 'How much of what shipped came back: none, part or all.' }),
    amountReturned: t.expose('returnedTotal', { type: 'Decimal', description: 'Value of the units returned so far, at their line prices.' }),
    paidAt: t.expose('paidAt', { type: 'DateTime', nullable: true, description: 'When it became fully paid.' }),
    printedAt: t.expose('printedAt', { type: 'DateTime', nullable: true, description: 'When its documents / label were first printed.' }),
    printedBy: t.exposeString('printedBy', { nullable: true, description: 'Who printed them.' }),
    isPrinted: t.boolean({
      description: 'Whether it has been printed (printedAt is set).',
      select: { printedAt: true },
      resolve: (order) => order.printedAt != null,
      extensions: sqlForm('Boolean', (row) => `${row}."printedAt" IS NOT NULL`),
    }),
    cancelReason: t.expose('cancelReason', { type: CancelReasonEnum, nullable: true, description: 'Why it was cancelled.' }),
    cancelNote: t.exposeString('cancelNote', { nullable: true, description: 'Free text about the cancellation.' }),
    cancelledBy: t.exposeString('cancelledBy', { nullable: true, description: 'Who cancelled it.' }),
    version: t.exposeInt('version', { description: 'Bumped by every write; pass it back as expectedVersion to detect concurrent edits.' }),
    createdBy: t.exposeString('createdBy', { nullable: true, description: 'Who created it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was recorded.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last changed.' }),
    parties: t.relation('parties', {
      description: 'Buyer, recipient and dropshipper as given at order time.',
      query: { orderBy: partiesOrder },
    }),
    buyer: t.field({
      type: OrderParty,
      nullable: true,
      description: 'The buyer.',
      select: (_args, _ctx, nestedSelection) => ({ parties: partiesSelection(nestedSelection) }),
      resolve: partyOfRole('BUYER'),
    }),
    recipient: t.field({
      type: OrderParty,
      nullable: true,
      description: 'Who receives the package.',
      select: (_args, _ctx, nestedSelection) => ({ parties: partiesSelection(nestedSelection) }),
      resolve: partyOfRole('RECIPIENT'),
    }),
    dropshipper: t.field({
      type: OrderParty,
      nullable: true,
      description: 'Sender shown on the package when dropshipping.',
      select: (_args, _ctx, nestedSelection) => ({ parties: partiesSelection(nestedSelection) }),
      resolve: partyOfRole('DROPSHIPPER'),
    }),
    items: t.relation('items', { description: 'Order lines, in the order they were added.', query: { orderBy: itemsOrder } }),
    itemCount: t.int({
      description: 'Number of order lines that are not cancelled.',
      select: itemFiguresSelect,
      resolve: (order) => order.items.filter((item) => !item.isCancelled).length,
      extensions: sqlForm('Int', (row) => `(SELECT count(*) FROM "OrderItem" line WHERE line."orderId" = ${row}."id" AND NOT line."isCancelled")`),
    }),
    totalQuantity: t.int({
      description: 'Units ordered over all lines that are not cancelled.',
      select: itemFiguresSelect,
      resolve: (order) => order.items.reduce((total, item) => (item.isCancelled ? total : total + item.quantity), 0),
      extensions: sqlForm('Int', (row) => `(SELECT coalesce(sum(line."quantity"), 0) FROM "OrderItem" line WHERE line."orderId" = ${row}."id" AND NOT line."isCancelled")`),
    }),
    adjustments: t.relation('adjustments', {
      description: 'Order costs and discounts (shipping, discount, tax, COD fee, insurance, ...).',
      query: { orderBy: { id: 'asc' } },
    }),
    events: t.relation('events', { description: 'History: every status change, oldest first.', query: { orderBy: { sequence: 'asc' } } }),
    comments: t.relation('comments', { description: 'Comments, oldest first.', query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } }),
    cancellationRequests: t.relation('cancellationRequests', {
      description: 'Requests to cancel, oldest first.',
      query: { orderBy: { id: 'asc' } },
    }),
    cancellationDeadlineAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'Deadline of the cancellation request waiting for a decision; null when none is open. Until then the order is not packed or shipped.',
      select: { cancellationRequests: { where: { status: 'REQUESTED' }, select: { deadlineAt: true }, orderBy: { id: 'desc' }, take: 1 } },
      resolve: (order) => order.cancellationRequests[0]?.deadlineAt ?? null,
    }),
    returns: t.relation('returns', { description: 'Returns of this order, oldest first.', query: { orderBy: { id: 'asc' } } }),
  }),
});

builder.queryFields((t) => ({
  orderByCode: t.prismaField({
    type: 'Order',
    nullable: true,
    description: 'One order by its order number (code); null when there is none for this tenant.',
    args: { code: t.arg.string({ required: true, description: 'The order number, e.g. "ORD123".' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.order.findFirst({ ...query, where: { tenantId: ctx.tenantId, code: args.code } }),
  }),
  orders: t.prismaConnection({
    type: 'Order',
    cursor: 'id',
    description: 'Orders of the tenant, newest first unless `orderBy` says otherwise.',
    args: {
      filter: t.arg({ type: OrderFilter, required: false, description: 'Narrows the list; all given conditions must hold.' }),
      orderBy: t.arg({ type: OrderOrderBy, required: false, description: 'Sort order; default newest first (CREATED_AT DESC).' }),
    },
    extensions: compiledRead({
      model: 'Order',
      cursor: 'id',
      query: (args, ctx) => {
        const { filter } = args as OrderListArgs;
        return { ...orderListQuery({ ...(args as OrderListArgs), filter: withoutSearch(filter) }, ctx.tenantId), where: compiledOrderWhere(ctx, filter) };
      },
      // The where totalCount counts. A filter on open cancellation requests (which settles overdue ones first) is a relation filter: never compiled.
      count: (args, ctx) => compiledOrderWhere(ctx, (args as OrderListArgs).filter),
    }),
    totalCount: async (_parent, args, ctx) => {
      if (args.filter?.hasOpenCancellationRequest != null) await settleOverdueCancellationRequests(ctx);
      return countOrders(ctx.prisma, ctx.tenantId, args.filter, orderWhere(ctx.tenantId, args.filter, await searchIdsOf(ctx, args.filter?.search)));
    },
    resolve: async (query, _root, args, ctx) => {
      // "Open" means before its deadline: requests past it are expired first.
      if (args.filter?.hasOpenCancellationRequest != null) await settleOverdueCancellationRequests(ctx);
      return ctx.prisma.order.findMany({ ...query, ...orderListQuery(args, ctx.tenantId, await searchIdsOf(ctx, args.filter?.search)) });
    },
  }, connectionOf('Order')),
}));

type OrderListArgs = { filter?: Parameters<typeof orderWhere>[1]; orderBy?: { field: string; direction?: 'asc' | 'desc' | null } | null };

const withoutSearch = (filter: OrderListArgs['filter']) => (filter?.search ? { ...filter, search: null } : filter);

/**
 * The list's where for a compiled read: the search (a term the search documents serve) as
 * the ids whose document matches (order-search.ts), found once per statement for the page
 * and its totalCount; a term the documents cannot serve stays the where's OR, which the
 * compiler refuses.
 */
function compiledOrderWhere(ctx: Context, filter: OrderListArgs['filter']) {
  const { tenantId } = ctx;
  const term = searchTerm(filter?.search);
  if (!term || !indexedTerm(term)) {
    const where = orderWhere(tenantId, filter);
    // Only counter keys: totalCount sums the counter (order-status-counts.ts), as the executor's does.
    return statusCountSource(tenantId, filter) === 'counter' ? withCountFrom(where, { model: 'OrderStatusCount', sum: 'count' }) : where;
  }
  const { pattern, indexed, part } = searchPatternsOf(ctx, term);
  const rest = orderWhere(tenantId, withoutSearch(filter));
  return withMatchSet(rest, {
    sql: (param) => orderSearchMatches(param(tenantId), param(pattern), indexed === undefined ? undefined : param(indexed)),
    ...(searchesNewestFirst(part, ctx.services.searchTrigrams)
      ? { newest: { order: NEWEST_FIRST, sql: (param: (value: unknown) => string) => newestOrderSearchMatches(param(tenantId), param(pattern)) } }
      : {}),
    key: 'id',
    walkFrom: SEARCH_WALK.from,
    alone: !rest.AND,
  });
}

/** The list's default order, which the search's newest documents are read in (order-search.ts). */
const NEWEST_FIRST = [
  { column: 'createdAt', descending: true },
  { column: 'id', descending: true },
];

/** Where and order of the order list: the resolver's and the compiled read's. */
function orderListQuery(args: OrderListArgs, tenantId: number, searchIds?: readonly number[]) {
  return { where: orderWhere(tenantId, args.filter, searchIds), orderBy: listOrder(args.orderBy, { field: 'createdAt', direction: 'desc' }, ['paidAt']) };
}

byIdQuery('Order', {
  description: 'One order by global id; null when it does not exist for this tenant.',
  idDescription: 'Global id of the order.',
});
