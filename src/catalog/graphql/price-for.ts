// Variation.priceFor(customer, quantity): the unit price an order line would get and
// why (seed 002 GET /order/wholesale and /order/check-price), and Product.wholesaleMinQty
// (seed 002 GET /product/wholesale). Variations of one list are priced in one batch.
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import { PriceSource } from '../../db/generated/prisma/enums.js';
import { NotFoundError } from '../../shared/errors.js';
import { priceForLines, type LinePrice } from '../pricing/price-lines.js';
import { MAX_QUANTITY } from '../pricing/price-rules.js';

const PriceQuote = builder.objectRef<LinePrice>('PriceQuote').implement({
  description: 'The unit price an order line of this variation would get now, and the rule that gave it.',
  fields: (t) => ({
    unitPrice: t.field({ type: 'Decimal', description: 'Price of one unit.', resolve: (q) => q.unitPrice }),
    source: t.field({
      type: PriceSource,
      description: 'Which rule gave the price: BASE, CATEGORY or WHOLESALE (never OVERRIDE here).',
      resolve: (q) => q.source,
    }),
    reason: t.exposeString('reason', { description: 'The rule in a sentence, e.g. "wholesale tier 10-49 units for quantity 12".' }),
    quantity: t.exposeInt('quantity', { description: 'The quantity priced.' }),
    lineTotal: t.field({ type: 'Decimal', description: 'Unit price times quantity, before discounts.', resolve: (q) => q.unitPrice.times(q.quantity) }),
    basePrice: t.field({ type: 'Decimal', description: "The variation's base price, for comparison.", resolve: (q) => q.basePrice }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency of the prices.' }),
    discountAccess: t.exposeBoolean('discountAccess', {
      description: "Whether discounts may be given on top (false when the customer's category has no discount access).",
    }),
    tier: t.prismaField({
      type: 'WholesalePrice',
      nullable: true,
      description: 'The wholesale tier applied, when `source` is WHOLESALE.',
      resolve: (query, q, _args, ctx) => (q.tier ? ctx.prisma.wholesalePrice.findUnique({ ...query, where: { id: q.tier.id } }) : null),
    }),
    category: t.prismaField({
      type: 'CustomerCategory',
      nullable: true,
      description: "The customer's category; null for a guest or a customer without category.",
      resolve: (query, q, _args, ctx) => (q.category ? ctx.prisma.customerCategory.findUnique({ ...query, where: { id: q.category.id } }) : null),
    }),
  }),
});

// One loader per request, customer and quantity: a list of variations is priced in one batch.
const loadersByRequest = new WeakMap<object, Map<string, DataLoader<number, LinePrice>>>();

function quoteLoader(ctx: Context, customerId: number | null, quantity: number): DataLoader<number, LinePrice> {
  let loaders = loadersByRequest.get(ctx.loaders);
  if (!loaders) loadersByRequest.set(ctx.loaders, (loaders = new Map()));
  const key = `${customerId ?? 'guest'}:${quantity}`;
  let loader = loaders.get(key);
  if (!loader) {
    // Batches, but does not memoise: a subscription re-reading on each event must see new prices.
    loader = new DataLoader(async (variationIds: readonly number[]) => {
      try {
        return await priceForLines(ctx.prisma, ctx.tenantId, customerId, variationIds.map((variationId) => ({ variationId, quantity })));
      } catch (error) {
        if (error instanceof NotFoundError) {
          throw new GraphQLError(`${error.entity} ${error.id} was not found`, { extensions: { code: 'NOT_FOUND' } });
        }
        throw error;
      }
    }, { cache: false });
    loaders.set(key, loader);
  }
  return loader;
}

builder.prismaObjectField('Variation', 'priceFor', (t) =>
  t.field({
    type: PriceQuote,
    description:
      'The unit price an order line of `quantity` units would get for the customer (a guest when left out): the category price, else the base price, replaced by a lower wholesale tier when the category has wholesale access.',
    args: {
      customer: t.arg.globalID({ required: false, description: 'Global id of the customer; leave out for a guest.' }),
      quantity: t.arg.int({ required: true, description: 'Units on the order line; at least 1.' }),
    },
    resolve: (variation, args, ctx) => {
      if (args.quantity < 1 || args.quantity > MAX_QUANTITY) {
        throw new GraphQLError('quantity must be at least 1', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      const customerId = args.customer ? decodeIdArg(args.customer, 'Customer') : null;
      return quoteLoader(ctx, customerId, args.quantity).load(variation.id);
    },
  }),
);

builder.prismaObjectField('Product', 'wholesaleMinQty', (t) =>
  t.int({
    nullable: true,
    description: 'Smallest quantity from which a wholesale price applies to any of its variations; null without tiers.',
    select: {
      variations: { where: { archivedAt: null }, select: { wholesalePrices: { select: { minQty: true }, orderBy: { minQty: 'asc' }, take: 1 } } },
    },
    resolve: (product) => {
      const mins = product.variations.flatMap((v) => v.wholesalePrices.map((w) => w.minQty));
      return mins.length ? Math.min(...mins) : null;
    },
  }),
);
