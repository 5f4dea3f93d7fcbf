// supplierUpdate: seed 002 update supplier. Fields left out stay; null clears an optional one.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { updateSupplier } from '../../supplier-service.js';
import { supplierPayload } from './catalog-payloads.js';

export const SupplierUpdateInput = builder.inputType('SupplierUpdateInput', {
  description: 'Changes to a supplier: only the fields given change; null clears an optional one.',
  fields: (t) => ({
    supplier: t.globalID({ required: true, description: 'Global id of the supplier.' }),
    name: t.string({ required: false, description: 'New name.' }),
    phone: t.string({ required: false, description: 'Contact phone; null clears it.' }),
    email: t.string({ required: false, description: 'Contact email; null clears it.' }),
    address: t.string({ required: false, description: 'Street address; null clears it.' }),
    region: t.globalID({ required: false, description: 'Global id of the region of the address; null clears it.' }),
    postalCode: t.string({ required: false, description: 'Postal code; null clears it.' }),
    notes: t.string({ required: false, description: 'Free text notes; null clears them.' }),
  }),
});

const SupplierUpdatePayload = supplierPayload('SupplierUpdatePayload', 'The supplier after the update.');

builder.mutationField('supplierUpdate', (t) =>
  t.field({
    type: SupplierUpdatePayload,
    description: 'Updates the fields of a supplier given in the input.',
    errors: { types: [] },
    args: { input: t.arg({ type: SupplierUpdateInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      updateSupplier(ctx, decodeIdArg(input.supplier, 'Supplier'), {
        name: input.name,
        phone: input.phone,
        email: input.email,
        address: input.address,
        postalCode: input.postalCode,
        notes: input.notes,
        regionId: input.region === undefined ? undefined : input.region === null ? null : decodeIdArg(input.region, 'Region'),
      }),
  }),
);
