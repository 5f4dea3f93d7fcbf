// The payload of customerCategoryCreate / Update: the category, re-read with the client's selection.
import { builder } from '../../../graphql/builder.js';

export function customerCategoryPayload(name: string, description: string) {
  return builder.objectRef<{ categoryId: number }>(name).implement({
    description,
    fields: (t) => ({
      customerCategory: t.prismaField({
        type: 'CustomerCategory',
        description: 'The category after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.customerCategory.findUniqueOrThrow({ ...query, where: { id: p.categoryId } }),
      }),
    }),
  });
}
