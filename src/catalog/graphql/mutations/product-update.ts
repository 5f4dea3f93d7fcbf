// productUpdate: seed 002 PATCH /product (its `variations[]` are variationCreate,
// variationUpdate and variationDelete here). Fields left out stay; null clears an optional one.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { updateProduct } from '../../product-service.js';
import { MAX_PREORDER, MAX_PRODUCT_IMAGES } from '../../product-rules.js';
import { PreorderUnitEnum, StockTypeEnum } from '../types.js';
import { productPayload } from './catalog-payloads.js';

export const ProductUpdateInput = builder.inputType('ProductUpdateInput', {
  description: 'Changes to a product: only the fields given change; null clears description, category, supplier or the preorder time.',
  fields: (t) => ({
    product: t.globalID({ required: true, description: 'Global id of the product.' }),
    name: t.string({ required: false, description: 'New name, at most 200 characters.' }),
    description: t.string({ required: false, description: 'Long description; null clears it.' }),
    stockType: t.field({
      type: StockTypeEnum,
      required: false,
      description: 'New stock type. Leaving OWN is refused while its variations hold stock; leaving PREORDER clears the preorder time.',
    }),
    category: t.globalID({ required: false, description: 'Global id of the product category; null leaves it uncategorized.' }),
    supplier: t.globalID({ required: false, description: 'Global id of the supplier; null clears it.' }),
    weightGrams: t.int({ required: false, description: 'Default weight of a variation in grams, 0 to 1000000 (existing variations keep theirs).' }),
    images: t.stringList({ required: false, description: `Image URLs, http(s), at most ${MAX_PRODUCT_IMAGES}; replaces the list.` }),
    isActive: t.boolean({ required: false, description: 'Published on storefronts and to partners.' }),
    isFeatured: t.boolean({ required: false, description: 'Highlighted on storefronts.' }),
    showStock: t.boolean({ required: false, description: 'Whether storefronts may show stock figures.' }),
    preorderUnit: t.field({ type: PreorderUnitEnum, required: false, description: 'Unit of the preorder time (PREORDER products only).' }),
    preorderLength: t.int({
      required: false,
      description: `Preorder time in \`preorderUnit\`s, 1 to ${MAX_PREORDER.DAY} days or ${MAX_PREORDER.WEEK} weeks (PREORDER products only).`,
    }),
  }),
});

const ProductUpdatePayload = productPayload('ProductUpdatePayload', 'The product after the update.');

builder.mutationField('productUpdate', (t) =>
  t.field({
    type: ProductUpdatePayload,
    description: 'Updates the fields of a product given in the input, after checking all of them (ValidationError lists every problem).',
    errors: { types: [] },
    args: { input: t.arg({ type: ProductUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      updateProduct(ctx, decodeIdArg(input.product, 'Product'), {
        name: input.name,
        description: input.description,
        stockType: input.stockType,
        categoryId: input.category === undefined ? undefined : input.category === null ? null : decodeIdArg(input.category, 'ProductCategory'),
        supplierId: input.supplier === undefined ? undefined : input.supplier === null ? null : decodeIdArg(input.supplier, 'Supplier'),
        weightGrams: input.weightGrams,
        images: input.images,
        isActive: input.isActive,
        isFeatured: input.isFeatured,
        showStock: input.showStock,
        preorderUnit: input.preorderUnit,
        preorderLength: input.preorderLength,
      }),
  }),
);
