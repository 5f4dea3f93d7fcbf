// Payload pieces of the stock writes: the stock rows and ledger entries written, re-read with the client's selection.
import { builder } from '../../../graphql/builder.js';
import type { StockChanged } from '../../stock-service.js';

export function stockPayload(name: string, description: string, extra: { previousOnHand?: boolean } = {}) {
  return builder.objectRef<StockChanged>(name).implement({
    description,
    fields: (t) => ({
      stockLevel: t.prismaField({
        type: 'StockLevel',
        description: 'The stock of the variation in the warehouse after the change.',
        resolve: (query, p, _args, ctx) =>
          ctx.prisma.stockLevel.findUniqueOrThrow({
            ...query,
            where: { variationId_warehouseId: { variationId: p.variationId, warehouseId: p.warehouseIds[0]! } },
          }),
      }),
      movement: t.prismaField({
        type: 'StockMovement',
        description: 'The ledger entry written.',
        resolve: (query, p, _args, ctx) => ctx.prisma.stockMovement.findUniqueOrThrow({ ...query, where: { id: p.movementIds[0]! } }),
      }),
      ...(extra.previousOnHand
        ? { previousOnHand: t.int({ description: 'On hand before the count.', resolve: (p) => p.previousOnHand ?? 0 }) }
        : {}),
    }),
  });
}
