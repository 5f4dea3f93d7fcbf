// customerAddressUpdate: changes a saved shipping address, or makes it the default.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { updateCustomerAddress } from '../../customer-address-service.js';
import { customerAddressPayload } from './customer-address-payload.js';

export const CustomerAddressUpdateInput = builder.inputType('CustomerAddressUpdateInput', {
  description: 'Changes to a saved address: only the fields given change; null clears an optional one.',
  fields: (t) => ({
    customerAddress: t.globalID({ required: true, description: 'Global id of the address (CustomerAddress).' }),
    label: t.string({ required: false, description: 'Label; null clears it.' }),
    recipientName: t.string({ required: false, description: 'Who receives parcels here.' }),
    phone: t.string({ required: false, description: 'Phone of the recipient; null clears it.' }),
    address: t.string({ required: false, description: 'Street address.' }),
    region: t.globalID({ required: false, description: 'Global id of the region (sub-district); null clears it.' }),
    postalCode: t.string({ required: false, description: 'Postal code, digits only; null clears it.' }),
    isDefault: t.boolean({
      required: false,
      description: 'true makes it the default (the previous default stops being one, in the same transaction). The default cannot be unset with false: make another address the default.',
    }),
  }),
});

const CustomerAddressUpdatePayload = customerAddressPayload('CustomerAddressUpdatePayload', 'The address after the change.');

builder.mutationField('customerAddressUpdate', (t) =>
  t.field({
    type: CustomerAddressUpdatePayload,
    description: 'Changes a saved address of a customer.',
    errors: {},
    args: { input: t.arg({ type: CustomerAddressUpdateInput, required: true, description: 'The address and its changes.' }) },
    resolve: (_root, { input }, ctx) => {
      const { customerAddress, region, ...fields } = input;
      return updateCustomerAddress(ctx, decodeIdArg(customerAddress, 'CustomerAddress'), {
        ...fields,
        regionId: region ? decodeIdArg(region, 'Region') : region,
      });
    },
  }),
);
