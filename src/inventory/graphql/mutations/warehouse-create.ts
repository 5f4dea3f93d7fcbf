// warehouseCreate: seed 002 POST /warehouse.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { DuplicateWarehouseCodeError } from '../../errors.js';
import { createWarehouse } from '../../warehouse-service.js';
import { warehousePayload } from './warehouse-payload.js';

export const WarehouseCreateInput = builder.inputType('WarehouseCreateInput', {
  description: 'A new warehouse.',
  fields: (t) => ({
    code: t.string({
      required: true,
      description: 'Short code, unique in the shop, e.g. "GDG-JKT": letters, digits, "_", "." and "-", at most 50.',
    }),
    name: t.string({ required: true, description: 'Display name, at most 200 characters.' }),
    phone: t.string({ required: false, description: 'Contact phone, e.g. "+62 21 555 0101".' }),
    address: t.string({ required: false, description: 'Street address, at most 500 characters.' }),
    postalCode: t.string({ required: false, description: 'Postal code, e.g. "10150".' }),
    region: t.globalID({ required: false, description: 'Global id of the region (sub-district) of the address.' }),
    isActive: t.boolean({ required: false, description: 'Whether it takes stock in and new allocations; default true.' }),
  }),
});

const WarehouseCreatePayload = warehousePayload('WarehouseCreatePayload', 'The warehouse created.');

builder.mutationField('warehouseCreate', (t) =>
  t.field({
    type: WarehouseCreatePayload,
    description: 'Creates a warehouse. The code must be unique in the shop (DuplicateWarehouseCodeError).',
    errors: { types: [DuplicateWarehouseCodeError] },
    args: { input: t.arg({ type: WarehouseCreateInput, required: true, description: 'The warehouse.' }) },
    resolve: (_root, { input }, ctx) =>
      createWarehouse(ctx, {
        code: input.code,
        name: input.name,
        phone: input.phone,
        address: input.address,
        postalCode: input.postalCode,
        regionId: input.region ? decodeIdArg(input.region, 'Region') : null,
        isActive: input.isActive ?? true,
      }),
  }),
);
