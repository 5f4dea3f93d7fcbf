// Order.availableTransitions: what the order may do next, read from the table,
// with the input each transition needs (so clients build their buttons and forms
// from the API, not from a copy of the rules).
import { builder } from '../../graphql/builder.js';
import { RoleEnum } from '../../auth/graphql/types.js';
import { availableTransitions } from '../state-machine.js';
import { heldByOpenCancellationRequest, TRANSITIONS, type TransitionInputSpec, type TransitionName } from '../transitions.js';
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

const OrderTransitionRef = builder.objectRef<TransitionName>('OrderTransition').implement({
  description: 'A transition the order can take now.',
  fields: (t) => ({
    name: t.field({ type: OrderTransitionNameEnum, resolve: (name) => name, description: 'The transition.' }),
    mutation: t.string({ resolve: (name) => TRANSITIONS[name].mutation, description: 'The mutation that runs it, e.g. "orderShip".' }),
    to: t.field({ type: OrderStatusEnum, resolve: (name) => TRANSITIONS[name].to, description: 'The status it leads to.' }),
    description: t.string({ resolve: (name) => TRANSITIONS[name].description, description: 'What it does.' }),
    input: t.field({
      type: [TransitionInputFieldRef],
      resolve: (name) => [...TRANSITIONS[name].input],
      description: 'Input fields besides `order` and `expectedVersion`.',
    }),
    roles: t.field({ type: [RoleEnum], resolve: (name) => [...TRANSITIONS[name].roles], description: 'Roles that may run it.' }),
  }),
});

builder.prismaObjectField('Order', 'availableTransitions', (t) =>
  t.field({
    type: [OrderTransitionRef],
    description:
      "Transitions this order can take now and the caller's role may run, given its status, kind, whether it is a draft (a draft can only be cancelled) and whether a cancellation request is open (no packing or shipping until it is decided).",
    select: { status: true, kind: true, isDraft: true, cancellationRequests: { where: { status: 'REQUESTED' }, select: { id: true }, take: 1 } },
    resolve: (order, _args, ctx) => {
      const held = order.cancellationRequests.length > 0;
      return availableTransitions(order.status, order.kind, order.isDraft).filter(
        (name) => (TRANSITIONS[name].roles as readonly string[]).includes(ctx.viewer.role) && !(held && heldByOpenCancellationRequest(name)),
      );
    },
  }),
);
