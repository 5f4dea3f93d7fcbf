// Suppliers (seed 002): who SUPPLIER products are sourced from.
import { builder } from '../../graphql/builder.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { tenantNode } from '../../graphql/ids.js';
import type { Context } from '../../graphql/context.js';
import { compiledList } from '../../graphql/compiled-reads/root-read.js';
import { connectionOf } from '../../graphql/shared-connections.js';
import { containsText, searchTerm } from '../../shared/text-search.js';

builder.prismaNode('Supplier', {
  description: 'A business the tenant buys from or sells on behalf of.',
  ...tenantNode,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Supplier name.' }),
    phone: t.exposeString('phone', { nullable: true, description: 'Contact phone.' }),
    email: t.exposeString('email', { nullable: true, description: 'Contact email.' }),
    address: t.exposeString('address', { nullable: true, description: 'Street address.' }),
    region: t.relation('region', { nullable: true, description: 'Administrative region of the address.' }),
    postalCode: t.exposeString('postalCode', { nullable: true, description: 'Postal code.' }),
    notes: t.exposeString('notes', { nullable: true, description: 'Free text notes.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last changed.' }),
    products: t.relatedConnection('products', {
      description: 'Products of this supplier, A to Z; archived ones are left out.',
      cursor: 'id',
      totalCount: true,
      query: { where: { archivedAt: null }, orderBy: [{ name: 'asc' }, { id: 'asc' }] },
    }, connectionOf('Product')),
  }),
});

const SupplierFilter = builder.inputType('SupplierFilter', {
  description: 'Narrows the supplier list.',
  fields: (t) => ({
    search: t.string({ required: false, description: 'Words in the name, phone or email (case-insensitive).' }),
  }),
});

function supplierWhere(ctx: Context, filter: typeof SupplierFilter.$inferInput | null | undefined) {
  const search = searchTerm(filter?.search);
  const contains = containsText(search ?? '');
  return {
    tenantId: ctx.tenantId,
    ...(search ? { OR: [{ name: contains }, { phone: contains }, { email: contains }] } : {}),
  };
}

/** Where and order of the list: its resolver's, its totalCount's and its compiled read's. */
const supplierList = (args: { filter?: Parameters<typeof supplierWhere>[1] }, ctx: Context) => ({ where: supplierWhere(ctx, args.filter), orderBy: [{ name: 'asc' as const }, { id: 'asc' as const }] });

builder.queryFields((t) => ({
  suppliers: t.prismaConnection({
    type: 'Supplier',
    cursor: 'id',
    description: 'Suppliers of the tenant, A to Z.',
    args: { filter: t.arg({ type: SupplierFilter, required: false, description: 'Narrows the list.' }) },
    extensions: compiledList('Supplier', supplierList),
    totalCount: (_parent, args, ctx) => ctx.prisma.supplier.count({ where: supplierList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.supplier.findMany({ ...query, ...supplierList(args, ctx) }),
  }, connectionOf('Supplier')),
}));

byIdQuery('Supplier', {
  description: 'One supplier by global id.',
  idDescription: 'Global id of the supplier.',
});
