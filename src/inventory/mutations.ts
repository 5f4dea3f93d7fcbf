// Entry of the inventory write side: error types, then one module per mutation.
import './error-types.js';
import './mutations/warehouse-create.js';
import './mutations/warehouse-update.js';
import './mutations/warehouse-activate.js';
import './mutations/warehouse-deactivate.js';
import './mutations/warehouse-delete.js';
import './mutations/stock-adjust.js';
import './mutations/stock-adjust-many.js';
import './mutations/stock-move.js';
import './mutations/stock-set.js';
