// Customer categories (seed 002): N customer, Y reseller, D dropshipper or custom codes;
// they decide prices and discount / wholesale access.
import { builder } from '../../graphql/builder.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { tenantNode } from '../../graphql/ids.js';
import type { Context } from '../../graphql/context.js';
// Writes (seed 002 create / update, and delete), one file each.
import { compiledList } from '../../graphql/compiled-reads/root-read.js';
import { connectionOf } from '../../graphql/shared-connections.js';

builder.prismaNode('CustomerCategory', {
  description: 'A kind of customer with its own prices and access to discounts and wholesale prices.',
  ...tenantNode,
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code, unique per tenant: "N" (customer), "Y" (reseller), "D" (dropshipper) or custom.' }),
    name: t.exposeString('name', { description: 'Display name, e.g. "Reseller".' }),
    isActive: t.exposeBoolean('isActive', { description: 'Whether new customers can be put in it.' }),
    discountAccess: t.exposeBoolean('discountAccess', { description: 'Whether its customers get discounts.' }),
    wholesaleAccess: t.exposeBoolean('wholesaleAccess', { description: 'Whether its customers get wholesale prices.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    customerCount: t.relationCount('customers', {
      description: 'Number of customers in it (deleted ones left out).',
      where: { deletedAt: null },
    }),
  }),
});

const CustomerCategoryFilter = builder.inputType('CustomerCategoryFilter', {
  description: 'Narrows the customer category list.',
  fields: (t) => ({
    isActive: t.boolean({ required: false, description: 'Only active (true) or inactive (false) categories.' }),
  }),
});

function customerCategoryWhere(ctx: Context, filter: typeof CustomerCategoryFilter.$inferInput | null | undefined) {
  return { tenantId: ctx.tenantId, ...(filter?.isActive != null ? { isActive: filter.isActive } : {}) };
}

/** Where and order of the list: its resolver's, its totalCount's and its compiled read's. */
const customerCategoryList = (args: { filter?: Parameters<typeof customerCategoryWhere>[1] }, ctx: Context) => ({ where: customerCategoryWhere(ctx, args.filter), orderBy: { id: 'asc' as const } });

builder.queryFields((t) => ({
  customerCategories: t.prismaConnection({
    type: 'CustomerCategory',
    cursor: 'id',
    description: 'Customer categories of the tenant, oldest first (the built-in N, Y, D come first).',
    args: { filter: t.arg({ type: CustomerCategoryFilter, required: false, description: 'Narrows the list.' }) },
    extensions: compiledList('CustomerCategory', customerCategoryList),
    totalCount: (_parent, args, ctx) => ctx.prisma.customerCategory.count({ where: customerCategoryList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.customerCategory.findMany({ ...query, ...customerCategoryList(args, ctx) }),
  }, connectionOf('CustomerCategory')),
}));

builder.queryField('customerCategoryByCode', (t) =>
  t.prismaField({
    type: 'CustomerCategory',
    nullable: true,
    description: 'One customer category by its code, e.g. "Y": its price access; null when none has the code.',
    args: { code: t.arg.string({ required: true, description: 'The code, exact and case-sensitive.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.customerCategory.findUnique({ ...query, where: { tenantId_code: { tenantId: ctx.tenantId, code: args.code } } }),
  }),
);

byIdQuery('CustomerCategory', {
  description: 'One customer category by global id.',
  idDescription: 'Global id of the category.',
});
