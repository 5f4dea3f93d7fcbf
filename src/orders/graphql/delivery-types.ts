// Delivery types: the catalogue, its list, and an order's type.
import { builder } from '../../graphql/builder.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { compiledList } from '../../graphql/compiled-reads/root-read.js';
import type { Context } from '../../graphql/context.js';
import { tenantNode } from '../../graphql/ids.js';
import { connectionOf } from '../../graphql/shared-connections.js';

builder.prismaNode('DeliveryType', {
  description: 'How orders reach buyers: by courier, by the shop\'s own delivery, picked up by the buyer, ...',
  ...tenantNode,
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Upper-case code, unique per shop, e.g. "REGULAR", "SELF_DELIVERY", "PICKUP".' }),
    name: t.exposeString('name', { description: 'Display name, e.g. "Reguler".' }),
    needsCourier: t.exposeBoolean('needsCourier', { description: 'Whether orders of this type go with a courier.' }),
    isActive: t.exposeBoolean('isActive', { description: 'Inactive types are refused on new orders; orders that name one keep it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was added.' }),
  }),
});

builder.prismaObjectFields('Order', (t) => ({
  deliveryType: t.relation('deliveryType', { nullable: true, description: 'How the order reaches the buyer.' }),
}));

/** Where and order of the list: its resolver's, its totalCount's and its compiled read's. */
const deliveryTypeList = (args: { isActive?: boolean | null }, ctx: Context) => ({
  where: { tenantId: ctx.tenantId, ...(args.isActive != null ? { isActive: args.isActive } : {}) },
  orderBy: [{ code: 'asc' as const }, { id: 'asc' as const }],
});

builder.queryFields((t) => ({
  deliveryTypes: t.prismaConnection({
    type: 'DeliveryType',
    cursor: 'id',
    description: 'The shop\'s delivery types, by code.',
    args: { isActive: t.arg.boolean({ required: false, description: 'Only active (true) or inactive (false) types.' }) },
    extensions: compiledList('DeliveryType', deliveryTypeList),
    totalCount: (_parent, args, ctx) => ctx.prisma.deliveryType.count({ where: deliveryTypeList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.deliveryType.findMany({ ...query, ...deliveryTypeList(args, ctx) }),
  }, connectionOf('DeliveryType')),
}));

byIdQuery('DeliveryType', { description: 'One delivery type by global id.', idDescription: 'Global id of the delivery type.' });
