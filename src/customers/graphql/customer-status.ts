// GraphQL enums of the customer lifecycle: the status (a Prisma enum) and the
// transitions of the activation table, one value per row.
import { builder } from '../../graphql/builder.js';
import { CustomerStatus } from '../../db/generated/prisma/enums.js';
import { CUSTOMER_TRANSITION_NAMES, CUSTOMER_TRANSITIONS, type CustomerTransitionName } from '../customer-transitions.js';

// Registered on the Prisma enum object, so other domains may name `CustomerStatus` as a type too.
export const CustomerStatusEnum = builder.enumType(CustomerStatus, {
  name: 'CustomerStatus',
  description: 'Where a customer stands with the tenant.',
  values: {
    PENDING: { description: 'Asked to become a customer; awaiting acceptance.' },
    ACTIVE: { description: 'An active customer.' },
    INACTIVE: { description: 'Not active, e.g. a storefront account not yet activated.' },
    REFUSED: { description: 'The request to become a customer was refused.' },
    BLOCKED: { description: 'Blocked: may not order.' },
  },
});

export const CustomerTransitionEnum = builder.enumType('CustomerTransition', {
  description: 'A step of the customer activation lifecycle; each has its mutation (`customerAccept`, `customerBlock`, ...).',
  values: Object.fromEntries(
    CUSTOMER_TRANSITION_NAMES.map((name) => {
      const rule = CUSTOMER_TRANSITIONS[name];
      return [name.toUpperCase(), { value: name, description: `${rule.description} From ${rule.from.join(' or ')} to ${rule.to} (${rule.mutation}).` }];
    }),
  ) as Record<string, { value: CustomerTransitionName; description: string }>,
});
