// The activation mutations (customerAccept, customerBlock, ...) are run by the roles
// of their row in the activation table, not by the `customers.write` permission
// their name falls under: blocking and unblocking are for owners and admins.
import { registerLifecycleRoles } from '../../graphql/permissions-plugin.js';
import { CUSTOMER_LIFECYCLE } from '../customer-state-machine.js';

registerLifecycleRoles(CUSTOMER_LIFECYCLE);
