// The order transitions carry their roles in their own tables; this gives those
// roles to the transition mutations (applied by the permissions plugin) and to
// the README's matrix. The bulk `ordersTransition` is open to every role that may
// run some transition; which transition it runs is checked per call.
import { registerMutationRoles } from '../../graphql/permissions-plugin.js';
import type { RoleTableRow } from '../../auth/permission-docs.js';
import type { Role } from '../../db/generated/prisma/enums.js';
import { CANCELLATION_REQUEST_TRANSITIONS, TRANSITIONS } from '../transitions.js';

const rules = [...Object.values(TRANSITIONS), ...Object.values(CANCELLATION_REQUEST_TRANSITIONS)] as Array<{ mutation: string; roles: readonly Role[] }>;
const byMutation = new Map(rules.map((rule) => [rule.mutation, rule.roles]));
const anyTransition = [...new Set(Object.values(TRANSITIONS).flatMap((rule) => rule.roles as readonly Role[]))];

export const BULK_TRANSITION_MUTATION = 'ordersTransition';

registerMutationRoles((name) => (name === BULK_TRANSITION_MUTATION ? anyTransition : byMutation.get(name)));

export function transitionRoleRows(): RoleTableRow[] {
  return [...rules.map((rule) => ({ mutation: rule.mutation, roles: rule.roles })), { mutation: `${BULK_TRANSITION_MUTATION} (per transition, as above)`, roles: anyTransition }];
}
