// variationPricesSet: a variation's base price, customer category prices (seed 002
// price_reseller, price1..price3) and wholesale tiers (seed 002 wholesale from / to / price).
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { setVariationPrices } from '../../pricing/variation-prices-service.js';

const CategoryPriceInput = builder.inputType('VariationCategoryPriceInput', {
  description: 'The price of the variation for one customer category; name the category by `category` or by `categoryCode`.',
  fields: (t) => ({
    category: t.globalID({ required: false, description: 'Global id of the customer category.' }),
    categoryCode: t.string({
      required: false,
      description: 'Code of the customer category instead of its id: "Y" (reseller), "D" (dropshipper), or a custom code such as "1".',
    }),
    price: t.field({ type: 'Decimal', required: true, description: 'Unit price for the category: above 0, at most 2 decimals.' }),
  }),
});

export const WholesaleTierInput = builder.inputType('WholesaleTierInput', {
  description: 'A wholesale unit price for order lines of `minQty` units and more (to `maxQty`, when given).',
  fields: (t) => ({
    minQty: t.int({ required: true, description: 'Smallest quantity the price applies to; at least 1.' }),
    maxQty: t.int({ required: false, description: 'Largest quantity the price applies to; leave out for no limit.' }),
    price: t.field({ type: 'Decimal', required: true, description: 'Unit price in this tier: above 0, at most 2 decimals.' }),
  }),
});

export const VariationPricesSetInput = builder.inputType('VariationPricesSetInput', {
  description:
    'New prices of a variation. Each list given replaces the stored one completely ([] clears it); a field left out stays unchanged.',
  fields: (t) => ({
    variation: t.globalID({ required: true, description: 'Global id of the variation.' }),
    basePrice: t.field({ type: 'Decimal', required: false, description: 'Base selling price: above 0, at most 2 decimals.' }),
    categoryPrices: t.field({
      type: [CategoryPriceInput],
      required: false,
      description: 'Prices per customer category (at most 50, each category once); replaces every stored category price.',
    }),
    wholesaleTiers: t.field({
      type: [WholesaleTierInput],
      required: false,
      description: 'Wholesale quantity tiers (at most 20, ranges must not overlap); replaces every stored tier.',
    }),
  }),
});

const VariationPricesSetPayload = builder.objectRef<{ variationId: number }>('VariationPricesSetPayload').implement({
  description: 'The variation with its new prices.',
  fields: (t) => ({
    variation: t.prismaField({
      type: 'Variation',
      description: 'The variation after the change; select `categoryPrices` and `wholesalePrices` to see the lists.',
      resolve: (query, p, _args, ctx) => ctx.prisma.variation.findUniqueOrThrow({ ...query, where: { id: p.variationId } }),
    }),
  }),
});

builder.mutationField('variationPricesSet', (t) =>
  t.field({
    type: VariationPricesSetPayload,
    description:
      'Sets the base price, the customer category prices and the wholesale tiers of a variation in one transaction. Every problem is reported with its input path (overlapping tiers name each other); nothing is written then.',
    errors: { types: [] },
    args: { input: t.arg({ type: VariationPricesSetInput, required: true, description: 'The variation and its new prices.' }) },
    resolve: (_root, { input }, ctx) =>
      setVariationPrices(ctx, {
        variationId: decodeIdArg(input.variation, 'Variation'),
        basePrice: input.basePrice,
        categoryPrices: input.categoryPrices?.map((p) => ({
          categoryId: p.category ? decodeIdArg(p.category, 'CustomerCategory') : null,
          categoryCode: p.categoryCode ?? null,
          price: p.price,
        })),
        wholesaleTiers: input.wholesaleTiers,
      }),
  }),
);
