// customerCategoryUpdate (seed 002 PATCH /customer-category/update).
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { DuplicateCustomerCategoryError } from '../customer-category-error-types.js';
import { customerCategoryPayload } from './customer-category-payload.js';
import { updateCustomerCategory } from '../../customer-category-service.js';

export const CustomerCategoryUpdateInput = builder.inputType('CustomerCategoryUpdateInput', {
  description: 'Changes to a customer category; fields left out stay as they are.',
  fields: (t) => ({
    id: t.globalID({ required: true, description: 'Global id of the category.' }),
    code: t.string({ required: false, description: 'New code, unique per tenant (letters, digits, "_", "-"; at most 20).' }),
    name: t.string({ required: false, description: 'New display name.' }),
    isActive: t.boolean({ required: false, description: 'Whether it is active: inactive categories take no new customers.' }),
    discountAccess: t.boolean({ required: false, description: 'Whether its customers get discounts.' }),
    wholesaleAccess: t.boolean({ required: false, description: 'Whether its customers get wholesale prices.' }),
  }),
});

const CustomerCategoryUpdatePayload = customerCategoryPayload('CustomerCategoryUpdatePayload', 'The category after the change.');

builder.mutationField('customerCategoryUpdate', (t) =>
  t.field({
    type: CustomerCategoryUpdatePayload,
    description: "Changes a customer category's code, name, active flag or price access; a code already used is a DuplicateCustomerCategoryError.",
    errors: { types: [DuplicateCustomerCategoryError] },
    args: { input: t.arg({ type: CustomerCategoryUpdateInput, required: true, description: 'The category and its changes.' }) },
    resolve: (_root, { input }, ctx) => {
      const { id, ...fields } = input;
      return updateCustomerCategory(ctx, { ...fields, categoryId: decodeIdArg(id, 'CustomerCategory') });
    },
  }),
);
