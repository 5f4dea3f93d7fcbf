// customerUpdate: seed 002 PATCH /customer/update, seed 004 "Update customer by ID".
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { updateCustomer } from '../../customer-service.js';
import { customerPayload } from './customer-payload.js';

export const CustomerUpdateInput = builder.inputType('CustomerUpdateInput', {
  description: 'Changes to a customer: only the fields given change; null clears an optional one. The status changes through the lifecycle mutations (customerAccept, customerBlock, ...).',
  fields: (t) => ({
    customer: t.globalID({ required: true, description: 'Global id of the customer.' }),
    name: t.string({ required: false, description: 'New full name.' }),
    phone: t.string({ required: false, description: 'Phone number: 6 to 20 digits, optionally starting with "+"; null clears it.' }),
    email: t.string({ required: false, description: 'Email address; null clears it.' }),
    lineId: t.string({ required: false, description: 'LINE messenger id; null clears it.' }),
    otherContact: t.string({ required: false, description: 'Any other contact; null clears it.' }),
    category: t.globalID({ required: false, description: 'Global id of an active customer category of this shop; null takes the customer out of its category.' }),
    categoryCode: t.string({ required: false, description: 'Or the category by code ("N", "Y", "D" or custom).' }),
    address: t.string({ required: false, description: 'Street address; null clears it.' }),
    region: t.globalID({ required: false, description: 'Global id of the region (sub-district); null clears it.' }),
    postalCode: t.string({ required: false, description: 'Postal code, digits only; null clears it.' }),
    notes: t.string({ required: false, description: 'Free text notes; null clears them.' }),
  }),
});

const CustomerUpdatePayload = customerPayload('CustomerUpdatePayload', 'The customer after the change.');

builder.mutationField('customerUpdate', (t) =>
  t.field({
    type: CustomerUpdatePayload,
    description: 'Changes a customer. A deleted customer or one of another shop is not found; every problem with the input comes back at once.',
    errors: {},
    args: { input: t.arg({ type: CustomerUpdateInput, required: true, description: 'The customer and its changes.' }) },
    resolve: (_root, { input }, ctx) => {
      const { customer, category, region, ...fields } = input;
      return updateCustomer(ctx, decodeIdArg(customer, 'Customer'), {
        ...fields,
        categoryId: category ? decodeIdArg(category, 'CustomerCategory') : category,
        regionId: region ? decodeIdArg(region, 'Region') : region,
      });
    },
  }),
);
