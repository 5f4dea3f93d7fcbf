// customerCreate: seed 002 POST /customer/create, seed 004 "Add new customer".
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { createCustomer } from '../../customer-service.js';
import { CustomerStatusEnum } from '../customer-status.js';
import { customerPayload } from './customer-payload.js';

export const CustomerCreateInput = builder.inputType('CustomerCreateInput', {
  description: 'A new customer.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Full name (at most 100 characters).' }),
    phone: t.string({ required: false, description: 'Phone number: 6 to 20 digits, optionally starting with "+"; spaces, "-" and brackets are dropped.' }),
    email: t.string({ required: false, description: 'Email address, stored in lower case.' }),
    lineId: t.string({ required: false, description: 'LINE messenger id.' }),
    otherContact: t.string({ required: false, description: 'Any other contact, as typed.' }),
    category: t.globalID({ required: false, description: 'Global id of an active customer category of this shop.' }),
    categoryCode: t.string({ required: false, description: 'Or the category by code: "N" (customer), "Y" (reseller), "D" (dropshipper) or a custom code.' }),
    status: t.field({
      type: CustomerStatusEnum,
      required: false,
      description: 'Starting status: ACTIVE (default), PENDING to go through acceptance (customerAccept / customerRefuse), or INACTIVE.',
    }),
    address: t.string({ required: false, description: 'Street address.' }),
    region: t.globalID({ required: false, description: 'Global id of the region (sub-district) of the address.' }),
    postalCode: t.string({ required: false, description: 'Postal code, digits only.' }),
    notes: t.string({ required: false, description: 'Free text notes for people.' }),
  }),
});

const CustomerCreatePayload = customerPayload('CustomerCreatePayload', 'The customer created.');

builder.mutationField('customerCreate', (t) =>
  t.field({
    type: CustomerCreatePayload,
    description: 'Creates a customer. Every problem with the input (phone, email, region or category not of this shop, ...) comes back at once in a ValidationError.',
    errors: {},
    args: { input: t.arg({ type: CustomerCreateInput, required: true, description: 'The customer.' }) },
    resolve: (_root, { input }, ctx) => {
      const { category, region, ...fields } = input;
      return createCustomer(ctx, {
        ...fields,
        categoryId: category ? decodeIdArg(category, 'CustomerCategory') : category,
        regionId: region ? decodeIdArg(region, 'Region') : region,
      });
    },
  }),
);
