// shippingRateSet: sets what a courier service charges between two regions.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { setShippingRate } from '../../shipping-catalog.js';
import { shippingRatePayload } from './courier-service-payload.js';

export const ShippingRateSetInput = builder.inputType('ShippingRateSetInput', {
  description: 'A rate of a service from one region to another; it replaces the rate set there before.',
  fields: (t) => ({
    service: t.globalID({ required: true, description: 'Global id of the CourierService.' }),
    origin: t.globalID({ required: true, description: 'Global id of the Region parcels leave from; a province or city rate serves every region under it.' }),
    destination: t.globalID({ required: true, description: 'Global id of the Region parcels go to; likewise at any level.' }),
    stepGrams: t.int({ required: false, description: 'Weight step in grams, 1 to 100,000; default 1000 (priced per kilogram begun).' }),
    firstStepPrice: t.field({ type: 'Decimal', required: true, description: 'Price of the first step.' }),
    nextStepPrice: t.field({ type: 'Decimal', required: false, description: 'Price of each further step; default the first step\'s.' }),
    minDays: t.int({ required: true, description: 'Fewest days on the way, 0 to 60.' }),
    maxDays: t.int({ required: true, description: 'Most days on the way, minDays to 60.' }),
  }),
});

const ShippingRateSetPayload = shippingRatePayload('ShippingRateSetPayload', 'The rate set.');

builder.mutationField('shippingRateSet', (t) =>
  t.field({
    type: ShippingRateSetPayload,
    description: 'Sets (creates or replaces) the rate of a courier service between two regions.',
    errors: { types: [] },
    args: { input: t.arg({ type: ShippingRateSetInput, required: true, description: 'The rate.' }) },
    resolve: (_root, { input }, ctx) =>
      setShippingRate(ctx, {
        ...input,
        serviceId: decodeIdArg(input.service, 'CourierService'),
        originRegionId: decodeIdArg(input.origin, 'Region'),
        destinationRegionId: decodeIdArg(input.destination, 'Region'),
      }),
  }),
);
