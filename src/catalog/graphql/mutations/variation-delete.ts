// variationDelete: seed 002 DELETE /product/variation (one id here), refused while orders reference it.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { LastVariationError, VariationHasStockError, VariationInOrderHistoryError, VariationInUseError } from '../../errors.js';
import { deleteVariation } from '../../variation-service.js';
import { variationRefInput } from './catalog-payloads.js';

const VariationDeleteInput = variationRefInput('VariationDeleteInput', 'The variation to delete.');

const VariationDeletePayload = builder.objectRef<{ variationId: number; sku: string; productId: number }>('VariationDeletePayload').implement({
  description: 'The variation deleted, and its product as it is now.',
  fields: (t) => ({
    deletedVariationId: t.id({ description: 'Global id the variation had.', resolve: (p) => encodeGlobalID('Variation', p.variationId) }),
    sku: t.exposeString('sku', { description: 'Its SKU; it is free again.' }),
    product: t.prismaField({
      type: 'Product',
      description: 'The product it belonged to, after the delete.',
      resolve: (query, p, _args, ctx) => ctx.prisma.product.findUniqueOrThrow({ ...query, where: { id: p.productId } }),
    }),
  }),
});

builder.mutationField('variationDelete', (t) =>
  t.field({
    type: VariationDeletePayload,
    description:
      'Deletes a variation with its prices and empty stock rows. Refused for the last variation of a product (LastVariationError), ' +
      'while open orders reference it (VariationInUseError), while finished orders name it (VariationInOrderHistoryError: archive it instead) ' +
      'or while it holds stock (VariationHasStockError).',
    errors: { types: [LastVariationError, VariationInUseError, VariationInOrderHistoryError, VariationHasStockError] },
    args: { input: t.arg({ type: VariationDeleteInput, required: true, description: 'The variation.' }) },
    resolve: (_root, { input }, ctx) => deleteVariation(ctx, decodeIdArg(input.variation, 'Variation')),
  }),
);
