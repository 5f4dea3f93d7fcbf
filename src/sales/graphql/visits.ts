// visits: the reps' visits, newest first, filtered by rep, team, customer, status and date.
import { builder } from '../../graphql/builder.js';
import { compiledList } from '../../graphql/compiled-reads/root-read.js';
import type { Context } from '../../graphql/context.js';
import { connectionOf } from '../../graphql/shared-connections.js';
import { DateRange, sortInput } from '../../graphql/sorting.js';
import { decodeIdArg } from '../../shared/global-ids.js';
import { listOrder } from '../../shared/list-query.js';
import { visitWhere } from '../visit-filters.js';
import { VisitStatusTypeEnum } from './types.js';

const VisitFilterInput = builder.inputType('VisitFilter', {
  description: 'Narrows the visit list; conditions combine with AND, the ids in a list with OR.',
  fields: (t) => ({
    salesRepIds: t.globalIDList({ required: false, description: 'Only visits by one of these reps.' }),
    salesTeamIds: t.globalIDList({ required: false, description: 'Only visits counted for one of these teams.' }),
    customerIds: t.globalIDList({ required: false, description: 'Only visits to one of these customers.' }),
    visitStatusIds: t.globalIDList({ required: false, description: 'Only visits with one of these statuses (VisitStatus ids).' }),
    statusType: t.field({ type: VisitStatusTypeEnum, required: false, description: 'Only visits whose status has this type.' }),
    visitedAt: t.field({ type: DateRange, required: false, description: 'Only visits made in this interval.' }),
    hasOrder: t.boolean({ required: false, description: 'Only visits with (true) or without (false) an order attached.' }),
  }),
});

const VisitOrderBy = sortInput('Visit', {
  description: 'Sort order of the visit list.',
  fieldsDescription: 'What visits can be sorted by.',
  defaultDirection: 'desc',
  values: {
    VISITED_AT: { value: 'visitedAt', description: 'Time of the visit.' },
    CREATED_AT: { value: 'createdAt', description: 'Time it was recorded.' },
  },
});

function filterOf(filter: typeof VisitFilterInput.$inferInput | null | undefined) {
  const ids = (list: { typename: string; id: string }[] | null | undefined, typename: string) => list?.map((id) => decodeIdArg(id, typename));
  return {
    salesRepIds: ids(filter?.salesRepIds, 'SalesRep'),
    salesTeamIds: ids(filter?.salesTeamIds, 'SalesTeam'),
    customerIds: ids(filter?.customerIds, 'Customer'),
    statusIds: ids(filter?.visitStatusIds, 'VisitStatus'),
    statusType: filter?.statusType,
    visitedAt: filter?.visitedAt,
    hasOrder: filter?.hasOrder,
  };
}

/** Where and order of the visit list: its resolver's, its totalCount's and its compiled read's. */
const visitList = (
  args: { filter?: typeof VisitFilterInput.$inferInput | null; orderBy?: { field: string; direction?: 'asc' | 'desc' | null } | null },
  ctx: Context,
) => ({
  where: visitWhere(ctx.tenantId, filterOf(args.filter)),
  orderBy: listOrder(args.orderBy, { field: 'visitedAt', direction: 'desc' }),
});

builder.queryField('visits', (t) =>
  t.prismaConnection({
    type: 'Visit',
    cursor: 'id',
    description: "The sales reps' visits, newest first unless sorted otherwise.",
    args: {
      filter: t.arg({ type: VisitFilterInput, required: false, description: 'Narrows the list.' }),
      orderBy: t.arg({ type: VisitOrderBy, required: false, description: 'Sort order; default VISITED_AT DESC.' }),
    },
    extensions: compiledList('Visit', visitList),
    totalCount: (_parent, args, ctx) => ctx.prisma.visit.count({ where: visitList(args, ctx).where }),
    resolve: (query, _root, args, ctx) => ctx.prisma.visit.findMany({ ...query, ...visitList(args, ctx) }),
  }, connectionOf('Visit')),
);
