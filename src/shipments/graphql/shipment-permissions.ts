// The shipment steps (shipmentSetTracking, shipmentPickupRequest, ...) are run by the
// roles of their row in the shipment lifecycle; shipmentCreate, which starts one,
// keeps the `shipments.write` permission.
import { registerLifecycleRoles } from '../../graphql/permissions-plugin.js';
import { SHIPMENT_LIFECYCLE } from '../shipment-lifecycle.js';

registerLifecycleRoles(SHIPMENT_LIFECYCLE);
