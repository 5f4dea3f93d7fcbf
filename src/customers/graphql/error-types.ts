// GraphQL shapes of the customer errors.
import { errorType } from '../../graphql/errors.js';
import { CustomerStatusEnum, CustomerTransitionEnum } from './customer-status.js';
import { InvalidCustomerTransitionError } from '../errors.js';
import type { CustomerTransitionName } from '../customer-transitions.js';

errorType(InvalidCustomerTransitionError, {
  description: "The transition does not leave from the customer's current status; nothing was changed.",
  fields: (t) => ({
    from: t.expose('from', { type: CustomerStatusEnum, description: 'The status the customer is in.' }),
    transition: t.field({
      type: CustomerTransitionEnum,
      description: 'The transition that was asked for.',
      resolve: (e) => e.transition as CustomerTransitionName,
    }),
    allowed: t.field({
      type: [CustomerStatusEnum],
      description: 'The statuses the transition leaves from.',
      resolve: (e) => [...e.allowed],
    }),
    available: t.field({
      type: [CustomerTransitionEnum],
      description: 'The transitions that do apply to the customer now.',
      resolve: (e) => e.available as CustomerTransitionName[],
    }),
  }),
});

export { InvalidCustomerTransitionError };
