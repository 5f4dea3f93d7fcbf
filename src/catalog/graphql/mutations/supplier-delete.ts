// supplierDelete: not in seed 002 (it has no supplier delete); refused while products name the supplier.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { SupplierInUseError } from '../../errors.js';
import { deleteSupplier } from '../../supplier-service.js';

const SupplierDeleteInput = builder.inputType('SupplierDeleteInput', {
  description: 'The supplier to delete.',
  fields: (t) => ({ supplier: t.globalID({ required: true, description: 'Global id of the supplier.' }) }),
});

const SupplierDeletePayload = builder.objectRef<{ supplierId: number; name: string }>('SupplierDeletePayload').implement({
  description: 'The supplier deleted.',
  fields: (t) => ({
    deletedSupplierId: t.id({ description: 'Global id the supplier had.', resolve: (p) => encodeGlobalID('Supplier', p.supplierId) }),
    name: t.exposeString('name', { description: 'Its name.' }),
  }),
});

builder.mutationField('supplierDelete', (t) =>
  t.field({
    type: SupplierDeletePayload,
    description: 'Deletes a supplier that no product (archived ones too) names; otherwise SupplierInUseError.',
    errors: { types: [SupplierInUseError] },
    args: { input: t.arg({ type: SupplierDeleteInput, required: true, description: 'The supplier.' }) },
    resolve: (_root, { input }, ctx) => deleteSupplier(ctx, decodeIdArg(input.supplier, 'Supplier')),
  }),
);
