// Entry of the order create / edit / place mutations (one file each under mutations/), imported by src/graphql/schema.ts.
import './mutations/order-create.js';
import './mutations/order-edit.js';
import './mutations/order-place.js';
