// The sales force's GraphQL face: imported once by src/schema.ts; it only imports.
import './types.js';
import './sales-lists.js';
import './visits.js';
import './mutations/sales-payloads.js';
import './mutations/sales-rep-create.js';
import './mutations/sales-rep-deactivate.js';
import './mutations/sales-rep-update.js';
import './mutations/sales-team-create.js';
import './mutations/sales-team-deactivate.js';
import './mutations/sales-team-update.js';
import './mutations/visit-create.js';
import './mutations/visit-status-create.js';
import './mutations/visit-status-deactivate.js';
import './mutations/visit-status-update.js';
import './mutations/visit-update.js';
