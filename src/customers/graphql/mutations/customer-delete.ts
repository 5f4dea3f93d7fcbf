// customerDelete: seed 002 activation-status "5" (delete), seed 004 "Delete customer by ID".
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { deleteCustomer, type CustomerDeleted } from '../../customer-service.js';

const CustomerDeleteInput = builder.inputType('CustomerDeleteInput', {
  description: 'The customer to delete.',
  fields: (t) => ({
    customer: t.globalID({ required: true, description: 'Global id of the customer.' }),
  }),
});

const CustomerDeletePayload = builder.objectRef<CustomerDeleted>('CustomerDeletePayload').implement({
  description: 'The customer deleted.',
  fields: (t) => ({
    deletedCustomerId: t.id({ description: 'Global id the customer had.', resolve: (p) => encodeGlobalID('Customer', p.customerId) }),
    softDeleted: t.exposeBoolean('softDeleted', {
      description: 'True when orders name the customer: it is kept, marked deleted (left out of lists and writes, still shown on its orders).',
    }),
    orderCount: t.exposeInt('orderCount', { description: 'Orders of the customer (drafts included).' }),
  }),
});

builder.mutationField('customerDelete', (t) =>
  t.field({
    type: CustomerDeletePayload,
    description:
      'Deletes a customer. Without orders the customer and its addresses are removed; with orders it is marked deleted so the orders keep it. ' +
      'Either way it leaves the `customers` list and cannot be changed any more.',
    errors: {},
    args: { input: t.arg({ type: CustomerDeleteInput, required: true, description: 'The customer.' }) },
    resolve: (_root, { input }, ctx) => deleteCustomer(ctx, decodeIdArg(input.customer, 'Customer')),
  }),
);
