// Entry of everything live in the schema: the Subscription root, each domain's
// subscription fields and the orderEvents feed.
import '../graphql/subscription-type.js';
import '../orders/graphql/subscriptions.js';
import '../payments/graphql/subscriptions.js';
import '../shipments/graphql/subscriptions.js';
import '../inventory/graphql/subscriptions.js';
import '../orders/graphql/order-events-query.js';
