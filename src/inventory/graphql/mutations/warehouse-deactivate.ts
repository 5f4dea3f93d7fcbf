// warehouseDeactivate: keeps stock and history, takes no stock in and no new allocations.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { setWarehouseActive } from '../../warehouse-service.js';
import { warehousePayload, warehouseRefInput } from './warehouse-payload.js';

const WarehouseDeactivateInput = warehouseRefInput('WarehouseDeactivateInput', 'The warehouse to deactivate.');
const WarehouseDeactivatePayload = warehousePayload('WarehouseDeactivatePayload', 'The warehouse, now inactive.');

builder.mutationField('warehouseDeactivate', (t) =>
  t.field({
    type: WarehouseDeactivatePayload,
    description:
      'Deactivates a warehouse: its stock and ledger stay, stock can still be taken out or moved away, but nothing comes in. ' +
      'The way to retire a warehouse that orders refer to.',
    errors: { types: [] },
    args: { input: t.arg({ type: WarehouseDeactivateInput, required: true, description: 'The warehouse.' }) },
    resolve: (_root, { input }, ctx) => setWarehouseActive(ctx, decodeIdArg(input.warehouse, 'Warehouse'), false),
  }),
);
