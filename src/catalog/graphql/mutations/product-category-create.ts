// productCategoryCreate: seed 002 POST /product-category, with an optional parent.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { DuplicateProductCategoryNameError } from '../../errors.js';
import { createProductCategory } from '../../product-category-service.js';
import { productCategoryPayload } from './catalog-payloads.js';

export const ProductCategoryCreateInput = builder.inputType('ProductCategoryCreateInput', {
  description: 'A new product category.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Category name, unique in the shop, at most 100 characters, e.g. "FASHION".' }),
    parent: t.globalID({ required: false, description: 'Global id of the enclosing category; left out for a top-level category.' }),
  }),
});

const ProductCategoryCreatePayload = productCategoryPayload('ProductCategoryCreatePayload', 'The category created.');

builder.mutationField('productCategoryCreate', (t) =>
  t.field({
    type: ProductCategoryCreatePayload,
    description: 'Creates a product category. A name already used in the shop is refused with DuplicateProductCategoryNameError.',
    errors: { types: [DuplicateProductCategoryNameError] },
    args: { input: t.arg({ type: ProductCategoryCreateInput, required: true, description: 'The category.' }) },
    resolve: (_root, { input }, ctx) =>
      createProductCategory(ctx, { name: input.name, parentId: input.parent ? decodeIdArg(input.parent, 'ProductCategory') : null }),
  }),
);
