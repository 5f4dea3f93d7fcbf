// ordersTransition: one transition over many orders (seed 001 async bulk packing,
// seed 003 batch status update). Each order is its own transaction, so one that
// fails (wrong status, not enough stock, stale version) leaves the others done;
// the payload says per order what happened. Never all-or-nothing per batch.
import { wrapErrorIfMatches } from '@pothos/plugin-errors';
import { GraphQLError } from 'graphql';
import { builder } from '../../../graphql/builder.js';
import { ErrorInterface } from '../../../graphql/errors.js';
import { parseIntId } from '../../../shared/global-ids.js';
import { DomainError, NotFoundError } from '../../../shared/errors.js';
import { Problems } from '../../../shared/validation.js';
import { PickupOptionEnum } from '../../../shipments/graphql/types.js';
import type { TransitionInput } from '../../effects/effect-context.js';
import { applyTransition } from '../../apply-transition.js';
import { OrderTransitionNameEnum } from '../order-available-transitions.js';
import { CancelReasonEnum } from '../types.js';
import { BULK_TRANSITION_LIMIT, TRANSITIONS, type TransitionName } from '../../transitions.js';
import { decodeTransitionInput } from '../transition-inputs.js';

const OrdersTransitionInput = builder.inputType('OrdersTransitionInput', {
  description: 'What the transition needs, the same for every order of the batch. Per-order allocations and return lines are not taken here (the default strategy / all shipped units apply).',
  fields: (t) => ({
    note: t.string({ required: false, description: 'Free text kept on each order event.' }),
    cancelReason: t.field({ type: CancelReasonEnum, required: false, description: 'cancel: why (required for cancel).' }),
    reason: t.string({ required: false, description: 'setPending: why (required); return: why it came back.' }),
    pickupOption: t.field({ type: PickupOptionEnum, required: false, description: 'pack: courier pickup slot.' }),
    courier: t.globalID({ required: false, description: 'ship: global id of the courier.' }),
    serviceName: t.string({ required: false, description: 'ship: courier service.' }),
    trackingNumber: t.string({ required: false, description: 'ship: tracking number (usually per order; rarely shared).' }),
    returnBy: t.string({ required: false, description: 'return: who asked for it (required for return).' }),
    restock: t.boolean({ required: false, description: 'return: put the units back on hand (default true).' }),
  }),
});

interface Outcome {
  orderId: string;
  id: number | null;
  eventId: number | null;
  error: DomainError | null;
}

const OrderTransitionOutcome = builder.objectRef<Outcome>('OrderTransitionOutcome').implement({
  description: 'What happened to one order of the batch: the order after the change, or the typed error (nothing written for that order).',
  fields: (t) => ({
    orderId: t.id({ resolve: (o) => o.orderId, description: 'The global id as sent.' }),
    success: t.boolean({ resolve: (o) => o.error == null, description: 'Whether the transition happened for this order.' }),
    order: t.prismaField({
      type: 'Order',
      nullable: true,
      description: 'The order after the change; null when it failed.',
      resolve: (query, o, _args, ctx) => (o.id != null && o.error == null ? ctx.prisma.order.findUnique({ ...query, where: { id: o.id } }) : null),
    }),
    event: t.prismaField({
      type: 'OrderEvent',
      nullable: true,
      description: 'The history event written; null when it failed.',
      resolve: (query, o, _args, ctx) => (o.eventId != null ? ctx.prisma.orderEvent.findUnique({ ...query, where: { id: o.eventId } }) : null),
    }),
    error: t.field({
      type: ErrorInterface,
      nullable: true,
      // GraphQL would raise a returned Error; wrapped like plugin-errors does, it resolves to its own object type.
      resolve: (o) => (o.error ? (wrapErrorIfMatches(o.error, [o.error.constructor as new (...args: never[]) => DomainError]) as DomainError) : null),
      description: 'Why it failed; null on success.',
    }),
  }),
});

