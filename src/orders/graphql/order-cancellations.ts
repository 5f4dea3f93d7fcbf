// CancellationRequest: a buyer's or channel's request to cancel, approved, rejected
// or expired (deadline passed) later (seed 001), and the queue of them
// (Query.cancellationRequests) with its filter and sort.
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { tenantNode } from '../../graphql/ids.js';
import { connectionOf } from '../../graphql/shared-connections.js';
import { DateRange, sortInput } from '../../graphql/sorting.js';
import { CancellationRequester, CancellationRequestStatus, CancelReason } from '../../db/generated/prisma/enums.js';
import { listOrder } from '../../shared/list-query.js';
import { expireOverdueCancellationRequests } from '../cancellation-request-expiry.js';
import { cancellationRequestWhere, type CancellationRequestFilterValue } from '../cancellation-request-filters.js';

export const CancellationRequest = builder.prismaNode('CancellationRequest', {
  description: 'A request to cancel an order, waiting for a decision until its deadline, or decided.',
  ...tenantNode,
  fields: (t) => ({
    order: t.relation('order', { description: 'The order.' }),
    requestedBy: t.expose('requestedBy', { type: CancellationRequester, description: 'Who asked.' }),
    reason: t.expose('reason', { type: CancelReason, description: 'Why.' }),
    note: t.exposeString('note', { nullable: true, description: 'Free text note.' }),
    status: t.expose('status', { type: CancellationRequestStatus, description: 'Requested, approved, rejected or expired.' }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true, description: 'When it was approved, rejected or expired.' }),
    decidedBy: t.exposeString('decidedBy', { nullable: true, description: 'Who decided ("system:deadline" when it expired).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was requested.' }),
    deadlineAt: t.expose('deadlineAt', {
      type: 'DateTime',
      description:
        "Until when it waits for a decision (requested time plus the shop's cancellation request deadline). Past it, an open request expires and the order is cancelled.",
    }),
    isOverdue: t.boolean({
      description: 'Still open although its deadline has passed (it expires at the next read of the queue or the next sweep).',
      select: { status: true, deadlineAt: true },
      resolve: (request) => request.status === 'REQUESTED' && request.deadlineAt <= new Date(),
    }),
  }),
});

export const CancellationRequestFilter = builder.inputType('CancellationRequestFilter', {
  description: 'Narrows the cancellation request queue; all given conditions must hold. Lists match any of their values.',
  fields: (t) => ({
    statuses: t.field({ type: [CancellationRequestStatus], required: false, description: 'Only requests in one of these statuses (REQUESTED: the open ones).' }),
    order: t.globalID({ required: false, description: 'Only the requests of this order (Order id).' }),
    reasons: t.field({ type: [CancelReason], required: false, description: 'Only requests with one of these reasons.' }),
    requestedBy: t.field({ type: [CancellationRequester], required: false, description: 'Only requests made by one of these.' }),
    requestedAt: t.field({ type: DateRange, required: false, description: 'Only requests made in this interval.' }),
    deadlineAt: t.field({ type: DateRange, required: false, description: 'Only requests whose deadline falls in this interval (e.g. the ones due today).' }),
    overdue: t.boolean({
      required: false,
      description: 'Only open requests past their deadline (true) or all others (false). The queue expires such requests before it is read, so true finds only those whose expiry failed.',
    }),
  }),
});

export const CancellationRequestOrderBy = sortInput('CancellationRequest', {
  description: 'Sort order of the cancellation request queue; ties are broken by id in the same direction.',
  fieldsDescription: 'What cancellation requests can be sorted by.',
  defaultDirection: 'asc',
  values: {
    DEADLINE_AT: { value: 'deadlineAt', description: 'Deadline: the most urgent first in ascending order.' },
    REQUESTED_AT: { value: 'createdAt', description: 'When it was requested.' },
    STATUS: { value: 'status', description: 'Status, in lifecycle order (REQUESTED first).' },
  },
});

/** Expires the tenant's overdue requests once per GraphQL request, before its lists read them. */
const settled = new WeakMap<Context, Promise<number>>();
export function settleOverdueCancellationRequests(ctx: Context): Promise<number> {
  let done = settled.get(ctx);
  if (!done) {
    done = expireOverdueCancellationRequests(ctx);
    settled.set(ctx, done);
  }
  return done;
}

type QueueArgs = { filter?: CancellationRequestFilterValue | null; orderBy?: { field: string; direction?: 'asc' | 'desc' | null } | null };

builder.queryFields((t) => ({
  cancellationRequests: t.prismaConnection(
    {
      type: 'CancellationRequest',
      cursor: 'id',
      description:
        'The cancellation requests of the tenant, the most urgent deadline first unless `orderBy` says otherwise. Requests past their deadline are expired before the list is read.',
      args: {
        filter: t.arg({ type: CancellationRequestFilter, required: false, description: 'Narrows the list; all given conditions must hold.' }),
        orderBy: t.arg({ type: CancellationRequestOrderBy, required: false, description: 'Sort order; default DEADLINE_AT ASC.' }),
      },
      totalCount: async (_parent, args, ctx) => {
        await settleOverdueCancellationRequests(ctx);
        return ctx.prisma.cancellationRequest.count({ where: cancellationRequestWhere(ctx.tenantId, (args as QueueArgs).filter, new Date()) });
      },
      resolve: async (query, _root, args, ctx) => {
        await settleOverdueCancellationRequests(ctx);
        const queue = args as QueueArgs;
        return ctx.prisma.cancellationRequest.findMany({
          ...query,
          where: cancellationRequestWhere(ctx.tenantId, queue.filter, new Date()),
          orderBy: listOrder(queue.orderBy, { field: 'deadlineAt', direction: 'asc' }),
        });
      },
    },
    connectionOf('CancellationRequest'),
  ),
}));
