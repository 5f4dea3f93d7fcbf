// OrderReason: the tenant's catalogue of cancel / return / pending reasons (seed 000 order reasons).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../graphql/builder.js';
import { tenantNode } from '../../graphql/ids.js';
import { ReasonKind } from '../../db/generated/prisma/enums.js';
import { errorType } from '../../graphql/errors.js';
import { DuplicateOrderReasonError } from '../order-reason-errors.js';
import { compiledList } from '../../graphql/compiled-reads/root-read.js';
import type { Context } from '../../graphql/context.js';
import { connectionOf } from '../../graphql/shared-connections.js';

export const OrderReason = builder.prismaNode('OrderReason', {
  description: 'A catalogued reason for cancelling, returning or holding an order.',
  ...tenantNode,
  fields: (t) => ({
    kind: t.expose('kind', { type: ReasonKind, description: 'What the reason is used for.' }),
    code: t.exposeString('code', { description: 'Short code, unique per kind.' }),
    label: t.exposeString('label', { description: 'Text shown to people.' }),
    isActive: t.exposeBoolean('isActive', { description: 'Inactive reasons are not offered any more.' }),
  }),
});

/** Where and order of the list: its resolver's, its totalCount's and its compiled read's. */
const reasonList = (args: Parameters<typeof reasonWhere>[1], ctx: Context) => ({
  where: reasonWhere(ctx.tenantId, args),
  orderBy: [{ kind: 'asc' as const }, { code: 'asc' as const }, { id: 'asc' as const }],
});

builder.queryFields((t) => ({
  orderReasons: t.prismaConnection({
    type: 'OrderReason',
    cursor: 'id',
    description: 'The reason catalogue, by kind and code.',
    args: {
      kind: t.arg({ type: ReasonKind, required: false, description: 'Only reasons of this kind.' }),
      isActive: t.arg.boolean({ required: false, description: 'Only active (true) or inactive (false) reasons.' }),
    },
    extensions: compiledList('OrderReason', reasonList),
    totalCount: (_parent, args, ctx) => ctx.prisma.orderReason.count({ where: reasonList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.orderReason.findMany({ ...query, ...reasonList(args, ctx) }),
  }, connectionOf('OrderReason')),
}));

function reasonWhere(tenantId: number, args: { kind?: ReasonKind | null; isActive?: boolean | null }) {
  return {
    tenantId,
    ...(args.kind ? { kind: args.kind } : {}),
    ...(args.isActive != null ? { isActive: args.isActive } : {}),
  };
}

errorType(DuplicateOrderReasonError, {
  description: 'The tenant already has a reason of this kind with this code; nothing was written.',
  fields: (t) => ({
    kind: t.field({ type: ReasonKind, resolve: (e) => e.kind as ReasonKind, description: 'The reason kind.' }),
    reasonCode: t.exposeString('reasonCode', { description: 'The code already used.' }),
    existingId: t.id({
      nullable: true,
      resolve: (e) => (e.existingId == null ? null : encodeGlobalID('OrderReason', e.existingId)),
      description: 'Global id of the reason that has the code, when known.',
    }),
  }),
});
