// CancellationRequest: a buyer's or channel's request to cancel, approved or rejected later (seed 001).
import { builder } from '../../graphql/builder.js';
import { tenantNode } from '../../graphql/ids.js';
import { CancellationRequester, CancellationRequestStatus, CancelReason } from '../../db/generated/prisma/enums.js';

export const CancellationRequest = builder.prismaNode('CancellationRequest', {
  description: 'A request to cancel an order, waiting for approval or decided.',
  ...tenantNode,
  fields: (t) => ({
    order: t.relation('order', { description: 'The order.' }),
    requestedBy: t.expose('requestedBy', { type: CancellationRequester, description: 'Who asked.' }),
    reason: t.expose('reason', { type: CancelReason, description: 'Why.' }),
    note: t.exposeString('note', { nullable: true, description: 'Free text note.' }),
    status: t.expose('status', { type: CancellationRequestStatus, description: 'Requested, approved or rejected.' }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true, description: 'When it was approved or rejected.' }),
    decidedBy: t.exposeString('decidedBy', { nullable: true, description: 'Who decided.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was requested.' }),
  }),
});
