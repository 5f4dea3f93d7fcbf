// The auth domain's GraphQL face: imported once by src/schema.ts; it only imports.
import './types.js';
import './error-types.js';
import './api-keys.js';
import './mutations/api-key-create.js';
import './mutations/api-key-revoke.js';
import './mutations/tenant-settings-update.js';
