// variationCreate: a new variation of an existing product (seed 002 PATCH /product with a `variations[]` entry without id).
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { DuplicateSkuError } from '../../errors.js';
import { createVariation } from '../../variation-service.js';
import { variationPayload } from './catalog-payloads.js';
import { SKU_DESCRIPTION, variationInputFields } from './variation-fields.js';

export const VariationCreateInput = builder.inputType('VariationCreateInput', {
  description: 'A new variation (SKU) of a product. Category and wholesale prices are set with variationPricesSet, stock with stockAdjust.',
  fields: (t) => ({
    product: t.globalID({ required: true, description: 'Global id of the product it belongs to.' }),
    sku: t.string({ required: true, description: SKU_DESCRIPTION }),
    price: t.field({ type: 'Decimal', required: true, description: 'Base selling price, at least 0, 2 decimal places at most.' }),
    ...variationInputFields(t),
  }),
});

const VariationCreatePayload = variationPayload('VariationCreatePayload', 'The variation created.');

builder.mutationField('variationCreate', (t) =>
  t.field({
    type: VariationCreatePayload,
    description: 'Adds a variation to a product. A SKU already used in the shop is refused with DuplicateSkuError.',
    errors: { types: [DuplicateSkuError] },
    args: { input: t.arg({ type: VariationCreateInput, required: true, description: 'The variation.' }) },
    resolve: (_root, { input }, ctx) => createVariation(ctx, decodeIdArg(input.product, 'Product'), input),
  }),
);
