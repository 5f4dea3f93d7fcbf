// courierServiceCreate: adds a service (REG, YES, ...) to a courier.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { createCourierService } from '../../shipping-catalog.js';
import { CourierServiceTypeEnum } from '../shipping.js';
import { courierServicePayload } from './courier-service-payload.js';

export const CourierServiceCreateInput = builder.inputType('CourierServiceCreateInput', {
  description: 'A new service of a courier.',
  fields: (t) => ({
    courier: t.globalID({ required: true, description: 'Global id of the courier.' }),
    code: t.string({ required: true, description: 'The courier\'s service code, unique per courier, stored upper-case, at most 30 characters, e.g. "REG".' }),
    name: t.string({ required: true, description: 'Display name, at most 100 characters, e.g. "Regular".' }),
    type: t.field({ type: CourierServiceTypeEnum, required: false, description: 'Regular (default), express or trucking.' }),
    supportsCod: t.boolean({ required: false, description: 'Whether it collects cash on delivery (the courier must); default false.' }),
    isActive: t.boolean({ required: false, description: 'Whether it is quoted and offered; default true.' }),
  }),
});

const CourierServiceCreatePayload = courierServicePayload('CourierServiceCreatePayload', 'The service created.');

builder.mutationField('courierServiceCreate', (t) =>
  t.field({
    type: CourierServiceCreatePayload,
    description: 'Adds a service to a courier; a code the courier already has is a ValidationError.',
    errors: { types: [] },
    args: { input: t.arg({ type: CourierServiceCreateInput, required: true, description: 'The service.' }) },
    resolve: (_root, { input }, ctx) => createCourierService(ctx, { ...input, courierId: decodeIdArg(input.courier, 'Courier') }),
  }),
);
