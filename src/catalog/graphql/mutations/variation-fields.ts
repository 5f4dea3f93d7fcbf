// Input fields a variation shares between productCreate, variationCreate and
// variationUpdate (seed 002 `variations[...]`); `sku` and `price` are declared by
// each input, as they are required on create only.
import type { InputFieldBuilder, SchemaTypes } from '@pothos/core';
import { builder } from '../../../graphql/builder.js';
import { MAX_VARIATION_IMAGES } from '../../product-rules.js';
import { SKU_RULE } from '../../sku.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T extends SchemaTypes> ? T : never;

export const SKU_DESCRIPTION = `Stock keeping unit, unique in the shop: ${SKU_RULE}. skuGenerate suggests one.`;

export function variationInputFields(t: InputFieldBuilder<Types, 'InputObject'>) {
  return {
    name: t.string({ required: false, description: 'Variation name, e.g. "Merah / XL"; null clears it.' }),
    size: t.string({ required: false, description: 'Size, at most 50 characters; null clears it.' }),
    color: t.string({ required: false, description: 'Colour, at most 50 characters; null clears it.' }),
    weightGrams: t.int({
      required: false,
      description: "Weight in grams, 0 to 1000000; on create the product's weight when left out.",
    }),
    images: t.stringList({
      required: false,
      description: `Image URLs, http(s), at most ${MAX_VARIATION_IMAGES}.`,
    }),
    primaryImageIndex: t.int({
      required: false,
      description: 'Index in `images` of the primary image, 0 to 4; null clears it.',
    }),
    costPrice: t.field({
      type: 'Decimal',
      required: false,
      description: 'Purchase price, at least 0, 2 decimal places at most; null clears it.',
    }),
    available: t.boolean({
      required: false,
      description: 'Whether a SUPPLIER or PREORDER variation can be ordered now; default true. OWN variations count stock instead.',
    }),
  };
}
