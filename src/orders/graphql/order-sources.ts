// OrderSource: the tenant's named sales channels (seed 002 order sources).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../graphql/builder.js';
import { errorType } from '../../graphql/errors.js';
import { DuplicateOrderSourceError } from '../order-source-errors.js';
import { tenantNode } from '../../graphql/ids.js';
import { compiledList } from '../../graphql/compiled-reads/root-read.js';
import type { Context } from '../../graphql/context.js';
import { connectionOf } from '../../graphql/shared-connections.js';

export const OrderSource = builder.prismaNode('OrderSource', {
  description: 'A named sales channel of the shop, e.g. "Instagram" or one Shopee store.',
  ...tenantNode,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name, unique per tenant.' }),
    isActive: t.exposeBoolean('isActive', { description: 'Inactive sources are refused on new orders; orders that already name one keep it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
  }),
});

/** Where and order of the list: its resolver's, its totalCount's and its compiled read's. */
const sourceList = (args: { isActive?: boolean | null }, ctx: Context) => ({
  where: { tenantId: ctx.tenantId, ...(args.isActive != null ? { isActive: args.isActive } : {}) },
  orderBy: [{ name: 'asc' as const }, { id: 'asc' as const }],
});

builder.queryFields((t) => ({
  orderSources: t.prismaConnection({
    type: 'OrderSource',
    cursor: 'id',
    description: 'Order sources of the tenant, by name.',
    args: { isActive: t.arg.boolean({ required: false, description: 'Only active (true) or inactive (false) sources.' }) },
    extensions: compiledList('OrderSource', sourceList),
    totalCount: (_parent, args, ctx) => ctx.prisma.orderSource.count({ where: sourceList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.orderSource.findMany({ ...query, ...sourceList(args, ctx) }),
  }, connectionOf('OrderSource')),
}));

errorType(DuplicateOrderSourceError, {
  description: 'The tenant already has an order source with this name (compared case-insensitively); nothing was written.',
  fields: (t) => ({
    sourceName: t.exposeString('sourceName', { description: 'The name already used.' }),
    existingId: t.id({
      nullable: true,
      resolve: (e) => (e.existingId == null ? null : encodeGlobalID('OrderSource', e.existingId)),
      description: 'Global id of the order source that has the name, when known.',
    }),
  }),
});
