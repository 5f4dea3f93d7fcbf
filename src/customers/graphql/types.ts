// Customers with their addresses, orders and order statistics: read side.
// Customer categories and regions live beside this file.
import type { EnumRef } from '@pothos/core';
import { builder } from '../../graphql/builder.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { tenantNode } from '../../graphql/ids.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import { DateRange, sortInput } from '../../graphql/sorting.js';
import { listOrder } from '../../shared/list-query.js';
import { compiledRead, withMatchSet } from '../../graphql/compiled-reads/root-read.js';
import { SEARCH_WALK, searchTerm } from '../../shared/text-search.js';
import type { OrderStatus } from '../../db/generated/prisma/enums.js';
import { customerSearchMatches, customerWhere } from '../filters.js';
import { CustomerStatusEnum } from './customer-status.js';
// Writes (issue 4): one file per mutation; the lifecycle mutations come from the activation table.
import { connectionOf } from '../../graphql/shared-connections.js';
import { form, sqlAggregate } from '../../graphql/compiled-reads/sql-form.js';
import { CUSTOMER_STATS_SQL } from '../customer-stats-sql.js';

// The OrderStatus enum belongs to the orders domain: referenced by its GraphQL name, so
// this file imports nothing of orders (Pothos resolves the name when the schema is built).
type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
const OrderStatusByName = 'OrderStatus' as unknown as EnumRef<Types, OrderStatus>;

const CustomerStats = builder.simpleObject('CustomerStats', {
  description: 'Order statistics of a customer. Draft orders are not counted.',
  fields: (t) => ({
    orderCount: t.int({ description: 'Orders placed, whatever their status.' }),
    cancelledOrderCount: t.int({ description: 'Of those, orders that were cancelled.' }),
    itemCount: t.int({ description: 'Units ordered on lines that were not cancelled, in orders that were not cancelled, less the units that came back.' }),
    totalSpent: t.field({
      type: 'Decimal',
      description: 'Sum of the net totals of the orders: grand totals less the value of returned units; cancelled and fully returned orders count zero.',
    }),
    totalPaid: t.field({ type: 'Decimal', description: 'What the customer paid over all orders, net of refunds.' }),
    firstOrderAt: t.field({ type: 'DateTime', nullable: true, description: 'When the first order was placed; null without orders.' }),
    lastOrderAt: t.field({ type: 'DateTime', nullable: true, description: 'When the latest order was placed; null without orders.' }),
  }),
});

/**
 * The same figures in SQL for compiled reads (customer-stats-sql.ts, as the loader sums
 * them): one subquery over the customer's orders per customer row. Keys bound to a channel
 * never reach a compiled read.
 */
const stat = CUSTOMER_STATS_SQL;
const customerStatsSql = sqlAggregate((row) => `FROM "Order" o WHERE o."tenantId" = ${row}."tenantId" AND o."customerId" = ${row}."id" AND NOT o."isDraft"`, {
  orderCount: form('Int', () => stat.orderCount),
  cancelledOrderCount: form('Int', () => stat.cancelledOrderCount),
  itemCount: form('Int', () => stat.itemCount),
  totalSpent: form('Decimal', () => stat.totalSpent),
  totalPaid: form('Decimal', () => stat.totalPaid),
  firstOrderAt: form('DateTime', () => stat.firstOrderAt, { nullable: true }),
  lastOrderAt: form('DateTime', () => stat.lastOrderAt, { nullable: true }),
});

builder.prismaNode('Customer', {
  description: 'Someone who buys from the tenant.',
  ...tenantNode,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name.' }),
    phone: t.exposeString('phone', { nullable: true, description: 'Phone number.' }),
    email: t.exposeString('email', { nullable: true, description: 'Email address.' }),
    lineId: t.exposeString('lineId', { nullable: true, description: 'LINE messenger id.' }),
    otherContact: t.exposeString('otherContact', { nullable: true, description: 'Any other contact, as typed.' }),
    category: t.relation('category', { nullable: true, description: 'Customer category: decides prices and discount / wholesale access.' }),
    status: t.expose('status', { type: CustomerStatusEnum, description: 'Where the customer stands.' }),
    address: t.exposeString('address', { nullable: true, description: 'Street address.' }),
    region: t.relation('region', { nullable: true, description: 'Administrative region (sub-district) of the address.' }),
    postalCode: t.exposeString('postalCode', { nullable: true, description: 'Postal code.' }),
    notes: t.exposeString('notes', { nullable: true, description: 'Free text notes.' }),
    deletedAt: t.expose('deletedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the customer was deleted; deleted customers are left out of lists but stay on their orders.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last changed.' }),
    addresses: t.relation('addresses', {
      description: 'Saved shipping addresses, the default one first.',
      query: { orderBy: [{ isDefault: 'desc' }, { id: 'asc' }] },
    }),
    orders: t.relatedConnection('orders', {
      description: 'Orders of this customer, newest first (drafts left out).',
      cursor: 'id',
      totalCount: true,
      args: {
        statuses: t.arg({
          type: [OrderStatusByName],
          required: false,
          description: 'Only orders in these statuses.',
        }),
      },
      query: (args) => ({
        where: { isDraft: false, ...(args.statuses?.length ? { status: { in: args.statuses } } : {}) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
    }, connectionOf('Order')),
    stats: t.field({
      type: CustomerStats,
      description: 'Order statistics (counts, units, amount spent, first and latest order).',
      extensions: customerStatsSql,
      resolve: (customer, _args, ctx) => ctx.loaders.customerStatsByCustomerId.load(customer.id),
    }),
  }),
});

