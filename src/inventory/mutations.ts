// Entry of the inventory write side: error types, then one module per mutation.
import './graphql/error-types.js';
import './graphql/mutations/warehouse-create.js';
import './graphql/mutations/warehouse-update.js';
import './graphql/mutations/warehouse-activate.js';
import './graphql/mutations/warehouse-deactivate.js';
import './graphql/mutations/warehouse-delete.js';
import './graphql/mutations/stock-adjust.js';
import './graphql/mutations/stock-adjust-many.js';
import './graphql/mutations/stock-move.js';
import './graphql/mutations/stock-set.js';
