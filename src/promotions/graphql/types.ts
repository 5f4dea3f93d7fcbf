// Promotion and coupon types (seed 002 promo), the list and the one-object query,
// the products a promotion applies to, and the promotion behind an order discount.
import { builder } from '../../graphql/builder.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { tenantNode } from '../../graphql/ids.js';
import type { Context } from '../../graphql/context.js';
import { compiledList } from '../../graphql/compiled-reads/root-read.js';
import { connectionOf } from '../../graphql/shared-connections.js';
import { PromotionGroup, PromotionPlatform, PromotionType } from '../../db/generated/prisma/enums.js';
import type { Prisma } from '../../db/generated/prisma/client.js';
import { DiscountTypeEnum } from '../../orders/graphql/types.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import { containsText, searchTerm } from '../../shared/text-search.js';
import { normalizeCouponCode } from '../promotion-rules.js';

export const PromotionGroupEnum = builder.enumType(PromotionGroup, {
  name: 'PromotionGroup',
  description: 'How a promotion reaches an order.',
  values: {
    PROMO: { description: 'Automatic: applies by itself to every order it matches.' },
    COUPON: { description: 'Applies when the order names its coupon code.' },
  },
});

export const PromotionTypeEnum = builder.enumType(PromotionType, {
  name: 'PromotionType',
  description: 'What a promotion discounts.',
  values: {
    PRODUCT: { description: 'The goods: the lines of the products it covers (an order DISCOUNT adjustment).' },
    SHIPPING: { description: "The order's shipping (a SHIPPING_DISCOUNT adjustment)." },
  },
});

export const PromotionPlatformEnum = builder.enumType(PromotionPlatform, {
  name: 'PromotionPlatform',
  description:
    'Where an order is taken. An order\'s platform follows its channel: "storefront" is STOREFRONT, "quick_order" QUICK_ORDER, "privor" PRIVOR, "promo" PROMO, every other channel ORDER_APP.',
  values: {
    ORDER_APP: { description: 'The back office and every channel not listed below.' },
    PROMO: { description: 'Orders of channel "promo" (promotion landing pages).' },
    PRIVOR: { description: 'Orders of channel "privor" (private order forms).' },
    STOREFRONT: { description: 'Orders of channel "storefront" (the web shop).' },
    QUICK_ORDER: { description: 'Orders of channel "quick_order".' },
  },
});

