// Entry of the order lifecycle's write side (issue 5 transitions), imported by src/graphql/schema.ts.
// Roles of the transition mutations, from the table, before the schema is built.
import './transition-permissions.js';
import './transition-error-types.js';
import './order-available-transitions.js';
import './mutations/order-transitions.js';
import './mutations/order-cancellation-requests.js';
import './mutations/orders-transition.js';
