// stockSet: seed 002 PATCH /product/sync-stock per warehouse, as compare-and-set.
import { WarehouseNotAllowedError } from '../../../auth/errors.js';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { InsufficientStockError, StockCountConflictError, StockNotTrackedError, WarehouseInactiveError } from '../../errors.js';
import { setStock } from '../../stock-service.js';
import { stockPayload } from './stock-payload.js';

export const StockSetInput = builder.inputType('StockSetInput', {
  description: 'A counted figure for one warehouse, applied only if on hand is still what the count started from.',
  fields: (t) => ({
    variation: t.globalID({ required: true, description: 'Global id of the variation (of an OWN stock product).' }),
    warehouse: t.globalID({ required: true, description: 'Global id of the warehouse.' }),
    quantity: t.int({ required: true, description: 'The counted units on hand; zero or more.' }),
    expected: t.int({
      required: true,
      description: 'On hand as read before counting (StockLevel.onHand, 0 if there is no row). Another figure means someone changed it meanwhile.',
    }),
    reason: t.string({ required: false, description: 'Note for the ledger entry; default "Stock count: <before> -> <after>".' }),
  }),
});

const StockSetPayload = stockPayload('StockSetPayload', 'The stock after the count and its COUNT ledger entry.', { previousOnHand: true });

builder.mutationField('stockSet', (t) =>
  t.field({
    type: StockSetPayload,
    description:
      'Sets on hand to a counted figure if it still equals `expected` (compare-and-set), else StockCountConflictError and nothing is written. ' +
      'Writes a COUNT movement with the difference (also a zero one: the count is history). Not below the reserved units (InsufficientStockError).',
    errors: { types: [StockCountConflictError, InsufficientStockError, StockNotTrackedError, WarehouseInactiveError, WarehouseNotAllowedError] },
    args: { input: t.arg({ type: StockSetInput, required: true, description: 'The count.' }) },
    resolve: (_root, { input }, ctx) =>
      setStock(ctx, {
        variationId: decodeIdArg(input.variation, 'Variation'),
        warehouseId: decodeIdArg(input.warehouse, 'Warehouse'),
        quantity: input.quantity,
        expected: input.expected,
        reason: input.reason,
      }),
  }),
);
