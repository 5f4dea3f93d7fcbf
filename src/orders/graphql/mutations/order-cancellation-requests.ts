// orderCancellationRequest / orderCancellationApprove / orderCancellationReject,
// generated from CANCELLATION_REQUEST_TRANSITIONS (seed 001 cancel requests).
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { InsufficientStockError } from '../../../inventory/errors.js';
import { runCancellationRequestTransition, type CancellationRequestMutationName, type CancellationRequestResult } from '../../cancellation-request-service.js';
import { CancellationRequestOpenError, InvalidTransitionError, NoOpenCancellationRequestError, OrderIsDraftError, VersionConflictError } from '../../errors.js';
import { CancellationRequesterEnum } from '../types.js';
import { CANCELLATION_REQUEST_TRANSITIONS, type CancellationRequestRule, type CancellationRequestTransitionName } from '../../transitions.js';
import { inputField } from '../transition-inputs.js';

const upperFirst = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

for (const name of Object.keys(CANCELLATION_REQUEST_TRANSITIONS) as CancellationRequestTransitionName[]) {
  const rule: CancellationRequestRule = CANCELLATION_REQUEST_TRANSITIONS[name];
  // Expiry has no mutation: the deadline runs it.
  if (!rule.mutation || name === 'expire') continue;
  defineMutation(name, rule as CancellationRequestRule & { mutation: string });
}

function defineMutation(name: CancellationRequestMutationName, rule: CancellationRequestRule & { mutation: string }) {
  const base = upperFirst(rule.mutation);
  const Input = builder.inputType(`${base}Input`, {
    description: `Input of ${rule.mutation}.`,
    fields: (t) => ({
      order: t.globalID({ required: true, description: 'Global id of the order.' }),
      expectedVersion: t.int({ required: false, description: "The order's version as the client read it (VersionConflictError when it changed)." }),
      ...Object.fromEntries(rule.input.map((spec) => [spec.name, inputField(t, spec)])),
      ...(name === 'request'
        ? { requestedBy: t.field({ type: CancellationRequesterEnum, required: false, description: 'Who asks: BUYER (default), CHANNEL or SELLER.' }) }
        : {}),
    }),
  });
  const Payload = builder.objectRef<CancellationRequestResult>(`${base}Payload`).implement({
    description: 'The order and its cancellation request after the change.',
    fields: (t) => ({
      order: t.prismaField({
        type: 'Order',
        description: 'The order, re-read after the change.',
        resolve: (query, p, _args, ctx) => ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: p.orderId } }),
      }),
      cancellationRequest: t.prismaField({
        type: 'CancellationRequest',
        description: 'The request.',
        resolve: (query, p, _args, ctx) => ctx.prisma.cancellationRequest.findUniqueOrThrow({ ...query, where: { id: p.requestId } }),
      }),
    }),
  });
  const errors = [
    InvalidTransitionError,
    OrderIsDraftError,
    VersionConflictError,
    name === 'request' ? CancellationRequestOpenError : NoOpenCancellationRequestError,
    ...(rule.orderTransition === 'cancel' ? [InsufficientStockError] : []),
  ];
  builder.mutationField(rule.mutation, (t) =>
    t.field({
      type: Payload,
      description: `${rule.description} Request status ${rule.from.map((s) => s ?? 'none').join(', ')} -> ${rule.to}; order in ${rule.orderFrom.join(', ')}.`,
      errors: { types: errors },
      args: { input: t.arg({ type: Input, required: true, description: 'The order whose cancellation is asked for or decided.' }) },
      resolve: (_root, { input }, ctx) => {
        const raw = input as unknown as Record<string, unknown> & { order: { typename: string; id: string }; expectedVersion?: number | null };
        return runCancellationRequestTransition(ctx, name, {
          orderId: decodeIdArg(raw.order, 'Order'),
          expectedVersion: raw.expectedVersion,
          note: (raw.note as string | null | undefined) ?? null,
          reason: (raw.reason as never) ?? null,
          requestedBy: (raw.requestedBy as never) ?? null,
        });
      },
    }),
  );
}
