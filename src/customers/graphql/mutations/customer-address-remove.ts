// customerAddressRemove: deletes a saved address; the default moves to the oldest remaining one.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { removeCustomerAddress } from '../../customer-address-service.js';

const CustomerAddressRemoveInput = builder.inputType('CustomerAddressRemoveInput', {
  description: 'The address to remove.',
  fields: (t) => ({
    customerAddress: t.globalID({ required: true, description: 'Global id of the address (CustomerAddress).' }),
  }),
});

const CustomerAddressRemovePayload = builder
  .objectRef<{ customerId: number; addressId: number; newDefaultAddressId: number | null }>('CustomerAddressRemovePayload')
  .implement({
    description: 'The address removed.',
    fields: (t) => ({
      removedAddressId: t.id({ description: 'Global id the address had.', resolve: (p) => encodeGlobalID('CustomerAddress', p.addressId) }),
      newDefaultAddressId: t.id({
        nullable: true,
        description: 'When the removed address was the default: the address that is the default now (null if none is left).',
        resolve: (p) => (p.newDefaultAddressId === null ? null : encodeGlobalID('CustomerAddress', p.newDefaultAddressId)),
      }),
      customer: t.prismaField({
        type: 'Customer',
        description: 'Its customer, with the addresses left.',
        resolve: (query, p, _args, ctx) => ctx.prisma.customer.findUniqueOrThrow({ ...query, where: { id: p.customerId } }),
      }),
    }),
  });

builder.mutationField('customerAddressRemove', (t) =>
  t.field({
    type: CustomerAddressRemovePayload,
    description: "Removes a saved address of a customer; if it was the default, the oldest remaining address becomes the default.",
    errors: {},
    args: { input: t.arg({ type: CustomerAddressRemoveInput, required: true, description: 'The address.' }) },
    resolve: (_root, { input }, ctx) => removeCustomerAddress(ctx, decodeIdArg(input.customerAddress, 'CustomerAddress')),
  }),
);
