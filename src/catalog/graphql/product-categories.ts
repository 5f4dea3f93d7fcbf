// Product categories (seed 002): a tree of names that products are filed under.
import { builder } from '../../graphql/builder.js';
import { byIdQuery } from '../../graphql/by-id-query.js';
import { tenantNode } from '../../graphql/ids.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import type { Context } from '../../graphql/context.js';
import { compiledList } from '../../graphql/compiled-reads/root-read.js';
import { connectionOf } from '../../graphql/shared-connections.js';
import { containsText, searchTerm } from '../../shared/text-search.js';

builder.prismaNode('ProductCategory', {
  description: 'A category products are filed under; categories may nest.',
  ...tenantNode,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Category name, unique per tenant.' }),
    parent: t.relation('parent', { nullable: true, description: 'The enclosing category; null at the top.' }),
    children: t.relation('children', {
      description: 'Categories directly under this one, A to Z.',
      query: { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    products: t.relatedConnection('products', {
      description: 'Products filed directly under this category (not under its children), A to Z; archived ones are left out.',
      cursor: 'id',
      totalCount: true,
      query: { where: { archivedAt: null }, orderBy: [{ name: 'asc' }, { id: 'asc' }] },
    }, connectionOf('Product')),
  }),
});

const ProductCategoryFilter = builder.inputType('ProductCategoryFilter', {
  description: 'Narrows the product category list; conditions combine with AND.',
  fields: (t) => ({
    parent: t.globalID({ required: false, description: 'Only categories directly under this one.' }),
    topLevel: t.boolean({ required: false, description: 'Only categories without (true) or with (false) a parent.' }),
    search: t.string({ required: false, description: 'Words in the name (case-insensitive).' }),
  }),
});

function productCategoryWhere(ctx: Context, filter: typeof ProductCategoryFilter.$inferInput | null | undefined) {
  const search = searchTerm(filter?.search);
  return {
    tenantId: ctx.tenantId,
    ...(filter?.parent ? { parentId: decodeIdArg(filter.parent, 'ProductCategory') } : {}),
    ...(filter?.topLevel != null ? { parentId: filter.topLevel ? null : { not: null } } : {}),
    ...(search ? { name: containsText(search) } : {}),
  };
}

/** Where and order of the list: its resolver's, its totalCount's and its compiled read's. */
const productCategoryList = (args: { filter?: Parameters<typeof productCategoryWhere>[1] }, ctx: Context) => ({ where: productCategoryWhere(ctx, args.filter), orderBy: [{ name: 'asc' as const }, { id: 'asc' as const }] });

builder.queryFields((t) => ({
  productCategories: t.prismaConnection({
    type: 'ProductCategory',
    cursor: 'id',
    description: 'Product categories of the tenant, A to Z.',
    args: { filter: t.arg({ type: ProductCategoryFilter, required: false, description: 'Narrows the list.' }) },
    extensions: compiledList('ProductCategory', productCategoryList),
    totalCount: (_parent, args, ctx) => ctx.prisma.productCategory.count({ where: productCategoryList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.productCategory.findMany({ ...query, ...productCategoryList(args, ctx) }),
  }, connectionOf('ProductCategory')),
}));

byIdQuery('ProductCategory', {
  description: 'One product category by global id.',
  idDescription: 'Global id of the category.',
});
