// Entry of the order create / edit / place mutations (one file each under mutations/), imported by src/graphql/schema.ts.
import './graphql/mutations/order-create.js';
import './graphql/mutations/order-edit.js';
import './graphql/mutations/order-place.js';
