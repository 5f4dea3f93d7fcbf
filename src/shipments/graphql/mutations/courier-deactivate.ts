// courierDeactivate: stops offering a courier; shipments that name it keep it.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { deactivateCourier } from '../../courier-service.js';
import { courierPayload } from './courier-payload.js';

export const CourierDeactivateInput = builder.inputType('CourierDeactivateInput', {
  description: 'The courier to stop offering.',
  fields: (t) => ({
    courier: t.globalID({ required: true, description: 'Global id of the courier.' }),
  }),
});

const CourierDeactivatePayload = courierPayload('CourierDeactivatePayload', 'The courier, now inactive.');

builder.mutationField('courierDeactivate', (t) =>
  t.field({
    type: CourierDeactivatePayload,
    description: 'Deactivates a courier (idempotent): new shipments may no longer use it. Reactivate it with courierUpdate(isActive: true).',
    errors: { types: [] },
    args: { input: t.arg({ type: CourierDeactivateInput, required: true, description: 'The courier.' }) },
    resolve: (_root, { input }, ctx) => deactivateCourier(ctx, { courierId: decodeIdArg(input.courier, 'Courier') }),
  }),
);
