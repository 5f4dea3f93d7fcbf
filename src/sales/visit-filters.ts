// The visit list's filter as a Prisma condition. Pure; no GraphQL.
import type { VisitStatusType } from '../db/generated/prisma/enums.js';
import { dateRangeWhere } from '../shared/list-query.js';

export interface VisitFilter {
  salesRepIds?: readonly number[] | null;
  salesTeamIds?: readonly number[] | null;
  customerIds?: readonly number[] | null;
  statusIds?: readonly number[] | null;
  statusType?: VisitStatusType | null;
  visitedAt?: { from?: Date | null; to?: Date | null } | null;
  hasOrder?: boolean | null;
}

export function visitWhere(tenantId: number, filter: VisitFilter | null | undefined) {
  const visitedAt = dateRangeWhere(filter?.visitedAt);
  return {
    tenantId,
    ...(filter?.salesRepIds?.length ? { salesRepId: { in: [...filter.salesRepIds] } } : {}),
    ...(filter?.salesTeamIds?.length ? { teamId: { in: [...filter.salesTeamIds] } } : {}),
    ...(filter?.customerIds?.length ? { customerId: { in: [...filter.customerIds] } } : {}),
    ...(filter?.statusIds?.length ? { statusId: { in: [...filter.statusIds] } } : {}),
    ...(filter?.statusType ? { status: { is: { type: filter.statusType } } } : {}),
    ...(visitedAt ? { visitedAt } : {}),
    ...(filter?.hasOrder != null ? { orderId: filter.hasOrder ? { not: null } : null } : {}),
  };
}
