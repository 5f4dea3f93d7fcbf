// productArchive: seed 002 lists archived products under category ARCHIVED; here archiving is explicit.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { setProductArchived } from '../../product-service.js';
import { productPayload, productRefInput } from './catalog-payloads.js';

const ProductArchiveInput = productRefInput('ProductArchiveInput', 'The product to archive.');

const ProductArchivePayload = productPayload('ProductArchivePayload', 'The product after the change.');

builder.mutationField('productArchive', (t) =>
  t.field({
    type: ProductArchivePayload,
    description: 'Archives a product: it leaves the catalog lists and storefronts but keeps its variations, prices, stock and order history. Archiving an archived product keeps its first archive time.',
    errors: { types: [] },
    args: { input: t.arg({ type: ProductArchiveInput, required: true, description: 'The product.' }) },
    resolve: (_root, { input }, ctx) => setProductArchived(ctx, decodeIdArg(input.product, 'Product'), true),
  }),
);