const OrdersTransitionPayload = builder.objectRef<{ results: Outcome[] }>('OrdersTransitionPayload').implement({
  description: 'One outcome per order, in the order the ids were given.',
  fields: (t) => ({
    results: t.field({ type: [OrderTransitionOutcome], resolve: (p) => p.results, description: 'Per order: success with the order, or the typed error.' }),
    succeeded: t.int({ resolve: (p) => p.results.filter((r) => r.error == null).length, description: 'Orders that made the transition.' }),
    failed: t.int({ resolve: (p) => p.results.filter((r) => r.error != null).length, description: 'Orders that did not (see their errors).' }),
  }),
});

builder.mutationField('ordersTransition', (t) =>
  t.field({
    type: OrdersTransitionPayload,
    description: `Runs one transition on up to ${BULK_TRANSITION_LIMIT} orders. Each order succeeds or fails on its own, all or nothing per order.`,
    errors: { types: [] },
    args: {
      orders: t.arg.idList({ required: true, description: `Global ids of the orders (at most ${BULK_TRANSITION_LIMIT}).` }),
      transition: t.arg({ type: OrderTransitionNameEnum, required: true, description: 'The transition to run.' }),
      input: t.arg({ type: OrdersTransitionInput, required: false, description: 'What the transition needs.' }),
    },
    resolve: async (_root, args, ctx) => {
      const problems = new Problems();
      problems.check(args.orders.length >= 1 && args.orders.length <= BULK_TRANSITION_LIMIT, ['orders'], `must list 1 to ${BULK_TRANSITION_LIMIT} orders`);
      problems.throwIfAny();
      const name = args.transition as TransitionName;
      // The permission plugin lets every transition role call the bulk mutation; the transition's own roles decide here.
      if (!(TRANSITIONS[name].roles as readonly string[]).includes(ctx.viewer.role)) {
        throw new GraphQLError(`Role ${ctx.viewer.role} may not run ${name}`, { extensions: { code: 'FORBIDDEN' } });
      }
      const raw = (args.input ?? {}) as Record<string, unknown>;
      const input: TransitionInput = {
        ...decodeTransitionInput(
          [
            { name: 'courier', key: 'courierId', type: 'ID', required: false, description: '' },
            { name: 'cancelReason', key: 'cancelReason', type: 'CancelReason', required: false, description: '' },
          ],
          raw,
        ),
        note: (raw.note as string | null) ?? null,
        reason: (raw.reason as string | null) ?? null,
        pickupOption: (raw.pickupOption as TransitionInput['pickupOption']) ?? null,
        serviceName: (raw.serviceName as string | null) ?? null,
        trackingNumber: (raw.trackingNumber as string | null) ?? null,
        returnBy: (raw.returnBy as string | null) ?? null,
        restock: (raw.restock as boolean | null) ?? null,
      };
      const results: Outcome[] = [];
      // One after another: each is short, and a batch must not take the whole connection pool.
      for (const globalId of args.orders) {
        const id = orderIdOf(String(globalId));
        if (id == null) {
          results.push({ orderId: String(globalId), id: null, eventId: null, error: new NotFoundError('Order', String(globalId)) });
          continue;
        }
        try {
          const done = await applyTransition(ctx, { orderId: id, transition: name, input });
          results.push({ orderId: String(globalId), id, eventId: done.eventId, error: null });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          results.push({ orderId: String(globalId), id, eventId: null, error });
        }
      }
      return { results };
    },
  }),
);

/** The integer id of an Order global id; null for anything else. */
function orderIdOf(globalId: string): number | null {
  try {
    const decoded = Buffer.from(globalId, 'base64').toString('utf8');
    const [typename, raw] = [decoded.slice(0, decoded.indexOf(':')), decoded.slice(decoded.indexOf(':') + 1)];
    if (typename !== 'Order') return null;
    return parseIntId(raw, 'Order');
  } catch {
    return null;
  }
}
