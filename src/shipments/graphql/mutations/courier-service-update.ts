// courierServiceUpdate: recodes, renames, retypes or (de)activates a courier service.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { updateCourierService } from '../../shipping-catalog.js';
import { CourierServiceTypeEnum } from '../shipping.js';
import { courierServicePayload } from './courier-service-payload.js';

export const CourierServiceUpdateInput = builder.inputType('CourierServiceUpdateInput', {
  description: 'Changes to a courier service; fields left out stay as they are.',
  fields: (t) => ({
    service: t.globalID({ required: true, description: 'Global id of the CourierService.' }),
    code: t.string({ required: false, description: 'New code, unique per courier.' }),
    name: t.string({ required: false, description: 'New display name.' }),
    type: t.field({ type: CourierServiceTypeEnum, required: false, description: 'New type.' }),
    supportsCod: t.boolean({ required: false, description: 'Whether it collects cash on delivery (the courier must).' }),
    isActive: t.boolean({ required: false, description: 'Quote and offer it (true) or not (false).' }),
  }),
});

const CourierServiceUpdatePayload = courierServicePayload('CourierServiceUpdatePayload', 'The service updated.');

builder.mutationField('courierServiceUpdate', (t) =>
  t.field({
    type: CourierServiceUpdatePayload,
    description: 'Updates a courier service; orders that chose it keep it.',
    errors: { types: [] },
    args: { input: t.arg({ type: CourierServiceUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) => updateCourierService(ctx, { ...input, serviceId: decodeIdArg(input.service, 'CourierService') }),
  }),
);
