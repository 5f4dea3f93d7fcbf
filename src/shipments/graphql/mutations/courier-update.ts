// courierUpdate: recodes, renames, changes COD support or (re)activates a courier.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { DuplicateCourierError } from '../../courier-errors.js';
import { updateCourier } from '../../courier-service.js';
import { courierPayload } from './courier-payload.js';

export const CourierUpdateInput = builder.inputType('CourierUpdateInput', {
  description: 'Changes to a courier; fields left out stay as they are.',
  fields: (t) => ({
    courier: t.globalID({ required: true, description: 'Global id of the courier.' }),
    code: t.string({ required: false, description: 'New code, unique per tenant, stored lower-case, at most 30 characters.' }),
    name: t.string({ required: false, description: 'New display name, at most 100 characters.' }),
    supportsCod: t.boolean({ required: false, description: 'Whether it collects cash on delivery.' }),
    isActive: t.boolean({ required: false, description: 'Offer it to new shipments (true) or not (false).' }),
    flatFee: t.field({ type: 'Decimal', required: false, description: 'New price per shipment of a custom courier.' }),
    removeFlatFee: t.boolean({ required: false, description: 'Drop the flat fee: the courier is priced by its services\' rates.' }),
  }),
});

const CourierUpdatePayload = courierPayload('CourierUpdatePayload', 'The courier updated.');

builder.mutationField('courierUpdate', (t) =>
  t.field({
    type: CourierUpdatePayload,
    description: 'Updates a courier; a code already used is a DuplicateCourierError. Shipments that name it keep it.',
    errors: { types: [DuplicateCourierError] },
    args: { input: t.arg({ type: CourierUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      updateCourier(ctx, {
        courierId: decodeIdArg(input.courier, 'Courier'),
        code: input.code,
        name: input.name,
        supportsCod: input.supportsCod,
        isActive: input.isActive,
        flatFee: input.flatFee,
        removeFlatFee: input.removeFlatFee,
      }),
  }),
);
