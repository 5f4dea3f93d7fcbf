// customerCategoryCreate (seed 002 POST /customer-category/create).
import { builder } from '../../../graphql/builder.js';
import { DuplicateCustomerCategoryError } from '../customer-category-error-types.js';
import { customerCategoryPayload } from './customer-category-payload.js';
import { createCustomerCategory } from '../../customer-category-service.js';

export const CustomerCategoryCreateInput = builder.inputType('CustomerCategoryCreateInput', {
  description: 'A new customer category.',
  fields: (t) => ({
    code: t.string({
      required: false,
      description: 'Code, unique per tenant, e.g. "Y" or "GROSIR" (letters, digits, "_", "-"; at most 20). Left out: the next free number, "1", "2", ..., as custom categories are numbered.',
    }),
    name: t.string({ required: true, description: 'Display name, e.g. "Pelanggan Tetap".' }),
    isActive: t.boolean({ required: false, description: 'Whether customers can be put in it; default true.' }),
    discountAccess: t.boolean({ required: false, description: 'Whether its customers get discounts; default true.' }),
    wholesaleAccess: t.boolean({ required: false, description: 'Whether its customers get wholesale prices; default true.' }),
  }),
});

const CustomerCategoryCreatePayload = customerCategoryPayload('CustomerCategoryCreatePayload', 'The category created.');

builder.mutationField('customerCategoryCreate', (t) =>
  t.field({
    type: CustomerCategoryCreatePayload,
    description: 'Creates a customer category; a code already used is a DuplicateCustomerCategoryError.',
    errors: { types: [DuplicateCustomerCategoryError] },
    args: { input: t.arg({ type: CustomerCategoryCreateInput, required: true, description: 'The category.' }) },
    resolve: (_root, { input }, ctx) => createCustomerCategory(ctx, input),
  }),
);
