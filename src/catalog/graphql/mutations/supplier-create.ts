// supplierCreate: seed 002 POST /supplier/create.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { createSupplier } from '../../supplier-service.js';
import { supplierPayload } from './catalog-payloads.js';

export const SupplierCreateInput = builder.inputType('SupplierCreateInput', {
  description: 'A new supplier.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Supplier name, at most 200 characters.' }),
    phone: t.string({ required: false, description: 'Contact phone, e.g. "08123456789".' }),
    email: t.string({ required: false, description: 'Contact email.' }),
    address: t.string({ required: false, description: 'Street address, at most 500 characters.' }),
    region: t.globalID({ required: false, description: 'Global id of the region of the address.' }),
    postalCode: t.string({ required: false, description: 'Postal code, 3 to 10 letters or digits.' }),
    notes: t.string({ required: false, description: 'Free text notes, at most 2000 characters.' }),
  }),
});

const SupplierCreatePayload = supplierPayload('SupplierCreatePayload', 'The supplier created.');

builder.mutationField('supplierCreate', (t) =>
  t.field({
    type: SupplierCreatePayload,
    description: 'Creates a supplier.',
    errors: { types: [] },
    args: { input: t.arg({ type: SupplierCreateInput, required: true, description: 'The supplier.' }) },
    resolve: (_root, { input }, ctx) =>
      createSupplier(ctx, { ...input, regionId: input.region ? decodeIdArg(input.region, 'Region') : null }),
  }),
);
