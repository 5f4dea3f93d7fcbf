// productDelete: seed 002 DELETE /product, refused while orders reference one of its variations.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { VariationHasStockError, VariationInOrderHistoryError, VariationInUseError } from '../../errors.js';
import { deleteProduct } from '../../product-service.js';
import { productRefInput } from './catalog-payloads.js';

const ProductDeleteInput = productRefInput('ProductDeleteInput', 'The product to delete.');

const ProductDeletePayload = builder
  .objectRef<{ productId: number; name: string; variationIds: number[]; skus: string[] }>('ProductDeletePayload')
  .implement({
    description: 'The product deleted, with the variations that went with it.',
    fields: (t) => ({
      deletedProductId: t.id({ description: 'Global id the product had.', resolve: (p) => encodeGlobalID('Product', p.productId) }),
      name: t.exposeString('name', { description: 'Its name.' }),
      deletedVariationIds: t.idList({
        description: 'Global ids its variations had.',
        resolve: (p) => p.variationIds.map((id) => encodeGlobalID('Variation', id)),
      }),
      skus: t.exposeStringList('skus', { description: 'SKUs of its variations; they are free again.' }),
    }),
  });

builder.mutationField('productDelete', (t) =>
  t.field({
    type: ProductDeletePayload,
    description:
      'Deletes a product with its variations, their prices and empty stock rows. Refused while open orders reference one of its variations ' +
      '(VariationInUseError), while finished orders name one (VariationInOrderHistoryError: archive the product instead) ' +
      'or while one holds stock (VariationHasStockError).',
    errors: { types: [VariationInUseError, VariationInOrderHistoryError, VariationHasStockError] },
    args: { input: t.arg({ type: ProductDeleteInput, required: true, description: 'The product.' }) },
    resolve: (_root, { input }, ctx) => deleteProduct(ctx, decodeIdArg(input.product, 'Product')),
  }),
);
