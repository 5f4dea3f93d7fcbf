// Entry of the order lifecycle's write side (issue 5 transitions), imported by src/graphql/schema.ts.
// Roles of the transition mutations, from the table, before the schema is built.
import './graphql/transition-permissions.js';
import './graphql/transition-error-types.js';
import './graphql/order-available-transitions.js';
import './graphql/mutations/order-transitions.js';
import './graphql/mutations/order-cancellation-requests.js';
import './graphql/mutations/orders-transition.js';
