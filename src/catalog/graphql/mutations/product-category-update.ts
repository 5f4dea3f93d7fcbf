// productCategoryUpdate: seed 002 PATCH /product-category (rename), and moves in the tree.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { DuplicateProductCategoryNameError } from '../../errors.js';
import { updateProductCategory } from '../../product-category-service.js';
import { productCategoryPayload } from './catalog-payloads.js';

export const ProductCategoryUpdateInput = builder.inputType('ProductCategoryUpdateInput', {
  description: 'Changes to a product category: only the fields given change.',
  fields: (t) => ({
    productCategory: t.globalID({ required: true, description: 'Global id of the category.' }),
    name: t.string({ required: false, description: 'New name, unique in the shop.' }),
    parent: t.globalID({
      required: false,
      description: 'Global id of the new enclosing category; null moves it to the top. It must not be the category itself or one of its sub-categories.',
    }),
  }),
});

const ProductCategoryUpdatePayload = productCategoryPayload('ProductCategoryUpdatePayload', 'The category after the update.');

builder.mutationField('productCategoryUpdate', (t) =>
  t.field({
    type: ProductCategoryUpdatePayload,
    description:
      'Renames or moves a product category. A name used by another category is refused (DuplicateProductCategoryNameError); ' +
      'a parent that would close a loop is a ValidationError on `parent`.',
    errors: { types: [DuplicateProductCategoryNameError] },
    args: { input: t.arg({ type: ProductCategoryUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      updateProductCategory(ctx, decodeIdArg(input.productCategory, 'ProductCategory'), {
        name: input.name,
        parentId: input.parent === undefined ? undefined : input.parent === null ? null : decodeIdArg(input.parent, 'ProductCategory'),
      }),
  }),
);
