// productCategoryDelete: seed 002 DELETE /product-category/{id}, refused while anything is filed under it.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { ProductCategoryInUseError } from '../../errors.js';
import { deleteProductCategory } from '../../product-category-service.js';

const ProductCategoryDeleteInput = builder.inputType('ProductCategoryDeleteInput', {
  description: 'The product category to delete.',
  fields: (t) => ({ productCategory: t.globalID({ required: true, description: 'Global id of the category.' }) }),
});

const ProductCategoryDeletePayload = builder.objectRef<{ productCategoryId: number; name: string }>('ProductCategoryDeletePayload').implement({
  description: 'The category deleted.',
  fields: (t) => ({
    deletedProductCategoryId: t.id({
      description: 'Global id the category had.',
      resolve: (p) => encodeGlobalID('ProductCategory', p.productCategoryId),
    }),
    name: t.exposeString('name', { description: 'Its name.' }),
  }),
});

builder.mutationField('productCategoryDelete', (t) =>
  t.field({
    type: ProductCategoryDeletePayload,
    description: 'Deletes a product category that no product (archived ones too) and no sub-category is filed under; otherwise ProductCategoryInUseError.',
    errors: { types: [ProductCategoryInUseError] },
    args: { input: t.arg({ type: ProductCategoryDeleteInput, required: true, description: 'The category.' }) },
    resolve: (_root, { input }, ctx) => deleteProductCategory(ctx, decodeIdArg(input.productCategory, 'ProductCategory')),
  }),
);
