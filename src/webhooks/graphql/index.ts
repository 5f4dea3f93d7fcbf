// The webhooks' GraphQL face: imported once by src/schema.ts; it only imports.
import './types.js';
import './mutations/webhook-payloads.js';
import './mutations/webhook-endpoint-create.js';
import './mutations/webhook-endpoint-update.js';
import './mutations/webhook-endpoint-delete.js';
import './mutations/webhook-endpoint-enabled.js';
import './mutations/webhook-endpoint-rotate-secret.js';
import './mutations/webhook-delivery-retry.js';
