// OrderSource: the tenant's named sales channels (seed 002 order sources).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../graphql/builder.js';
import { errorType } from '../../graphql/errors.js';
import { DuplicateOrderSourceError } from '../order-source-errors.js';
import { tenantNode } from '../../graphql/ids.js';
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

builder.queryFields((t) => ({
  orderSources: t.prismaConnection({
    type: 'OrderSource',
    cursor: 'id',
    description: 'Order sources of the tenant, by name.',
    args: { isActive: t.arg.boolean({ required: false, description: 'Only active (true) or inactive (false) sources.' }) },
    totalCount: (_parent, args, ctx) =>
      ctx.prisma.orderSource.count({ where: { tenantId: ctx.tenantId, ...(args.isActive != null ? { isActive: args.isActive } : {}) } }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.orderSource.findMany({
        ...query,
        where: { tenantId: ctx.tenantId, ...(args.isActive != null ? { isActive: args.isActive } : {}) },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
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
