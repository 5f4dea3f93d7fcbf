// courierServiceDeactivate: stops quoting and offering a service; orders that chose it keep it.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { updateCourierService } from '../../shipping-catalog.js';
import { courierServicePayload } from './courier-service-payload.js';

export const CourierServiceDeactivateInput = builder.inputType('CourierServiceDeactivateInput', {
  description: 'The service to stop offering.',
  fields: (t) => ({
    service: t.globalID({ required: true, description: 'Global id of the CourierService.' }),
  }),
});

const CourierServiceDeactivatePayload = courierServicePayload('CourierServiceDeactivatePayload', 'The service, now inactive.');

builder.mutationField('courierServiceDeactivate', (t) =>
  t.field({
    type: CourierServiceDeactivatePayload,
    description: 'Deactivates a courier service (idempotent): it is no longer quoted or accepted on new orders. Reactivate it with courierServiceUpdate(isActive: true).',
    errors: { types: [] },
    args: { input: t.arg({ type: CourierServiceDeactivateInput, required: true, description: 'The service.' }) },
    resolve: (_root, { input }, ctx) => updateCourierService(ctx, { serviceId: decodeIdArg(input.service, 'CourierService'), isActive: false }),
  }),
);
