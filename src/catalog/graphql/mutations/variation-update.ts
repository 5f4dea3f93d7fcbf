// variationUpdate: seed 002 PATCH /product `variations[]` entry with an id. Fields left out stay; null clears an optional one.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { DuplicateSkuError } from '../../errors.js';
import { updateVariation } from '../../variation-service.js';
import { variationPayload } from './catalog-payloads.js';
import { SKU_DESCRIPTION, variationInputFields } from './variation-fields.js';

export const VariationUpdateInput = builder.inputType('VariationUpdateInput', {
  description: 'Changes to a variation: only the fields given change; null clears name, size, colour, costPrice or primaryImageIndex.',
  fields: (t) => ({
    variation: t.globalID({ required: true, description: 'Global id of the variation.' }),
    sku: t.string({ required: false, description: `New SKU. ${SKU_DESCRIPTION} Orders keep the SKU they were placed with.` }),
    price: t.field({ type: 'Decimal', required: false, description: 'New base selling price, at least 0, 2 decimal places at most.' }),
    ...variationInputFields(t),
  }),
});

const VariationUpdatePayload = variationPayload('VariationUpdatePayload', 'The variation after the update.');

builder.mutationField('variationUpdate', (t) =>
  t.field({
    type: VariationUpdatePayload,
    description: 'Updates the fields of a variation given in the input. A SKU used by another variation is refused with DuplicateSkuError.',
    errors: { types: [DuplicateSkuError] },
    args: { input: t.arg({ type: VariationUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) => updateVariation(ctx, decodeIdArg(input.variation, 'Variation'), input),
  }),
);
