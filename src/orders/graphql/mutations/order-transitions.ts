// The transition mutations, generated from the table in ../transitions.ts: one
// `order<Transition>` per entry (orderConfirm, orderProcess, ..., orderReturn),
// input `{ order, expectedVersion, ...the entry's input }`, payload re-reading
// the order and the event with the client's selection.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { WarehouseNotAllowedError } from '../../../auth/errors.js';
import { InsufficientStockError } from '../../../inventory/errors.js';
import { applyTransition, type TransitionResult } from '../../apply-transition.js';
import { CancellationRequestOpenError, InvalidTransitionError, OrderIsDraftError, ReturnExceedsShippedError, VersionConflictError } from '../../errors.js';
import { RefundExceedsPaidError, RefundExceedsReturnError } from '../../../payments/errors.js';
import { heldByOpenCancellationRequest, TRANSITION_NAMES, TRANSITIONS, type EffectName, type TransitionCondition, type TransitionName, type TransitionRule } from '../../transitions.js';
import { decodeTransitionInput, inputField } from '../transition-inputs.js';

const STOCK_EFFECTS: readonly EffectName[] = ['reserveStock', 'releaseStock', 'shipStock', 'restock', 'receiveStock'];

const CONDITION_TEXT: Record<TransitionCondition, string> = { fullyReturned: 'every shipped unit came back' };

const upperFirst = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The typed errors a transition's mutation can return besides ValidationError and NotFoundError. */
export function transitionErrors(name: TransitionName, rule: TransitionRule) {
  const stock = rule.effects.some((effect) => STOCK_EFFECTS.includes(effect));
  const returns = rule.effects.includes('recordReturn');
  const refunds = rule.effects.includes('refundReturn');
  return [
    InvalidTransitionError,
    OrderIsDraftError,
    VersionConflictError,
    ...(stock ? [InsufficientStockError] : []),
    ...(heldByOpenCancellationRequest(name) ? [CancellationRequestOpenError] : []),
    ...(returns ? [ReturnExceedsShippedError] : []),
    ...(refunds ? [RefundExceedsPaidError, RefundExceedsReturnError] : []),
    // A key bound to warehouses runs it only on orders of its warehouses (src/auth/key-scope.ts).
    ...((rule.roles as readonly string[]).includes('WAREHOUSE') ? [WarehouseNotAllowedError] : []),
  ];
}

export function transitionDescription(rule: TransitionRule): string {
  const to = rule.movesWhen ? `goes to ${rule.to} when ${CONDITION_TEXT[rule.movesWhen]}, else keeps its status` : `goes to ${rule.to}`;
  return `${rule.description} Leaves from ${rule.from.join(', ')}; ${to}.`;
}

export const TransitionPayloads = new Map<TransitionName, ReturnType<typeof payloadType>>();

function payloadType(name: string) {
  return builder.objectRef<TransitionResult>(name).implement({
    description: 'The order after the transition, and the history event it wrote.',
    fields: (t) => ({
      order: t.prismaField({
        type: 'Order',
        description: 'The order, re-read after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: p.orderId } }),
      }),
      event: t.prismaField({
        type: 'OrderEvent',
        description: 'The history event of this transition.',
        resolve: (query, p, _args, ctx) => ctx.prisma.orderEvent.findUniqueOrThrow({ ...query, where: { id: p.eventId } }),
      }),
    }),
  });
}

for (const name of TRANSITION_NAMES) {
  const rule: TransitionRule = TRANSITIONS[name];
  const base = upperFirst(rule.mutation);
  const Input = builder.inputType(`${base}Input`, {
    description: `Input of ${rule.mutation}: the order, optionally the version the client read, and what ${name} needs.`,
    fields: (t) => ({
      order: t.globalID({ required: true, description: 'Global id of the order.' }),
      expectedVersion: t.int({
        required: false,
        description: "The order's version as the client read it; when it changed since, nothing is written (VersionConflictError).",
      }),
      ...Object.fromEntries(rule.input.map((spec) => [spec.name, inputField(t, spec)])),
    }),
  });
  const Payload = payloadType(`${base}Payload`);
  TransitionPayloads.set(name, Payload);
  builder.mutationField(rule.mutation, (t) =>
    t.field({
      type: Payload,
      description: transitionDescription(rule),
      errors: { types: transitionErrors(name, rule) },
      args: { input: t.arg({ type: Input, required: true, description: `The order to ${name}.` }) },
      resolve: (_root, { input }, ctx) => {
        const raw = input as unknown as Record<string, unknown> & { order: { typename: string; id: string }; expectedVersion?: number | null };
        return applyTransition(ctx, {
          orderId: decodeIdArg(raw.order, 'Order'),
          transition: name,
          expectedVersion: raw.expectedVersion,
          input: decodeTransitionInput(rule.input, raw),
        });
      },
    }),
  );
}
