// Entry of everything live in the schema: the Subscription root, each domain's
// subscription fields and the orderEvents feed.
import './subscription-type.js';
import '../orders/subscriptions.js';
import '../payments/subscriptions.js';
import '../shipments/subscriptions.js';
import '../inventory/subscriptions.js';
import '../orders/order-events-query.js';
