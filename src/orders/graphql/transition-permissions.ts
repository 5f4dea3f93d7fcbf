// The order transitions carry their roles in their own tables; this gives those
// roles to the transition mutations (applied by the permissions plugin) and, with
// the other lifecycles' (customers, shipments), to the README's matrix. The bulk
// `ordersTransition` is open to every role that may run some transition; which
// transition it runs is checked per call.
import { lifecyclesWithRoles, registerLifecycleRoles, registerMutationRoles } from '../../graphql/permissions-plugin.js';
import type { RoleTableRow } from '../../auth/permission-docs.js';
import type { Role } from '../../db/generated/prisma/enums.js';
import { mutationRoles, type Lifecycle, type State } from '../../shared/state-machine.js';
import { CANCELLATION_REQUEST_LIFECYCLE } from '../cancellation-request-lifecycle.js';
import { ORDER_LIFECYCLE } from '../state-machine.js';
import { TRANSITIONS } from '../transitions.js';

const anyTransition = [...new Set(Object.values(TRANSITIONS).flatMap((rule) => rule.roles as readonly Role[]))];

export const BULK_TRANSITION_MUTATION = 'ordersTransition';

registerLifecycleRoles(ORDER_LIFECYCLE);
registerLifecycleRoles(CANCELLATION_REQUEST_LIFECYCLE);
registerMutationRoles((name) => (name === BULK_TRANSITION_MUTATION ? anyTransition : undefined));

const rowsOf = (lifecycle: Lifecycle<State, string, object, string>): RoleTableRow[] => [...mutationRoles([lifecycle])].map(([mutation, roles]) => ({ mutation, roles }));

/**
 * The README's rows: the order transitions, the cancellation requests and the bulk
 * mutation, then every other lifecycle registered (customers, shipments) by name.
 */
export function transitionRoleRows(): RoleTableRow[] {
  const others = lifecyclesWithRoles()
    .filter((lifecycle) => lifecycle !== ORDER_LIFECYCLE && lifecycle !== CANCELLATION_REQUEST_LIFECYCLE)
    .toSorted((a, b) => a.name.localeCompare(b.name));
  return [
    ...rowsOf(ORDER_LIFECYCLE),
    ...rowsOf(CANCELLATION_REQUEST_LIFECYCLE),
    { mutation: `${BULK_TRANSITION_MUTATION} (per transition, as above)`, roles: anyTransition },
    ...others.flatMap(rowsOf),
  ];
}
