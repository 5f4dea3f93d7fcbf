// Products and their variations (sellable SKUs) with tiered prices: read side.
// Categories and suppliers live beside this file.
import { builder } from '../../graphql/builder.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { tenantNode } from '../../graphql/ids.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import { sortInput } from '../../graphql/sorting.js';
import { listOrder } from '../../shared/list-query.js';
import { compiledRead, withMatchSet } from '../../graphql/compiled-reads/root-read.js';
import { SEARCH_WALK, searchPattern, searchTerm } from '../../shared/text-search.js';
import type { Db } from '../../db/client.js';
import { PreorderUnit, StockType } from '../../db/generated/prisma/enums.js';
import { productSearchMatches, productWhere, variationWhere } from '../filters.js';
import { connectionOf } from '../../graphql/shared-connections.js';

// Registered on the Prisma enum objects, so other domains may name `StockType` as a type too.
export const StockTypeEnum = builder.enumType(StockType, {
  name: 'StockType',
  description: 'Where the stock of a product comes from.',
  values: {
    OWN: { description: 'Own stock: units are counted per warehouse.' },
    SUPPLIER: { description: 'Sold from a supplier\'s stock: not counted; each variation is flagged available or not.' },
    PREORDER: { description: 'Made or bought to order: not counted; ships after the preorder time.' },
  },
});

export const PreorderUnitEnum = builder.enumType(PreorderUnit, {
  name: 'PreorderUnit',
  description: 'Unit of a preorder time.',
  values: { DAY: { description: 'Days.' }, WEEK: { description: 'Weeks.' } },
});

export const Product = builder.prismaNode('Product', {
  description: 'Something the tenant sells; its variations are the SKUs that are ordered and stocked.',
  ...tenantNode,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Product name.' }),
    description: t.exposeString('description', { nullable: true, description: 'Long description.' }),
    stockType: t.expose('stockType', { type: StockTypeEnum, description: 'Where its stock comes from.' }),
    category: t.relation('category', { nullable: true, description: 'Product category; null when uncategorized.' }),
    supplier: t.relation('supplier', { nullable: true, description: 'Supplier of SUPPLIER products, if recorded.' }),
    weightGrams: t.exposeInt('weightGrams', { description: 'Default weight of a variation, in grams.' }),
    images: t.exposeStringList('images', { description: 'Image URLs of the product.' }),
    isActive: t.exposeBoolean('isActive', { description: 'Published: offered on storefronts and to partners.' }),
    isFeatured: t.exposeBoolean('isFeatured', { description: 'Highlighted on storefronts.' }),
    showStock: t.exposeBoolean('showStock', { description: 'Whether storefronts may show stock figures to buyers.' }),
    preorderUnit: t.expose('preorderUnit', {
      type: PreorderUnitEnum,
      nullable: true,
      description: 'Unit of the preorder time (PREORDER products).',
    }),
    preorderLength: t.exposeInt('preorderLength', {
      nullable: true,
      description: 'Preorder time in `preorderUnit`s (PREORDER products): at most 90 days or 12 weeks.',
    }),
    archivedAt: t.expose('archivedAt', { type: 'DateTime', nullable: true, description: 'When it was archived; null while in the catalog.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last changed.' }),
    variations: t.relation('variations', {
      description: 'Its variations (SKUs), oldest first.',
      deprecationReason: 'Use variationsConnection (paged, with filter, orderBy and totalCount) instead. Removal after 2027-06-06.',
      args: {
        includeArchived: t.arg.boolean({ required: false, defaultValue: false, description: 'Also list archived variations.' }),
      },
      query: (args) => ({ where: args.includeArchived ? {} : { archivedAt: null }, orderBy: { id: 'asc' } }),
    }),
    variationsConnection: t.relatedConnection(
      'variations',
      {
        description: 'Its variations (SKUs), oldest first unless `orderBy` says otherwise; archived ones are left out by default.',
        cursor: 'id',
        totalCount: true,
        args: {
          filter: t.arg({ type: ProductVariationFilter, required: false, description: 'Narrows the list.' }),
          orderBy: t.arg({ type: VariationOrderBy, required: false, description: 'Sort order; default oldest first.' }),
        },
        query: (args, ctx) => ({
          where: variationWhere(ctx.prisma, ctx.tenantId, args.filter, { ofOneProduct: true }),
          orderBy: listOrder(args.orderBy, { field: 'id', direction: 'asc' }),
        }),
      },
      connectionOf('Variation'),
    ),
    variationCount: t.relationCount('variations', {
      description: 'Number of variations that are not archived.',
      where: { archivedAt: null },
    }),
  }),
});

