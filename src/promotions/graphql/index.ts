// The promotions domain's GraphQL face: imported once by src/schema.ts; it only imports.
import './types.js';
import './error-types.js';
import './mutations/promotion-fields.js';
import './mutations/promotion-create.js';
import './mutations/promotion-update.js';
import './mutations/promotion-activate.js';
import './mutations/promotion-deactivate.js';
