// The payload of the reason catalogue mutations: the reason, re-read with the client's selection.
import { builder } from '../../../graphql/builder.js';

export function orderReasonPayload(name: string, description: string) {
  return builder.objectRef<{ reasonId: number }>(name).implement({
    description,
    fields: (t) => ({
      reason: t.prismaField({
        type: 'OrderReason',
        description: 'The reason after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.orderReason.findUniqueOrThrow({ ...query, where: { id: p.reasonId } }),
      }),
    }),
  });
}