builder.prismaNode('CustomerAddress', {
  description: 'A saved shipping address of a customer.',
  ...tenantNode,
  fields: (t) => ({
    customer: t.relation('customer', { description: 'Whose address it is.' }),
    label: t.exposeString('label', { nullable: true, description: 'Label, e.g. "Kantor".' }),
    recipientName: t.exposeString('recipientName', { description: 'Who receives parcels here.' }),
    phone: t.exposeString('phone', { nullable: true, description: 'Phone of the recipient.' }),
    address: t.exposeString('address', { description: 'Street address.' }),
    region: t.relation('region', { nullable: true, description: 'Administrative region (sub-district).' }),
    postalCode: t.exposeString('postalCode', { nullable: true, description: 'Postal code.' }),
    isDefault: t.exposeBoolean('isDefault', { description: 'Whether it is the customer\'s default address.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
  }),
});

const CustomerFilter = builder.inputType('CustomerFilter', {
  description: 'Narrows the customer list; conditions combine with AND.',
  fields: (t) => ({
    category: t.globalID({ required: false, description: 'Only customers of this customer category.' }),
    categoryCode: t.string({ required: false, description: 'Only customers of the category with this code, e.g. "Y" (reseller).' }),
    statuses: t.field({ type: [CustomerStatusEnum], required: false, description: 'Only customers in these statuses.' }),
    region: t.globalID({ required: false, description: 'Only customers whose address is in this region or in a region below it.' }),
    search: t.string({
      required: false,
      description: 'Words in the name, phone, email or address (case-insensitive); "0812..." and "62812..." find the same phone.',
    }),
    createdAt: t.field({ type: DateRange, required: false, description: 'Only customers created in this interval.' }),
  }),
});

const CustomerOrderBy = sortInput('Customer', {
  description: 'Sort order of the customer list.',
  fieldsDescription: 'What customers can be sorted by.',
  defaultDirection: 'asc',
  values: {
    NAME: { value: 'name', description: 'Name, A to Z.' },
    CREATED_AT: { value: 'createdAt', description: 'Creation time.' },
    LAST_ORDER_AT: {
      value: 'lastOrderAt',
      description: 'When the latest order (drafts aside, any channel) was placed; customers without orders come last in either direction.',
    },
  },
});

function customerFilter(filter: typeof CustomerFilter.$inferInput | null | undefined) {
  return filter
    ? {
        ...filter,
        categoryId: filter.category ? decodeIdArg(filter.category, 'CustomerCategory') : null,
        regionId: filter.region ? decodeIdArg(filter.region, 'Region') : null,
      }
    : filter;
}

builder.queryFields((t) => ({
  customers: t.prismaConnection({
    type: 'Customer',
    cursor: 'id',
    description: 'Customers of the tenant (deleted ones left out); newest first unless `orderBy` says otherwise.',
    args: {
      filter: t.arg({ type: CustomerFilter, required: false, description: 'Narrows the list.' }),
      orderBy: t.arg({ type: CustomerOrderBy, required: false, description: 'Sort order; default newest first.' }),
    },
    extensions: compiledRead({
      model: 'Customer',
      cursor: 'id',
      query: (args, ctx) => compiledCustomerQuery(args as CustomerListArgs, ctx.tenantId),
      // What totalCount counts: the list's where.
      count: (args, ctx) => compiledCustomerQuery(args as CustomerListArgs, ctx.tenantId).where,
    }),
    totalCount: (_parent, args, ctx) => ctx.prisma.customer.count({ where: customerWhere(ctx.tenantId, customerFilter(args.filter)) }),
    resolve: (query, _root, args, ctx) => ctx.prisma.customer.findMany({ ...query, ...customerListQuery(args, ctx.tenantId) }),
  }, connectionOf('Customer')),
}));

type CustomerListArgs = { filter?: typeof CustomerFilter.$inferInput | null; orderBy?: { field: string; direction?: 'asc' | 'desc' | null } | null };

/** Where and order of the customer list: the resolver's and the compiled read's. */
function customerListQuery(args: CustomerListArgs, tenantId: number) {
  return { where: customerWhere(tenantId, customerFilter(args.filter)), orderBy: listOrder(args.orderBy, { field: 'createdAt', direction: 'desc' }, ['lastOrderAt']) };
}

/**
 * The customer list's query for a compiled read: a search as the ids it finds (found once for
 * the page and its totalCount; customerSearchMatches), the rest as the resolver's where.
 */
function compiledCustomerQuery(args: CustomerListArgs, tenantId: number) {
  const query = customerListQuery(args, tenantId);
  const filter = customerFilter(args.filter);
  const term = searchTerm(filter?.search);
  if (!term) return query;
  const rest = customerWhere(tenantId, { ...filter, search: null });
  return { ...query, where: withMatchSet(rest, { sql: (param) => customerSearchMatches(param(tenantId), term, param), key: 'id', walkFrom: SEARCH_WALK.from, alone: false }) };
}

byIdQuery('Customer', {
  description: 'One customer by global id; a deleted customer is still found (with `deletedAt` set) so the customer of an order can be fetched.',
  idDescription: 'Global id of the customer.',
});

