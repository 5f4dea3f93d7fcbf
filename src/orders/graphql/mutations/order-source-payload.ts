// The payload of the order source catalogue mutations: the source, re-read with the client's selection.
import { builder } from '../../../graphql/builder.js';

export function orderSourcePayload(name: string, description: string) {
  return builder.objectRef<{ sourceId: number }>(name).implement({
    description,
    fields: (t) => ({
      source: t.prismaField({
        type: 'OrderSource',
        description: 'The order source after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.orderSource.findUniqueOrThrow({ ...query, where: { id: p.sourceId } }),
      }),
    }),
  });
}
