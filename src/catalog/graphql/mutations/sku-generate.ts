// skuGenerate: seed 002 GET /product/sku/generate-new. A query: it reads only; the
// suggestion is not reserved, productCreate checks the SKU again.
import { builder } from '../../../graphql/builder.js';
import { suggestSku } from '../../sku-service.js';

const SkuSuggestion = builder.objectRef<{ sku: string; base: string }>('SkuSuggestion').implement({
  description: 'A SKU that no variation of the shop has at the time of asking.',
  fields: (t) => ({
    sku: t.exposeString('sku', { description: 'The suggested SKU, e.g. "SEP-MER-XL" or "SEP-MER-XL-2".' }),
    base: t.exposeString('base', { description: 'The SKU built from the name and attributes, before a counter was added to make it unique.' }),
  }),
});

builder.queryFields((t) => ({
  skuGenerate: t.field({
    type: SkuSuggestion,
    description:
      'Suggests a SKU unique in the shop from the product name and attributes (colour, size, ...): ' +
      'the first three letters of each, upper case, joined by "-", with "-2", "-3", ... when taken.',
    errors: { types: [] },
    args: {
      productName: t.arg.string({ required: true, description: 'The product name, e.g. "Sepatu".' }),
      attributes: t.arg.stringList({ required: false, description: 'Attributes of the variation in order, e.g. ["Merah", "XL"]; at most 5.' }),
      exclude: t.arg.stringList({
        required: false,
        description: 'SKUs to treat as taken, e.g. those already suggested for other rows of the same form (at most 200).',
      }),
    },
    resolve: (_root, args, ctx) => suggestSku(ctx, args.productName, args.attributes ?? [], args.exclude ?? []),
  }),
}));
