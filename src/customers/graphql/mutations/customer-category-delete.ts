// customerCategoryDelete: removes a category nobody uses (seed 002 has no delete; deactivating stays the usual way).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { CustomerCategoryInUseError } from '../customer-category-error-types.js';
import { deleteCustomerCategory } from '../../customer-category-service.js';

export const CustomerCategoryDeleteInput = builder.inputType('CustomerCategoryDeleteInput', {
  description: 'The customer category to delete.',
  fields: (t) => ({
    id: t.globalID({ required: true, description: 'Global id of the category.' }),
  }),
});

const CustomerCategoryDeletePayload = builder.simpleObject('CustomerCategoryDeletePayload', {
  description: 'What the deletion removed.',
  fields: (t) => ({
    deletedId: t.id({ description: 'Global id of the deleted category.' }),
    deletedPriceCount: t.int({ description: 'Variation prices of the category deleted with it.' }),
  }),
});

builder.mutationField('customerCategoryDelete', (t) =>
  t.field({
    type: CustomerCategoryDeletePayload,
    description:
      'Deletes a customer category and its variation prices. Refused with CustomerCategoryInUseError while customers belong to it or orders recorded it.',
    errors: { types: [CustomerCategoryInUseError] },
    args: { input: t.arg({ type: CustomerCategoryDeleteInput, required: true, description: 'The category.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { categoryId, deletedPriceCount } = await deleteCustomerCategory(ctx, { categoryId: decodeIdArg(input.id, 'CustomerCategory') });
      return { deletedId: encodeGlobalID('CustomerCategory', categoryId), deletedPriceCount };
    },
  }),
);
