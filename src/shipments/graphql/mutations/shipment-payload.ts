// The payload of the shipment mutations: the shipment (and through it its order), re-read with the client's selection.
import { builder } from '../../../graphql/builder.js';

export function shipmentPayload<T extends { shipmentId: number }>(name: string, description: string) {
  return builder.objectRef<T>(name).implement({
    description,
    fields: (t) => ({
      shipment: t.prismaField({
        type: 'Shipment',
        description: 'The shipment after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.shipment.findUniqueOrThrow({ ...query, where: { id: p.shipmentId } }),
      }),
    }),
  });
}
