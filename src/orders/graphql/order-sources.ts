// OrderSource: the tenant's named sales channels (seed 002 order sources).
import { builder } from '../../graphql/builder.js';
import { tenantNode } from '../../graphql/ids.js';
import { connectionOf } from '../../graphql/shared-connections.js';

export const OrderSource = builder.prismaNode('OrderSource', {
  description: 'A named sales channel of the shop, e.g. "Instagram" or one Shopee store.',
  ...tenantNode,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name, unique per tenant.' }),
    isActive: t.exposeBoolean('isActive', { description: 'Inactive sources are not offered for new orders.' }),
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
