// stockMove: units from one warehouse to another in one transaction (seed 002 update-stock with move_warehouse_stock).
import { WarehouseNotAllowedError } from '../../../auth/errors.js';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { InsufficientStockError, StockNotTrackedError, WarehouseInactiveError } from '../../errors.js';
import { moveStock, type StockChanged } from '../../stock-service.js';

export const StockMoveInput = builder.inputType('StockMoveInput', {
  description: 'Units moved from one warehouse to another of the shop.',
  fields: (t) => ({
    variation: t.globalID({ required: true, description: 'Global id of the variation (of an OWN stock product).' }),
    from: t.globalID({ required: true, description: 'Global id of the warehouse the units leave.' }),
    to: t.globalID({ required: true, description: 'Global id of the (active) warehouse the units arrive in.' }),
    quantity: t.int({ required: true, description: 'Units moved; at least 1, at most the units available (not reserved) in `from`.' }),
    reason: t.string({ required: true, description: 'Why, kept on both ledger entries; at most 500 characters.' }),
  }),
});

const StockMovePayload = builder.objectRef<StockChanged>('StockMovePayload').implement({
  description: 'Both sides of the move and their ledger entries.',
  fields: (t) => ({
    source: t.prismaField({
      type: 'StockLevel',
      description: 'Stock in the warehouse the units left.',
      resolve: (query, p, _args, ctx) =>
        ctx.prisma.stockLevel.findUniqueOrThrow({ ...query, where: { variationId_warehouseId: { variationId: p.variationId, warehouseId: p.warehouseIds[0]! } } }),
    }),
    destination: t.prismaField({
      type: 'StockLevel',
      description: 'Stock in the warehouse the units arrived in.',
      resolve: (query, p, _args, ctx) =>
        ctx.prisma.stockLevel.findUniqueOrThrow({ ...query, where: { variationId_warehouseId: { variationId: p.variationId, warehouseId: p.warehouseIds[1]! } } }),
    }),
    movements: t.prismaField({
      type: ['StockMovement'],
      description: 'The TRANSFER_OUT and the TRANSFER_IN entry, in that order.',
      resolve: (query, p, _args, ctx) => ctx.prisma.stockMovement.findMany({ ...query, where: { id: { in: p.movementIds } }, orderBy: { id: 'asc' } }),
    }),
  }),
});

builder.mutationField('stockMove', (t) =>
  t.field({
    type: StockMovePayload,
    description:
      'Moves units between two warehouses in one transaction: TRANSFER_OUT from `from`, TRANSFER_IN to `to`, both or neither. ' +
      'Only available units can leave (InsufficientStockError); an inactive destination is refused.',
    errors: { types: [InsufficientStockError, StockNotTrackedError, WarehouseInactiveError, WarehouseNotAllowedError] },
    args: { input: t.arg({ type: StockMoveInput, required: true, description: 'The move.' }) },
    resolve: (_root, { input }, ctx) =>
      moveStock(ctx, {
        variationId: decodeIdArg(input.variation, 'Variation'),
        fromWarehouseId: decodeIdArg(input.from, 'Warehouse'),
        toWarehouseId: decodeIdArg(input.to, 'Warehouse'),
        quantity: input.quantity,
        reason: input.reason,
      }),
  }),
);
