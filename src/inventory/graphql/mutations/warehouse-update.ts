// warehouseUpdate: seed 002 PATCH /warehouse. Fields left out stay as they are; null clears an optional one.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { DuplicateWarehouseCodeError } from '../../errors.js';
import { updateWarehouse } from '../../warehouse-service.js';
import { warehousePayload } from './warehouse-payload.js';

export const WarehouseUpdateInput = builder.inputType('WarehouseUpdateInput', {
  description: 'Changes to a warehouse: only the fields given change; null clears phone, address, postal code or region.',
  fields: (t) => ({
    warehouse: t.globalID({ required: true, description: 'Global id of the warehouse.' }),
    code: t.string({ required: false, description: 'New code, unique in the shop.' }),
    name: t.string({ required: false, description: 'New display name.' }),
    phone: t.string({ required: false, description: 'Contact phone; null clears it.' }),
    address: t.string({ required: false, description: 'Street address; null clears it.' }),
    postalCode: t.string({ required: false, description: 'Postal code; null clears it.' }),
    region: t.globalID({ required: false, description: 'Global id of the region (sub-district); null clears it.' }),
    isActive: t.boolean({ required: false, description: 'Active or not (same as warehouseActivate / warehouseDeactivate).' }),
  }),
});

const WarehouseUpdatePayload = warehousePayload('WarehouseUpdatePayload', 'The warehouse after the update.');

builder.mutationField('warehouseUpdate', (t) =>
  t.field({
    type: WarehouseUpdatePayload,
    description: 'Updates a warehouse. A code already used by another warehouse is refused (DuplicateWarehouseCodeError).',
    errors: { types: [DuplicateWarehouseCodeError] },
    args: { input: t.arg({ type: WarehouseUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      updateWarehouse(ctx, decodeIdArg(input.warehouse, 'Warehouse'), {
        code: input.code,
        name: input.name,
        phone: input.phone,
        address: input.address,
        postalCode: input.postalCode,
        regionId: input.region === undefined ? undefined : input.region === null ? null : decodeIdArg(input.region, 'Region'),
        isActive: input.isActive,
      }),
  }),
);
