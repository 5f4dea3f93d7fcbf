// The payments domain's GraphQL face: imported once by src/schema.ts; it only imports.
import './types.js';
import './cod-remittances.js';
import './payment-not-applicable-error.js';
import './subscriptions.js';
import './mutations/bank-account-create.js';
import './mutations/bank-account-deactivate.js';
import './mutations/bank-account-payload.js';
import './mutations/bank-account-update.js';
import './mutations/cod-remittance-record.js';
import './mutations/payment-payload.js';
import './mutations/payment-record.js';
import './mutations/payment-refund.js';
