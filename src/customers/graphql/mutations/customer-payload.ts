// Payload of the customer mutations that leave a customer: it is re-read with the client's selection.
import { builder } from '../../../graphql/builder.js';

export function customerPayload(name: string, description: string) {
  return builder.objectRef<{ customerId: number }>(name).implement({
    description,
    fields: (t) => ({
      customer: t.prismaField({
        type: 'Customer',
        description: 'The customer after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.customer.findUniqueOrThrow({ ...query, where: { id: p.customerId } }),
      }),
    }),
  });
}
