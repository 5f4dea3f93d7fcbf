// Order.availableTransitions: what the order may do next, read from the table,
// with the input each transition needs (so clients build their buttons and forms
// from the API, not from a copy of the rules).
//
// A compiled read answers the field in SQL (sqlStaticList): the table below becomes a
// VALUES list the order's status, kind, draft flag, open cancellation request and the
// caller's role pick from, and every item reads the same record as the resolvers.
import { builder } from '../../graphql/builder.js';
import { RoleEnum } from '../../auth/graphql/types.js';
import { ROLE_IN_SQL, sqlStaticList } from '../../graphql/compiled-reads/sql-form.js';
import { sqlString } from '../../graphql/compiled-reads/json-text.js';
import { availableTransitions, draftMayTake } from '../state-machine.js';
import { heldByOpenCancellationRequest, ORDER_KINDS, ORDER_STATUSES, TRANSITION_NAMES, TRANSITIONS, type TransitionInputSpec, type TransitionName } from '../transitions.js';
import { OrderStatusEnum } from './types.js';

export const OrderTransitionNameEnum = builder.enumType('OrderTransitionName', {
  description: 'A transition of the order lifecycle (see Order.availableTransitions).',
  values: {
    CONFIRM: { value: 'confirm', description: TRANSITIONS.confirm.description },
    SET_PENDING: { value: 'setPending', description: TRANSITIONS.setPending.description },
    PROCESS: { value: 'process', description: TRANSITIONS.process.description },
    PACK: { value: 'pack', description: TRANSITIONS.pack.description },
    SHIP: { value: 'ship', description: TRANSITIONS.ship.description },
    COMPLETE: { value: 'complete', description: TRANSITIONS.complete.description },
    VALIDATE: { value: 'validate', description: TRANSITIONS.validate.description },
    CANCEL: { value: 'cancel', description: TRANSITIONS.cancel.description },
    RETURN: { value: 'return', description: TRANSITIONS.return.description },
  } satisfies Record<string, { value: TransitionName; description: string }>,
});

const TransitionInputFieldRef = builder.objectRef<TransitionInputSpec>('TransitionInputField').implement({
  description: 'One input field a transition takes.',
  fields: (t) => ({
    name: t.exposeString('name', { description: "Field name in the mutation's input." }),
    type: t.exposeString('type', { description: 'GraphQL type of the field, e.g. "CancelReason" or "[OrderAllocationInput!]".' }),
    required: t.exposeBoolean('required', { description: 'Whether it must be given.' }),
    description: t.exposeString('description', { description: 'What it means.' }),
  }),
});

/** What a client reads of one transition: the table's row, by field name. */
function transitionView(name: TransitionName) {
  const rule = TRANSITIONS[name];
  return { name, mutation: rule.mutation, to: rule.to, description: rule.description, input: [...rule.input], roles: [...rule.roles] };
}
type TransitionView = ReturnType<typeof transitionView>;

const OrderTransitionRef = builder.objectRef<TransitionView>('OrderTransition').implement({
  description: 'A transition the order can take now.',
  fields: (t) => ({
    name: t.field({ type: OrderTransitionNameEnum, resolve: (view) => view.name, description: 'The transition.' }),
    mutation: t.exposeString('mutation', { description: 'The mutation that runs it, e.g. "orderShip".' }),
    to: t.field({ type: OrderStatusEnum, resolve: (view) => view.to, description: 'The status it leads to.' }),
    description: t.exposeString('description', { description: 'What it does.' }),
    input: t.field({ type: [TransitionInputFieldRef], resolve: (view) => view.input, description: 'Input fields besides `order` and `expectedVersion`.' }),
    roles: t.field({ type: [RoleEnum], resolve: (view) => view.roles, description: 'Roles that may run it.' }),
  }),
});

/**
 * The names in SQL over an order row: a CASE on its status and kind whose branch lists the
 * table's transitions for them, in the table's order, each kept when the draft flag, the
 * open cancellation request and the caller's role allow it, as the resolver below decides.
 * The role is a literal by then, so PostgreSQL folds its tests away when it plans; the
 * cancellation request is looked up only in the branches with a transition it holds.
 * (A VALUES list of the whole table, filtered per order, cost 35 µs per order.)
 */
function transitionKeys(row: string): string {
  const held = `EXISTS (SELECT 1 FROM "CancellationRequest" r WHERE r."orderId" = ${row}."id" AND r."status" = 'REQUESTED')`;
  const keys = (names: readonly TransitionName[]) => {
    if (!names.length) return `'{}'::text[]`;
    const items = names.map((name) => {
      const conditions = [
        `${ROLE_IN_SQL} IN (${TRANSITIONS[name].roles.map(sqlString).join(', ')})`,
        // A draft can only be cancelled.
        ...(draftMayTake(name) ? [] : [`NOT ${row}."isDraft"`]),
        ...(heldByOpenCancellationRequest(name) ? [`NOT ${held}`] : []),
      ];
      return `CASE WHEN ${conditions.join(' AND ')} THEN ${sqlString(name)} END`;
    });
    return `array_remove(ARRAY[${items.join(', ')}]::text[], NULL)`;
  };
  const byStatus = ORDER_STATUSES.map((status) => {
    // Kinds with the same transitions share a branch.
    const groups = new Map<string, { kinds: string[]; names: readonly TransitionName[] }>();
    for (const kind of ORDER_KINDS) {
      const names = availableTransitions(status, kind);
      const key = names.join();
      const group = groups.get(key);
      if (group) group.kinds.push(kind);
      else groups.set(key, { kinds: [kind], names });
    }
    const branches = [...groups.values()];
    const inner =
      branches.length === 1
        ? keys(branches[0]!.names)
        : `CASE ${branches.map((g) => `WHEN ${row}."kind"::text IN (${g.kinds.map(sqlString).join(', ')}) THEN ${keys(g.names)}`).join(' ')} ELSE '{}'::text[] END`;
    return `WHEN ${sqlString(status)} THEN ${inner}`;
  });
  return `(CASE ${row}."status"::text ${byStatus.join(' ')} ELSE '{}'::text[] END)`;
}

builder.prismaObjectField('Order', 'availableTransitions', (t) =>
  t.field({
    type: [OrderTransitionRef],
    description:
      "Transitions this order can take now and the caller's role may run, given its status, kind, whether it is a draft (a draft can only be cancelled) and whether a cancellation request is open (no packing or shipping until it is decided).",
    select: { status: true, kind: true, isDraft: true, cancellationRequests: { where: { status: 'REQUESTED' }, select: { id: true }, take: 1 } },
    extensions: sqlStaticList({ all: TRANSITION_NAMES, item: (name) => transitionView(name as TransitionName), keys: transitionKeys }),
    resolve: (order, _args, ctx) => {
      const held = order.cancellationRequests.length > 0;
      return availableTransitions(order.status, order.kind, order.isDraft)
        .filter((name) => (TRANSITIONS[name].roles as readonly string[]).includes(ctx.viewer.role) && !(held && heldByOpenCancellationRequest(name)))
        .map(transitionView);
    },
  }),
);
