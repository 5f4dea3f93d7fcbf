// stockAdjust: seed 002 PATCH /product/update-stock, one line (status ADD / SUB as the sign of quantity).
import { WarehouseNotAllowedError } from '../../../auth/errors.js';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { InsufficientStockError, StockNotTrackedError, WarehouseInactiveError } from '../../errors.js';
import { adjustStock } from '../../stock-service.js';
import { stockPayload } from './stock-payload.js';

/** What a stock adjustment can be refused with, besides ValidationError and NotFoundError. */
export const STOCK_ADJUST_ERRORS = [InsufficientStockError, StockNotTrackedError, WarehouseInactiveError, WarehouseNotAllowedError];

export const StockAdjustInput = builder.inputType('StockAdjustInput', {
  description: 'Units added to or taken from one warehouse, with a reason.',
  fields: (t) => ({
    variation: t.globalID({ required: true, description: 'Global id of the variation (of an OWN stock product).' }),
    warehouse: t.globalID({ required: true, description: 'Global id of the warehouse.' }),
    quantity: t.int({ required: true, description: 'Units: positive adds, negative subtracts; not zero.' }),
    reason: t.string({ required: true, description: 'Why, kept on the ledger entry; at most 500 characters.' }),
  }),
});

export const StockAdjustPayload = stockPayload('StockAdjustPayload', 'The stock after the adjustment and its ADJUSTMENT ledger entry.');

builder.mutationField('stockAdjust', (t) =>
  t.field({
    type: StockAdjustPayload,
    description:
      'Adds or subtracts units in one warehouse, writing an ADJUSTMENT movement with the reason and who did it. ' +
      'Never below zero or below the reserved units (InsufficientStockError); an inactive warehouse takes nothing in.',
    errors: { types: STOCK_ADJUST_ERRORS },
    args: { input: t.arg({ type: StockAdjustInput, required: true, description: 'The adjustment.' }) },
    resolve: (_root, { input }, ctx) =>
      adjustStock(ctx, {
        variationId: decodeIdArg(input.variation, 'Variation'),
        warehouseId: decodeIdArg(input.warehouse, 'Warehouse'),
        quantity: input.quantity,
        reason: input.reason,
      }),
  }),
);
