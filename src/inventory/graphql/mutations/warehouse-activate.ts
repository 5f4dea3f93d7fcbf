// warehouseActivate: an inactive warehouse takes stock in and allocations again.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { setWarehouseActive } from '../../warehouse-service.js';
import { warehousePayload, warehouseRefInput } from './warehouse-payload.js';

const WarehouseActivateInput = warehouseRefInput('WarehouseActivateInput', 'The warehouse to activate.');
const WarehouseActivatePayload = warehousePayload('WarehouseActivatePayload', 'The warehouse, now active.');

builder.mutationField('warehouseActivate', (t) =>
  t.field({
    type: WarehouseActivatePayload,
    description: 'Activates a warehouse (no change if it already is).',
    errors: { types: [] },
    args: { input: t.arg({ type: WarehouseActivateInput, required: true, description: 'The warehouse.' }) },
    resolve: (_root, { input }, ctx) => setWarehouseActive(ctx, decodeIdArg(input.warehouse, 'Warehouse'), true),
  }),
);
