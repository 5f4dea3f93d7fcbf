// The payload of the courier catalogue mutations: the courier, re-read with the client's selection.
import { builder } from '../../../graphql/builder.js';

export function courierPayload(name: string, description: string) {
  return builder.objectRef<{ courierId: number }>(name).implement({
    description,
    fields: (t) => ({
      courier: t.prismaField({
        type: 'Courier',
        description: 'The courier after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.courier.findUniqueOrThrow({ ...query, where: { id: p.courierId } }),
      }),
    }),
  });
}