export const Variation = builder.prismaNode('Variation', {
  description: 'A sellable SKU of a product (a size / colour combination), with its prices.',
  ...tenantNode,
  fields: (t) => ({
    sku: t.exposeString('sku', { description: 'Stock keeping unit, unique per tenant.' }),
    name: t.exposeString('name', { nullable: true, description: 'Variation name, e.g. "Merah / XL".' }),
    size: t.exposeString('size', { nullable: true, description: 'Size.' }),
    color: t.exposeString('color', { nullable: true, description: 'Colour.' }),
    weightGrams: t.exposeInt('weightGrams', { description: 'Weight in grams.' }),
    images: t.exposeStringList('images', { description: 'Image URLs (at most 5).' }),
    primaryImageIndex: t.exposeInt('primaryImageIndex', { nullable: true, description: 'Index in `images` of the primary image.' }),
    primaryImage: t.string({
      nullable: true,
      description: 'URL of the primary image: the one at `primaryImageIndex`, else the first.',
      select: { images: true, primaryImageIndex: true },
      resolve: (variation) => variation.images[variation.primaryImageIndex ?? 0] ?? variation.images[0] ?? null,
    }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency of the prices, e.g. "IDR".' }),
    costPrice: t.expose('costPrice', { type: 'Decimal', nullable: true, description: 'Purchase price.' }),
    price: t.expose('price', { type: 'Decimal', description: 'Base selling price, for buyers without a category price.' }),
    available: t.exposeBoolean('available', {
      description: 'Whether a SUPPLIER or PREORDER variation can be ordered now. OWN variations count stock instead.',
    }),
    archivedAt: t.expose('archivedAt', { type: 'DateTime', nullable: true, description: 'When it was archived; null while sold.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last changed.' }),
    product: t.relation('product', { description: 'The product it belongs to.' }),
    categoryPrices: t.relation('categoryPrices', {
      description: 'Prices for customer categories (reseller, dropshipper or a custom category), by category.',
      query: { orderBy: { customerCategoryId: 'asc' } },
    }),
    wholesalePrices: t.relation('wholesalePrices', {
      description: 'Quantity tiers, smallest minimum quantity first.',
      query: { orderBy: { minQty: 'asc' } },
    }),
  }),
});

builder.prismaNode('VariationPrice', {
  description: 'The price of a variation for one customer category.',
  ...tenantNode,
  fields: (t) => ({
    variation: t.relation('variation', { description: 'The variation priced.' }),
    customerCategory: t.relation('customerCategory', { description: 'Customers of this category pay this price.' }),
    price: t.expose('price', { type: 'Decimal', description: 'Unit price for the category.' }),
  }),
});

builder.prismaNode('WholesalePrice', {
  description: 'A wholesale unit price that applies from `minQty` units (to `maxQty`, when set) on one order line.',
  ...tenantNode,
  fields: (t) => ({
    variation: t.relation('variation', { description: 'The variation priced.' }),
    minQty: t.exposeInt('minQty', { description: 'Smallest quantity the price applies to.' }),
    maxQty: t.exposeInt('maxQty', { nullable: true, description: 'Largest quantity the price applies to; null for no limit.' }),
    price: t.expose('price', { type: 'Decimal', description: 'Unit price in this tier.' }),
  }),
});

const ProductFilter = builder.inputType('ProductFilter', {
  description: 'Narrows the product list; conditions combine with AND.',
  fields: (t) => ({
    category: t.globalID({ required: false, description: 'Only products of this product category.' }),
    uncategorized: t.boolean({ required: false, description: 'Only products without (true) or with (false) a category.' }),
    stockTypes: t.field({ type: [StockTypeEnum], required: false, description: 'Only products of these stock types.' }),
    search: t.string({ required: false, description: 'Words in the product name or in a variation SKU (case-insensitive).' }),
    inStock: t.boolean({
      required: false,
      description:
        'Only products that can (true) or cannot (false) be sold now: OWN products with a variation whose on-hand units exceed the reserved ones in some warehouse; SUPPLIER and PREORDER products with an available variation.',
    }),
    isActive: t.boolean({ required: false, description: 'Only published (true) or unpublished (false) products.' }),
    isFeatured: t.boolean({ required: false, description: 'Only featured (true) or other (false) products.' }),
    archived: t.boolean({ required: false, defaultValue: false, description: 'Archived products (true) instead of catalog ones (false, default).' }),
    supplier: t.globalID({ required: false, description: 'Only products of this supplier.' }),
  }),
});

const ProductOrderBy = sortInput('Product', {
  description: 'Sort order of the product list.',
  fieldsDescription: 'What products can be sorted by.',
  defaultDirection: 'asc',
  values: {
    NAME: { value: 'name', description: 'Name, A to Z.' },
    CREATED_AT: { value: 'createdAt', description: 'Creation time.' },
    UPDATED_AT: { value: 'updatedAt', description: 'Time of the last change.' },
  },
});

const VariationFilter = builder.inputType('VariationFilter', {
  description: 'Narrows the variation list; conditions combine with AND.',
  fields: (t) => ({
    product: t.globalID({ required: false, description: 'Only variations of this product.' }),
    search: t.string({ required: false, description: 'Words in the SKU, the variation name or the product name (case-insensitive).' }),
    stockTypes: t.field({ type: [StockTypeEnum], required: false, description: 'Only variations of products of these stock types.' }),
    inStock: t.boolean({
      required: false,
      description:
        'Only variations that can (true) or cannot (false) be sold now: OWN ones with more on-hand than reserved units in some warehouse; SUPPLIER and PREORDER ones flagged available.',
    }),
    archived: t.boolean({
      required: false,
      defaultValue: false,
      description: 'Archived variations, or variations of archived products (true), instead of sellable ones (false, default).',
    }),
  }),
});

const ProductVariationFilter = builder.inputType('ProductVariationFilter', {
  description: "Narrows a product's variations; conditions combine with AND.",
  fields: (t) => ({
    search: t.string({ required: false, description: 'Words in the SKU or the variation name (case-insensitive; the product name matches them all).' }),
    inStock: t.boolean({
      required: false,
      description: 'Only variations that can (true) or cannot (false) be sold now (as VariationFilter.inStock).',
    }),
    archived: t.boolean({ required: false, defaultValue: false, description: 'Archived variations (true) instead of the others (false, default).' }),
  }),
});

const VariationOrderBy = sortInput('Variation', {
  description: 'Sort order of the variation list.',
  fieldsDescription: 'What variations can be sorted by.',
  defaultDirection: 'asc',
  values: {
    SKU: { value: 'sku', description: 'SKU, A to Z.' },
    CREATED_AT: { value: 'createdAt', description: 'Creation time.' },
    PRICE: { value: 'price', description: 'Base price.' },
  },
});

type ProductFilterArg = typeof ProductFilter.$inferInput | null | undefined;
type VariationFilterArg = typeof VariationFilter.$inferInput | null | undefined;

function productFilter(filter: ProductFilterArg) {
  return filter
    ? {
        ...filter,
        categoryId: filter.category ? decodeIdArg(filter.category, 'ProductCategory') : null,
        supplierId: filter.supplier ? decodeIdArg(filter.supplier, 'Supplier') : null,
      }
    : filter;
}

function variationFilter(filter: VariationFilterArg) {
  return filter ? { ...filter, productId: filter.product ? decodeIdArg(filter.product, 'Product') : null } : filter;
}

type ProductListArgs = { filter?: ProductFilterArg; orderBy?: { field: string; direction?: 'asc' | 'desc' | null } | null };

/** Where and order of the product list: the resolver's and the compiled read's. */
function productListQuery(args: ProductListArgs, ctx: { prisma: Db; tenantId: number }) {
  return {
    where: productWhere(ctx.prisma, ctx.tenantId, productFilter(args.filter)),
    orderBy: listOrder(args.orderBy, { field: 'createdAt', direction: 'desc' }),
  };
}

/**
 * The product list's query for a compiled read: a search as the ids it finds (found once for
 * the page and its totalCount; productSearchMatches), the rest as the resolver's where.
 */
function compiledProductQuery(args: ProductListArgs, ctx: { prisma: Db; tenantId: number }) {
  const query = productListQuery(args, ctx);
  const filter = productFilter(args.filter);
  const term = searchTerm(filter?.search);
  if (!term) return query;
  const pattern = searchPattern(term);
  const rest = productWhere(ctx.prisma, ctx.tenantId, { ...filter, search: null });
  return { ...query, where: withMatchSet(rest, { sql: (param) => productSearchMatches(param(ctx.tenantId), param(pattern)), key: 'id', walkFrom: SEARCH_WALK.from, alone: false }) };
}

/** Where and order of the variation list: the resolver's, totalCount's and the compiled read's. */
function variationListQuery(args: { filter?: VariationFilterArg; orderBy?: ProductListArgs['orderBy'] }, ctx: { prisma: Db; tenantId: number }) {
  return {
    where: variationWhere(ctx.prisma, ctx.tenantId, variationFilter(args.filter)),
    orderBy: listOrder(args.orderBy, { field: 'sku', direction: 'asc' }),
  };
}

builder.queryFields((t) => ({
  products: t.prismaConnection({
    type: 'Product',
    cursor: 'id',
    description: 'Products of the tenant; newest first unless `orderBy` says otherwise.',
    args: {
      filter: t.arg({ type: ProductFilter, required: false, description: 'Narrows the list; archived products are left out by default.' }),
      orderBy: t.arg({ type: ProductOrderBy, required: false, description: 'Sort order; default newest first.' }),
    },
    extensions: compiledRead({
      model: 'Product',
      cursor: 'id',
      query: (args, ctx) => compiledProductQuery(args as ProductListArgs, ctx),
      // What totalCount counts: the list's where.
      count: (args, ctx) => compiledProductQuery(args as ProductListArgs, ctx).where,
    }),
    totalCount: (_parent, args, ctx) => ctx.prisma.product.count({ where: productWhere(ctx.prisma, ctx.tenantId, productFilter(args.filter)) }),
    resolve: (query, _root, args, ctx) => ctx.prisma.product.findMany({ ...query, ...productListQuery(args, ctx) }),
  }, connectionOf('Product')),
  variationBySku: t.prismaField({
    type: 'Variation',
    nullable: true,
    description: 'One variation by its SKU (exact, case-sensitive), archived ones too.',
    args: { sku: t.arg.string({ required: true, description: 'The SKU.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.variation.findFirst({ ...query, where: { tenantId: ctx.tenantId, sku: args.sku } }),
  }),
  variations: t.prismaConnection({
    type: 'Variation',
    cursor: 'id',
    description: 'Variations (SKUs) of all products, e.g. to pick items for an order.',
    args: {
      filter: t.arg({ type: VariationFilter, required: false, description: 'Narrows the list; archived variations are left out by default.' }),
      orderBy: t.arg({ type: VariationOrderBy, required: false, description: 'Sort order; default SKU A to Z.' }),
    },
    // No compiled read: the archived condition reads the product (a relation filter).
    totalCount: (_parent, args, ctx) => ctx.prisma.variation.count({ where: variationListQuery(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.variation.findMany({ ...query, ...variationListQuery(args, ctx) }),
  }, connectionOf('Variation')),
}));

byIdQuery('Product', {
  description: 'One product by global id (archived ones too).',
  idDescription: 'Global id of the product.',
});

byIdQuery('Variation', {
  description: 'One variation by global id (archived ones too).',
  idDescription: 'Global id of the variation.',
});
