// warehouseDelete: seed 002 DELETE /warehouse/{id}, refused while the warehouse is in use.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { WarehouseInUseError } from '../../errors.js';
import { deleteWarehouse } from '../../warehouse-service.js';
import { warehouseRefInput } from './warehouse-payload.js';

const WarehouseDeleteInput = warehouseRefInput('WarehouseDeleteInput', 'The warehouse to delete.');

const WarehouseDeletePayload = builder.objectRef<{ warehouseId: number; code: string; name: string }>('WarehouseDeletePayload').implement({
  description: 'The warehouse deleted.',
  fields: (t) => ({
    deletedWarehouseId: t.id({ description: 'Global id the warehouse had.', resolve: (p) => encodeGlobalID('Warehouse', p.warehouseId) }),
    code: t.exposeString('code', { description: 'Its code.' }),
    name: t.exposeString('name', { description: 'Its name.' }),
  }),
});

builder.mutationField('warehouseDelete', (t) =>
  t.field({
    type: WarehouseDeletePayload,
    description:
      'Deletes a warehouse with no units on hand and no order allocations, together with its empty stock rows and its ledger. ' +
      'Refused otherwise (WarehouseInUseError): deactivate it instead.',
    errors: { types: [WarehouseInUseError] },
    args: { input: t.arg({ type: WarehouseDeleteInput, required: true, description: 'The warehouse.' }) },
    resolve: (_root, { input }, ctx) => deleteWarehouse(ctx, decodeIdArg(input.warehouse, 'Warehouse')),
  }),
);
