// customerAddressAdd: a saved shipping address of a customer.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { addCustomerAddress } from '../../customer-address-service.js';
import { customerAddressPayload } from './customer-address-payload.js';

export const CustomerAddressAddInput = builder.inputType('CustomerAddressAddInput', {
  description: 'A new shipping address of a customer.',
  fields: (t) => ({
    customer: t.globalID({ required: true, description: 'Global id of the customer.' }),
    label: t.string({ required: false, description: 'Label, e.g. "Kantor".' }),
    recipientName: t.string({ required: false, description: "Who receives parcels here; the customer's name when left out." }),
    phone: t.string({ required: false, description: 'Phone of the recipient: 6 to 20 digits, optionally starting with "+".' }),
    address: t.string({ required: true, description: 'Street address.' }),
    region: t.globalID({ required: false, description: 'Global id of the region (sub-district) of this shop.' }),
    postalCode: t.string({ required: false, description: 'Postal code, digits only.' }),
    isDefault: t.boolean({
      required: false,
      description: "Make it the customer's default address (the previous default stops being one). A customer's first address is the default anyway.",
    }),
  }),
});

const CustomerAddressAddPayload = customerAddressPayload('CustomerAddressAddPayload', 'The address added.');

builder.mutationField('customerAddressAdd', (t) =>
  t.field({
    type: CustomerAddressAddPayload,
    description: 'Adds a shipping address to a customer; a customer has at most one default address.',
    errors: {},
    args: { input: t.arg({ type: CustomerAddressAddInput, required: true, description: 'The customer and the address.' }) },
    resolve: (_root, { input }, ctx) => {
      const { customer, region, ...fields } = input;
      return addCustomerAddress(ctx, decodeIdArg(customer, 'Customer'), { ...fields, regionId: region ? decodeIdArg(region, 'Region') : region });
    },
  }),
);
