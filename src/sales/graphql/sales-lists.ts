// salesTeams, salesReps, visitStatuses: the shop's sales force lists.
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { compiledList } from '../../graphql/compiled-reads/root-read.js';
import { connectionOf } from '../../graphql/shared-connections.js';
import { sortInput } from '../../graphql/sorting.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import { listOrder } from '../../shared/list-query.js';
import { containsText, searchTerm } from '../../shared/text-search.js';
import { VisitStatusTypeEnum } from './types.js';

const SalesTeamFilter = builder.inputType('SalesTeamFilter', {
  description: 'Narrows the team list; conditions combine with AND.',
  fields: (t) => ({
    isActive: t.boolean({ required: false, description: 'Only active (true) or inactive (false) teams.' }),
    search: t.string({ required: false, description: 'Words in the name (case-insensitive).' }),
  }),
});

const SalesTeamOrderBy = sortInput('SalesTeam', {
  description: 'Sort order of the team list.',
  fieldsDescription: 'What teams can be sorted by.',
  defaultDirection: 'asc',
  values: {
    NAME: { value: 'name', description: 'Name, A to Z.' },
    CREATED_AT: { value: 'createdAt', description: 'Creation time.' },
  },
});

const SalesRepFilter = builder.inputType('SalesRepFilter', {
  description: 'Narrows the rep list; conditions combine with AND.',
  fields: (t) => ({
    isActive: t.boolean({ required: false, description: 'Only active (true) or inactive (false) reps.' }),
    salesTeamIds: t.globalIDList({ required: false, description: 'Only reps in one of these teams.' }),
    search: t.string({ required: false, description: 'Words in the name, phone or e-mail (case-insensitive).' }),
  }),
});

const SalesRepOrderBy = sortInput('SalesRep', {
  description: 'Sort order of the rep list.',
  fieldsDescription: 'What reps can be sorted by.',
  defaultDirection: 'asc',
  values: {
    NAME: { value: 'name', description: 'Name, A to Z.' },
    CREATED_AT: { value: 'createdAt', description: 'Creation time.' },
  },
});

const VisitStatusFilter = builder.inputType('VisitStatusFilter', {
  description: 'Narrows the visit status list; conditions combine with AND.',
  fields: (t) => ({
    isActive: t.boolean({ required: false, description: 'Only active (true) or inactive (false) statuses.' }),
    type: t.field({ type: VisitStatusTypeEnum, required: false, description: 'Only statuses of this type.' }),
  }),
});

const VisitStatusOrderBy = sortInput('VisitStatus', {
  description: 'Sort order of the visit status list.',
  fieldsDescription: 'What visit statuses can be sorted by.',
  defaultDirection: 'asc',
  values: {
    POSITION: { value: 'position', description: 'Place in the list.' },
    NAME: { value: 'name', description: 'Name, A to Z.' },
  },
});

function teamWhere(ctx: Context, filter: typeof SalesTeamFilter.$inferInput | null | undefined) {
  const search = searchTerm(filter?.search);
  return {
    tenantId: ctx.tenantId,
    ...(filter?.isActive != null ? { isActive: filter.isActive } : {}),
    ...(search ? { name: containsText(search) } : {}),
  };
}

function repWhere(ctx: Context, filter: typeof SalesRepFilter.$inferInput | null | undefined) {
  const search = searchTerm(filter?.search);
  const contains = containsText(search ?? '');
  return {
    tenantId: ctx.tenantId,
    ...(filter?.isActive != null ? { isActive: filter.isActive } : {}),
    ...(filter?.salesTeamIds?.length ? { teamId: { in: filter.salesTeamIds.map((id) => decodeIdArg(id, 'SalesTeam')) } } : {}),
    ...(search ? { OR: [{ name: contains }, { phone: contains }, { email: contains }] } : {}),
  };
}

function statusWhere(ctx: Context, filter: typeof VisitStatusFilter.$inferInput | null | undefined) {
  return {
    tenantId: ctx.tenantId,
    ...(filter?.isActive != null ? { isActive: filter.isActive } : {}),
    ...(filter?.type ? { type: filter.type } : {}),
  };
}

type Sort = { field: string; direction?: 'asc' | 'desc' | null } | null | undefined;

/** Where and order of each list: its resolver's, its totalCount's and its compiled read's. */
const teamList = (args: { filter?: typeof SalesTeamFilter.$inferInput | null; orderBy?: Sort }, ctx: Context) => ({
  where: teamWhere(ctx, args.filter),
  orderBy: listOrder(args.orderBy, { field: 'name', direction: 'asc' }),
});
const repList = (args: { filter?: typeof SalesRepFilter.$inferInput | null; orderBy?: Sort }, ctx: Context) => ({
  where: repWhere(ctx, args.filter),
  orderBy: listOrder(args.orderBy, { field: 'name', direction: 'asc' }),
});
const statusList = (args: { filter?: typeof VisitStatusFilter.$inferInput | null; orderBy?: Sort }, ctx: Context) => ({
  where: statusWhere(ctx, args.filter),
  orderBy: listOrder(args.orderBy, { field: 'position', direction: 'asc' }),
});

builder.queryFields((t) => ({
  salesTeams: t.prismaConnection({
    type: 'SalesTeam',
    cursor: 'id',
    description: 'Sales teams of the shop, A to Z unless sorted otherwise.',
    args: {
      filter: t.arg({ type: SalesTeamFilter, required: false, description: 'Narrows the list.' }),
      orderBy: t.arg({ type: SalesTeamOrderBy, required: false, description: 'Sort order; default NAME ASC.' }),
    },
    extensions: compiledList('SalesTeam', teamList),
    totalCount: (_parent, args, ctx) => ctx.prisma.salesTeam.count({ where: teamList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.salesTeam.findMany({ ...query, ...teamList(args, ctx) }),
  }, connectionOf('SalesTeam')),
  salesReps: t.prismaConnection({
    type: 'SalesRep',
    cursor: 'id',
    description: 'Sales reps of the shop, A to Z unless sorted otherwise.',
    args: {
      filter: t.arg({ type: SalesRepFilter, required: false, description: 'Narrows the list.' }),
      orderBy: t.arg({ type: SalesRepOrderBy, required: false, description: 'Sort order; default NAME ASC.' }),
    },
    extensions: compiledList('SalesRep', repList),
    totalCount: (_parent, args, ctx) => ctx.prisma.salesRep.count({ where: repList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.salesRep.findMany({ ...query, ...repList(args, ctx) }),
  }, connectionOf('SalesRep')),
  visitStatuses: t.prismaConnection({
    type: 'VisitStatus',
    cursor: 'id',
    description: 'The outcomes a visit can have, in list order unless sorted otherwise.',
    args: {
      filter: t.arg({ type: VisitStatusFilter, required: false, description: 'Narrows the list.' }),
      orderBy: t.arg({ type: VisitStatusOrderBy, required: false, description: 'Sort order; default POSITION ASC.' }),
    },
    extensions: compiledList('VisitStatus', statusList),
    totalCount: (_parent, args, ctx) => ctx.prisma.visitStatus.count({ where: statusList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.visitStatus.findMany({ ...query, ...statusList(args, ctx) }),
  }, connectionOf('VisitStatus')),
}));
