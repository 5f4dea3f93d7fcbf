// GraphQL shapes of the customer category errors.
import { errorType } from '../../graphql/errors.js';
import { CustomerCategoryInUseError, DuplicateCustomerCategoryError } from '../customer-category-errors.js';

errorType(DuplicateCustomerCategoryError, {
  description: 'The tenant already has a customer category with this code; nothing was written.',
  fields: (t) => ({
    categoryCode: t.exposeString('categoryCode', { description: 'The code already in use.' }),
  }),
});

errorType(CustomerCategoryInUseError, {
  description: 'The category still has customers or is recorded on orders, so it was not deleted; deactivate it instead.',
  fields: (t) => ({
    categoryCode: t.exposeString('categoryCode', { description: 'Code of the category.' }),
    customerCount: t.exposeInt('customerCount', { description: 'Customers (not deleted) in the category.' }),
    orderCount: t.exposeInt('orderCount', { description: 'Orders that recorded the category.' }),
  }),
});

export { CustomerCategoryInUseError, DuplicateCustomerCategoryError };
