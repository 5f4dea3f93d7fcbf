// Warehouses, stock levels and the stock ledger: read side.
import { form, sqlAggregate, sqlForm } from '../../graphql/compiled-reads/sql-form.js';
import { builder } from '../../graphql/builder.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { tenantNode } from '../../graphql/ids.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import { DateRange, sortInput } from '../../graphql/sorting.js';
import { dateRangeWhere, listOrder } from '../../shared/list-query.js';
import type { Context } from '../../graphql/context.js';
import { StockMovementKind } from '../../db/generated/prisma/enums.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { errorType } from '../../graphql/errors.js';
import { InsufficientStockError } from '../errors.js';
import { compiledList } from '../../graphql/compiled-reads/root-read.js';
import { connectionOf } from '../../graphql/shared-connections.js';
import { containsText, searchTerm } from '../../shared/text-search.js';

export const StockMovementKindEnum = builder.enumType(StockMovementKind, {
  name: 'StockMovementKind',
  description: 'Why stock changed.',
  values: {
    RECEIPT: { description: 'Goods received into the warehouse.' },
    ADJUSTMENT: { description: 'Manual correction, added or subtracted, with a reason.' },
    COUNT: { description: 'Stock count: on hand set to a counted figure.' },
    TRANSFER_IN: { description: 'Moved in from another warehouse.' },
    TRANSFER_OUT: { description: 'Moved out to another warehouse.' },
    RESERVATION: { description: 'Units reserved for an allocated order (reserved changes, on hand does not).' },
    RELEASE: { description: 'A reservation released, e.g. by a cancellation.' },
    SHIPMENT: { description: 'Reserved units shipped out with an order.' },
    RETURN: { description: 'Units restocked from a returned order.' },
    IN_TRANSIT: { description: 'A transfer shipped units towards this warehouse: in transit (inTransitDelta), not yet on hand.' },
  } satisfies Record<StockMovementKind, { description: string }>,
});

export const Warehouse = builder.prismaNode('Warehouse', {
  description: 'A place that holds stock and ships orders.',
  ...tenantNode,
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Short unique code, e.g. "GDG-JKT".' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    phone: t.exposeString('phone', { nullable: true, description: 'Contact phone.' }),
    address: t.exposeString('address', { nullable: true, description: 'Street address.' }),
    postalCode: t.exposeString('postalCode', { nullable: true, description: 'Postal code.' }),
    region: t.relation('region', { nullable: true, description: 'Administrative region (sub-district) of the address.' }),
    isActive: t.exposeBoolean('isActive', { description: 'Inactive warehouses take no new allocations.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last changed.' }),
    stockLevels: t.relatedConnection('stockLevels', {
      description: 'Stock of each variation held here.',
      cursor: 'id',
      totalCount: true,
      args: { inStockOnly: t.arg.boolean({ required: false, description: 'Only levels with units available.' }) },
      query: (args) => ({
        where: args.inStockOnly ? { onHand: { gt: 0 } } : {},
        orderBy: { id: 'asc' },
      }),
    }, connectionOf('StockLevel')),
  }),
});

