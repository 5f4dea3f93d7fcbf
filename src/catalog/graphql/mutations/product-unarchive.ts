// productUnarchive: seed 002 lists archived products under category ARCHIVED; here archiving is explicit.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { setProductArchived } from '../../product-service.js';
import { productPayload, productRefInput } from './catalog-payloads.js';

const ProductUnarchiveInput = productRefInput('ProductUnarchiveInput', 'The product to unarchive.');

const ProductUnarchivePayload = productPayload('ProductUnarchivePayload', 'The product after the change.');

builder.mutationField('productUnarchive', (t) =>
  t.field({
    type: ProductUnarchivePayload,
    description: 'Brings an archived product back into the catalog.',
    errors: { types: [] },
    args: { input: t.arg({ type: ProductUnarchiveInput, required: true, description: 'The product.' }) },
    resolve: (_root, { input }, ctx) => setProductArchived(ctx, decodeIdArg(input.product, 'Product'), false),
  }),
);
