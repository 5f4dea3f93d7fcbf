// variationArchive: hides a variation from sale without deleting its history.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { setVariationArchived } from '../../variation-service.js';
import { variationPayload, variationRefInput } from './catalog-payloads.js';

const VariationArchiveInput = variationRefInput('VariationArchiveInput', 'The variation to archive.');

const VariationArchivePayload = variationPayload('VariationArchivePayload', 'The variation after the change.');

builder.mutationField('variationArchive', (t) =>
  t.field({
    type: VariationArchivePayload,
    description: 'Archives a variation: it is no longer listed or sold but keeps its prices, stock and order history. Archiving an archived variation keeps its first archive time.',
    errors: { types: [] },
    args: { input: t.arg({ type: VariationArchiveInput, required: true, description: 'The variation.' }) },
    resolve: (_root, { input }, ctx) => setVariationArchived(ctx, decodeIdArg(input.variation, 'Variation'), true),
  }),
);
