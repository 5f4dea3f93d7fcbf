// variationUnarchive: hides a variation from sale without deleting its history.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { setVariationArchived } from '../../variation-service.js';
import { variationPayload, variationRefInput } from './catalog-payloads.js';

const VariationUnarchiveInput = variationRefInput('VariationUnarchiveInput', 'The variation to unarchive.');

const VariationUnarchivePayload = variationPayload('VariationUnarchivePayload', 'The variation after the change.');

builder.mutationField('variationUnarchive', (t) =>
  t.field({
    type: VariationUnarchivePayload,
    description: 'Brings an archived variation back.',
    errors: { types: [] },
    args: { input: t.arg({ type: VariationUnarchiveInput, required: true, description: 'The variation.' }) },
    resolve: (_root, { input }, ctx) => setVariationArchived(ctx, decodeIdArg(input.variation, 'Variation'), false),
  }),
);