export const StockLevel = builder.prismaNode('StockLevel', {
  description: 'Units of one variation in one warehouse.',
  ...tenantNode,
  fields: (t) => ({
    variation: t.relation('variation', { description: 'The variation counted.' }),
    warehouse: t.relation('warehouse', { description: 'Where the units are.' }),
    onHand: t.exposeInt('onHand', { description: 'Units physically in the warehouse.' }),
    reserved: t.exposeInt('reserved', { description: 'Units reserved by allocated orders.' }),
    inTransit: t.exposeInt('inTransit', {
      description: 'Units shipped here by transfer orders and not yet received; they count neither as on hand nor as available.',
    }),
    available: t.int({
      description: 'Units that can still be allocated: on hand minus reserved.',
      select: { onHand: true, reserved: true },
      resolve: (level) => level.onHand - level.reserved,
      extensions: sqlForm('Int', (row) => `${row}."onHand" - ${row}."reserved"`),
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

export const StockMovement = builder.prismaNode('StockMovement', {
  description: 'One entry of the stock ledger: a change of on-hand or reserved units.',
  ...tenantNode,
  fields: (t) => ({
    kind: t.expose('kind', { type: StockMovementKindEnum, description: 'Why stock changed.' }),
    variation: t.relation('variation', { description: 'The variation.' }),
    warehouse: t.relation('warehouse', { description: 'The warehouse.' }),
    quantityIn: t.exposeInt('quantityIn', { description: 'Units added to on hand.' }),
    quantityOut: t.exposeInt('quantityOut', { description: 'Units taken from on hand.' }),
    reservedDelta: t.exposeInt('reservedDelta', { description: 'Change of reserved units (reservations, releases).' }),
    inTransitDelta: t.exposeInt('inTransitDelta', { description: 'Change of the units in transit towards this warehouse (transfers shipped, and received).' }),
    balance: t.exposeInt('balance', { description: 'Running balance: on hand after this movement.' }),
    description: t.exposeString('description', { nullable: true, description: 'Free text reason.' }),
    actor: t.exposeString('actor', { nullable: true, description: 'Who made the change.' }),
    order: t.relation('order', { nullable: true, description: 'The order that caused it, if any.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it happened.' }),
  }),
});

const StockSummary = builder.simpleObject('StockSummary', {
  description: 'Totals of a variation over all warehouses.',
  fields: (t) => ({
    onHand: t.int({ description: 'Units on hand in all warehouses.' }),
    reserved: t.int({ description: 'Units reserved in all warehouses.' }),
    available: t.int({ description: 'Units available in all warehouses.' }),
  }),
});

builder.prismaObjectFields('Variation', (t) => ({
  stockLevels: t.relation('stockLevels', {
    description: 'Stock per warehouse (on hand / reserved / available).',
    query: { orderBy: { warehouseId: 'asc' } },
  }),
  stock: t.field({
    type: StockSummary,
    description: 'Stock totals over all warehouses. SUPPLIER and PREORDER variations are not counted (all zero).',
    // Same ordering as `stockLevels`, so both selections merge into one join.
    select: { stockLevels: { select: { onHand: true, reserved: true }, orderBy: { warehouseId: 'asc' } } },
    resolve: (variation) => {
      let onHand = 0;
      let reserved = 0;
      for (const level of variation.stockLevels) {
        onHand += level.onHand;
        reserved += level.reserved;
      }
      return { onHand, reserved, available: onHand - reserved };
    },
    // One pass over the variation's stock rows for every figure asked for.
    extensions: sqlAggregate((row) => `FROM "StockLevel" l WHERE l."variationId" = ${row}."id"`, {
      onHand: form('Int', () => 'coalesce(sum(l."onHand"), 0)'),
      reserved: form('Int', () => 'coalesce(sum(l."reserved"), 0)'),
      available: form('Int', () => 'coalesce(sum(l."onHand" - l."reserved"), 0)'),
    }),
  }),
}));

const WarehouseFilter = builder.inputType('WarehouseFilter', {
  description: 'Narrows the warehouse list.',
  fields: (t) => ({
    isActive: t.boolean({ required: false, description: 'Only active (true) or inactive (false) warehouses.' }),
    search: t.string({ required: false, description: 'Words in the code or name.' }),
  }),
});

const WarehouseOrderBy = sortInput('Warehouse', {
  description: 'Sort order of the warehouse list.',
  fieldsDescription: 'What warehouses can be sorted by.',
  defaultDirection: 'asc',
  values: {
    NAME: { value: 'name', description: 'Name, A to Z.' },
    CODE: { value: 'code', description: 'Code.' },
    CREATED_AT: { value: 'createdAt', description: 'Creation time.' },
  },
});

function warehouseWhere(ctx: Context, filter: typeof WarehouseFilter.$inferInput | null | undefined) {
  const search = searchTerm(filter?.search);
  return {
    tenantId: ctx.tenantId,
    ...(filter?.isActive != null ? { isActive: filter.isActive } : {}),
    ...(search ? { OR: [{ code: containsText(search) }, { name: containsText(search) }] } : {}),
  };
}

const StockMovementFilter = builder.inputType('StockMovementFilter', {
  description: 'Narrows the stock ledger.',
  fields: (t) => ({
    variation: t.globalID({ required: false, description: 'Only this variation.' }),
    warehouse: t.globalID({ required: false, description: 'Only this warehouse.' }),
    order: t.globalID({ required: false, description: 'Only movements caused by this order.' }),
    kinds: t.field({ type: [StockMovementKindEnum], required: false, description: 'Only these kinds.' }),
    createdAt: t.field({ type: DateRange, required: false, description: 'Only movements in this interval.' }),
  }),
});

/** Where and order of the list: its resolver's, its totalCount's and its compiled read's. */
const warehouseList = (
  args: { filter?: Parameters<typeof warehouseWhere>[1]; orderBy?: { field: string; direction?: 'asc' | 'desc' | null } | null },
  ctx: Context,
) => ({ where: warehouseWhere(ctx, args.filter), orderBy: listOrder(args.orderBy, { field: 'name', direction: 'asc' }) });
const stockMovementList = (args: { filter?: Parameters<typeof stockMovementWhere>[1] }, ctx: Context) => ({ where: stockMovementWhere(ctx, args.filter), orderBy: { id: 'desc' as const } });

builder.queryFields((t) => ({
  warehouses: t.prismaConnection({
    type: 'Warehouse',
    cursor: 'id',
    description: 'Warehouses of the tenant.',
    args: {
      filter: t.arg({ type: WarehouseFilter, required: false, description: 'Narrows the list.' }),
      orderBy: t.arg({ type: WarehouseOrderBy, required: false, description: 'Sort order; default name A to Z.' }),
    },
    extensions: compiledList('Warehouse', warehouseList),
    totalCount: (_parent, args, ctx) => ctx.prisma.warehouse.count({ where: warehouseList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.warehouse.findMany({ ...query, ...warehouseList(args, ctx) }),
  }, connectionOf('Warehouse')),
  stockMovements: t.prismaConnection({
    type: 'StockMovement',
    cursor: 'id',
    description: 'The stock ledger, newest first, with the running balance of each movement.',
    args: { filter: t.arg({ type: StockMovementFilter, required: false, description: 'Narrows the ledger.' }) },
    extensions: compiledList('StockMovement', stockMovementList),
    totalCount: (_parent, args, ctx) => ctx.prisma.stockMovement.count({ where: stockMovementList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.stockMovement.findMany({ ...query, ...stockMovementList(args, ctx) }),
  }, connectionOf('StockMovement')),
}));

function stockMovementWhere(ctx: Context, filter: typeof StockMovementFilter.$inferInput | null | undefined) {
  return {
    tenantId: ctx.tenantId,
    ...(filter?.variation ? { variationId: decodeIdArg(filter.variation, 'Variation') } : {}),
    ...(filter?.warehouse ? { warehouseId: decodeIdArg(filter.warehouse, 'Warehouse') } : {}),
    ...(filter?.order ? { orderId: decodeIdArg(filter.order, 'Order') } : {}),
    ...(filter?.kinds?.length ? { kind: { in: filter.kinds } } : {}),
    ...(dateRangeWhere(filter?.createdAt) ? { createdAt: dateRangeWhere(filter?.createdAt) } : {}),
  };
}

byIdQuery('Warehouse', {
  description: 'One warehouse by global id.',
  idDescription: 'Global id of the warehouse.',
});

errorType(InsufficientStockError, {
  description: 'The change would take stock below zero: on hand, or available (on hand minus reserved).',
  fields: (t) => ({
    variationId: t.id({ resolve: (e) => encodeGlobalID('Variation', e.variationId), description: 'Global id of the variation.' }),
    warehouseId: t.id({ resolve: (e) => encodeGlobalID('Warehouse', e.warehouseId), description: 'Global id of the warehouse.' }),
    requested: t.exposeInt('requested', { description: 'Units the change needed.' }),
    available: t.exposeInt('available', { description: 'Units that were available.' }),
  }),
});
