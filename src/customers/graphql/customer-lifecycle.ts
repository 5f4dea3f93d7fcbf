// Customer.availableTransitions: what the activation table allows from the customer's status.
import { builder } from '../../graphql/builder.js';
import { availableCustomerTransitions } from '../customer-state-machine.js';
import { CustomerTransitionEnum } from './customer-status.js';

builder.prismaObjectField('Customer', 'availableTransitions', (t) =>
  t.field({
    type: [CustomerTransitionEnum],
    description: 'Transitions that apply to the customer now, in table order; none once it is deleted.',
    select: { status: true, deletedAt: true },
    resolve: (customer) => (customer.deletedAt ? [] : availableCustomerTransitions(customer.status)),
  }),
);
