// The payload of the delivery type mutations: the type, re-read with the client's selection.
import { builder } from '../../../graphql/builder.js';

export function deliveryTypePayload(name: string, description: string) {
  return builder.objectRef<{ deliveryTypeId: number }>(name).implement({
    description,
    fields: (t) => ({
      deliveryType: t.prismaField({
        type: 'DeliveryType',
        description: 'The delivery type after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.deliveryType.findUniqueOrThrow({ ...query, where: { id: p.deliveryTypeId } }),
      }),
    }),
  });
}