builder.prismaNode('Promotion', {
  description: 'A promotion (applies by itself) or a coupon (applies by its code): a discount on goods or shipping, its validity window and limits.',
  ...tenantNode,
  fields: (t) => ({
    group: t.expose('group', { type: PromotionGroupEnum, description: 'PROMO (automatic) or COUPON (by code).' }),
    type: t.expose('type', { type: PromotionTypeEnum, description: 'PRODUCT (the goods) or SHIPPING.' }),
    name: t.exposeString('name', { description: 'Name; an order discount it gives carries it.' }),
    couponCode: t.exposeString('couponCode', { nullable: true, description: 'The code of a COUPON, upper-case; codes match whatever their case.' }),
    discountType: t.expose('discountType', { type: DiscountTypeEnum, description: 'PERCENTAGE of the base or a NOMINAL amount.' }),
    discountValue: t.expose('discountValue', { type: 'Decimal', description: 'The percentage or the amount.' }),
    maxDiscount: t.expose('maxDiscount', { type: 'Decimal', nullable: true, description: 'Most the discount gives per order; null: no cap.' }),
    startsAt: t.expose('startsAt', { type: 'DateTime', description: 'From when it applies.' }),
    endsAt: t.expose('endsAt', { type: 'DateTime', nullable: true, description: 'Until when it applies; null: no end.' }),
    quota: t.exposeInt('quota', { nullable: true, description: 'Uses allowed in all; null: unlimited.' }),
    usedCount: t.exposeInt('usedCount', { description: 'Uses taken by orders not cancelled.' }),
    remaining: t.int({
      nullable: true,
      description: 'Uses left (quota - usedCount); null when unlimited.',
      select: { quota: true, usedCount: true },
      resolve: (p) => (p.quota === null ? null : Math.max(p.quota - p.usedCount, 0)),
    }),
    perCustomerLimit: t.exposeInt('perCustomerLimit', { nullable: true, description: 'Uses allowed per customer (1 to 9); null: unlimited. A guest order cannot take a promotion with this limit.' }),
    minQuantity: t.exposeInt('minQuantity', { nullable: true, description: 'Units of the covered products an order needs; null: none.' }),
    minSubtotal: t.expose('minSubtotal', { type: 'Decimal', nullable: true, description: 'Subtotal (after line discounts) an order needs; null: none.' }),
    customerCategoryCodes: t.exposeStringList('customerCategoryCodes', { description: 'Codes of the customer categories it is for; empty: every customer, guests included.' }),
    platforms: t.expose('platforms', { type: [PromotionPlatformEnum], description: 'Platforms it is for; empty: every platform.' }),
    couriers: t.prismaField({
      type: ['Courier'],
      description: 'Couriers it is for (recorded; orders do not name their courier when created yet); empty: every courier.',
      select: { courierIds: true },
      resolve: (query, p, _args, ctx) => (p.courierIds.length ? ctx.prisma.courier.findMany({ ...query, where: { tenantId: ctx.tenantId, id: { in: p.courierIds } }, orderBy: { id: 'asc' } }) : []),
    }),
    allProducts: t.exposeBoolean('allProducts', { description: 'True: every product; false: the products listed.' }),
    products: t.prismaConnection({
      type: 'Product',
      cursor: 'id',
      description: 'The products it covers (every product when allProducts), A to Z, archived ones left out.',
      args: { search: t.arg.string({ required: false, description: 'Words in the product name (case-insensitive).' }) },
      totalCount: async (p, args, ctx) => ctx.prisma.product.count({ where: coveredProducts(ctx, await scopeOf(ctx, p.id), args.search) }),
      resolve: async (query, p, args, ctx) =>
        ctx.prisma.product.findMany({ ...query, where: coveredProducts(ctx, await scopeOf(ctx, p.id), args.search), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    }, connectionOf('Product')),
    isActive: t.exposeBoolean('isActive', { description: 'False: switched off; it applies to no order.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last changed.' }),
  }),
});

/** Which products a promotion covers, re-read (its product ids can be long; they are not part of every selection). An unknown id covers none, like any filter by an id. */
async function scopeOf(ctx: Context, promotionId: number) {
  const p = await ctx.prisma.promotion.findFirst({ where: { id: promotionId, tenantId: ctx.tenantId }, select: { allProducts: true, productIds: true } });
  return p ?? { allProducts: false, productIds: [] };
}

function coveredProducts(ctx: Context, p: { allProducts: boolean; productIds: number[] }, search: string | null | undefined): Prisma.ProductWhereInput {
  const term = searchTerm(search, 'search');
  return {
    tenantId: ctx.tenantId,
    archivedAt: null,
    ...(p.allProducts ? {} : { id: { in: p.productIds } }),
    ...(term ? { name: containsText(term) } : {}),
  };
}

const PromotionFilter = builder.inputType('PromotionFilter', {
  description: 'Narrows the promotion list.',
  fields: (t) => ({
    group: t.field({ type: PromotionGroupEnum, required: false, description: 'PROMO or COUPON only.' }),
    type: t.field({ type: PromotionTypeEnum, required: false, description: 'PRODUCT or SHIPPING only.' }),
    isActive: t.boolean({ required: false, description: 'Switched on (true) or off (false) only.' }),
    activeAt: t.field({ type: 'DateTime', required: false, description: 'Only the ones switched on whose validity window holds this moment.' }),
    couponCode: t.string({ required: false, description: 'The coupon with this code (any case).' }),
    search: t.string({ required: false, description: 'Words in the name or coupon code (case-insensitive).' }),
  }),
});

function promotionWhere(ctx: Context, filter: typeof PromotionFilter.$inferInput | null | undefined): Prisma.PromotionWhereInput {
  const search = searchTerm(filter?.search);
  const and: Prisma.PromotionWhereInput[] = [];
  if (search) and.push({ OR: [{ name: containsText(search) }, { couponCode: containsText(search) }] });
  if (filter?.activeAt) {
    and.push({ isActive: true, startsAt: { lte: filter.activeAt } }, { OR: [{ endsAt: null }, { endsAt: { gte: filter.activeAt } }] });
  }
  return {
    tenantId: ctx.tenantId,
    ...(filter?.group ? { group: filter.group } : {}),
    ...(filter?.type ? { type: filter.type } : {}),
    ...(filter?.isActive != null ? { isActive: filter.isActive } : {}),
    ...(filter?.couponCode ? { couponCode: normalizeCouponCode(filter.couponCode) } : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

/** Where and order of the list: its resolver's, its totalCount's and its compiled read's. */
const promotionList = (args: { filter?: Parameters<typeof promotionWhere>[1] }, ctx: Context) => ({ where: promotionWhere(ctx, args.filter), orderBy: { id: 'desc' as const } });

builder.queryFields((t) => ({
  promotions: t.prismaConnection({
    type: 'Promotion',
    cursor: 'id',
    description: 'Promotions and coupons of the shop, newest first.',
    args: { filter: t.arg({ type: PromotionFilter, required: false, description: 'Narrows the list.' }) },
    extensions: compiledList('Promotion', promotionList),
    totalCount: (_parent, args, ctx) => ctx.prisma.promotion.count({ where: promotionList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.promotion.findMany({ ...query, ...promotionList(args, ctx) }),
  }, connectionOf('Promotion')),
  promotionProducts: t.prismaConnection({
    type: 'Product',
    cursor: 'id',
    description:
      'Products to choose for a promotion, A to Z, archived ones left out: with `promotion`, the products it covers; without, every product (to pick from when creating one).',
    args: {
      promotion: t.arg.globalID({ required: false, description: 'Global id of a promotion: only the products it covers (none for an unknown id).' }),
      search: t.arg.string({ required: false, description: 'Words in the product name (case-insensitive).' }),
    },
    totalCount: async (_parent, args, ctx) => ctx.prisma.product.count({ where: await promotionProductsWhere(ctx, args) }),
    resolve: async (query, _root, args, ctx) =>
      ctx.prisma.product.findMany({ ...query, where: await promotionProductsWhere(ctx, args), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
  }, connectionOf('Product')),
}));

async function promotionProductsWhere(ctx: Context, args: { promotion?: { typename: string; id: string } | null; search?: string | null }) {
  if (!args.promotion) return coveredProducts(ctx, { allProducts: true, productIds: [] }, args.search);
  return coveredProducts(ctx, await scopeOf(ctx, decodeIdArg(args.promotion, 'Promotion')), args.search);
}

byIdQuery('Promotion', {
  description: 'One promotion or coupon by global id.',
  idDescription: 'Global id of the promotion.',
});

builder.prismaObjectFields('OrderAdjustment', (t) => ({
  promotion: t.relation('promotion', { nullable: true, description: 'The promotion or coupon this discount applies; null for a cost or a discount entered by hand.' }),
}));
