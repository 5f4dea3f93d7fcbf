// Payload of customerAddressAdd / Update: the address and its customer (whose default may have moved), re-read with the client's selection.
import { builder } from '../../../graphql/builder.js';

export function customerAddressPayload(name: string, description: string) {
  return builder.objectRef<{ customerId: number; addressId: number }>(name).implement({
    description,
    fields: (t) => ({
      address: t.prismaField({
        type: 'CustomerAddress',
        description: 'The address after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.customerAddress.findUniqueOrThrow({ ...query, where: { id: p.addressId } }),
      }),
      customer: t.prismaField({
        type: 'Customer',
        description: 'Its customer, e.g. to read all addresses and which one is the default now.',
        resolve: (query, p, _args, ctx) => ctx.prisma.customer.findUniqueOrThrow({ ...query, where: { id: p.customerId } }),
      }),
    }),
  });
}
