// The inventory domain's GraphQL face: imported once by src/schema.ts; it only imports.
import './types.js';
import './error-types.js';
import './subscriptions.js';
import './mutations/stock-adjust-many.js';
import './mutations/stock-adjust.js';
import './mutations/stock-move.js';
import './mutations/stock-payload.js';
import './mutations/stock-set.js';
import './mutations/warehouse-activate.js';
import './mutations/warehouse-create.js';
import './mutations/warehouse-deactivate.js';
import './mutations/warehouse-delete.js';
import './mutations/warehouse-payload.js';
import './mutations/warehouse-update.js';
