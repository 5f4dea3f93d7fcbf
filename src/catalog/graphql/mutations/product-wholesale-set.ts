// productWholesaleSet: seed 002's product-level wholesale tiers (wholesale[from / to / price]),
// stored on every variation of the product.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { setProductWholesale } from '../../pricing/variation-prices-service.js';
import { WholesaleTierInput } from './variation-prices-set.js';

export const ProductWholesaleSetInput = builder.inputType('ProductWholesaleSetInput', {
  description: 'Wholesale tiers for every variation of a product.',
  fields: (t) => ({
    product: t.globalID({ required: true, description: 'Global id of the product.' }),
    wholesaleTiers: t.field({
      type: [WholesaleTierInput],
      required: true,
      description: 'The tiers (at most 20, ranges must not overlap); they replace the tiers of every variation that is not archived. [] removes them.',
    }),
  }),
});

const ProductWholesaleSetPayload = builder.objectRef<{ productId: number; variationCount: number }>('ProductWholesaleSetPayload').implement({
  description: 'The product whose variations got the tiers.',
  fields: (t) => ({
    product: t.prismaField({
      type: 'Product',
      description: 'The product after the change; its variations list their `wholesalePrices`.',
      resolve: (query, p, _args, ctx) => ctx.prisma.product.findUniqueOrThrow({ ...query, where: { id: p.productId } }),
    }),
    variationCount: t.exposeInt('variationCount', { description: 'Variations whose tiers were replaced.' }),
  }),
});

builder.mutationField('productWholesaleSet', (t) =>
  t.field({
    type: ProductWholesaleSetPayload,
    description:
      'Sets the same wholesale tiers on every variation of a product that is not archived, in one transaction. Use variationPricesSet for tiers of one variation.',
    errors: { types: [] },
    args: { input: t.arg({ type: ProductWholesaleSetInput, required: true, description: 'The product and its tiers.' }) },
    resolve: (_root, { input }, ctx) =>
      setProductWholesale(ctx, { productId: decodeIdArg(input.product, 'Product'), tiers: input.wholesaleTiers }),
  }),
);
