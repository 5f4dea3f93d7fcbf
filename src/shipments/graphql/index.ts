// The shipments domain's GraphQL face: imported once by src/schema.ts; it only imports.
import './types.js';
import './label-path.js';
import './shipment-permissions.js';
import './subscriptions.js';
import './mutations/courier-create.js';
import './mutations/courier-deactivate.js';
import './mutations/courier-payload.js';
import './mutations/courier-update.js';
import './mutations/shipment-create.js';
import './mutations/shipment-label-mark-printed.js';
import './mutations/shipment-payload.js';
import './mutations/shipment-pickup-cancel.js';
import './mutations/shipment-pickup-request.js';
import './mutations/shipment-set-tracking.js';
import './mutations/shipment-tracking-append.js';
