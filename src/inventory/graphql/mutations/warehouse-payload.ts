// The payload of the warehouse writes: the warehouse, re-read with the client's selection.
import { builder } from '../../../graphql/builder.js';

export function warehousePayload(name: string, description: string) {
  return builder.objectRef<{ warehouseId: number }>(name).implement({
    description,
    fields: (t) => ({
      warehouse: t.prismaField({
        type: 'Warehouse',
        description: 'The warehouse after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.warehouse.findUniqueOrThrow({ ...query, where: { id: p.warehouseId } }),
      }),
    }),
  });
}

/** Input naming one warehouse, for activate, deactivate and delete. */
export function warehouseRefInput(name: string, description: string) {
  return builder.inputType(name, {
    description,
    fields: (t) => ({ warehouse: t.globalID({ required: true, description: 'Global id of the warehouse.' }) }),
  });
}
