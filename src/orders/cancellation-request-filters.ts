// CancellationRequestFilter -> Prisma where, for the queue of cancellation
// requests (its list and totalCount share it). Pure (no I/O); `now` decides what is overdue.
import type { Prisma } from '../db/generated/prisma/client.js';
import type { CancellationRequester, CancellationRequestStatus, CancelReason } from '../db/generated/prisma/enums.js';
import { decodeIdArg } from '../shared/global-ids.js';
import { dateRangeWhere } from '../shared/list-query.js';

type GlobalId = { typename: string; id: string };
type Range = { from?: Date | null; to?: Date | null } | null | undefined;

export interface CancellationRequestFilterValue {
  statuses?: readonly CancellationRequestStatus[] | null;
  order?: GlobalId | null;
  reasons?: readonly CancelReason[] | null;
  requestedBy?: readonly CancellationRequester[] | null;
  requestedAt?: Range;
  deadlineAt?: Range;
  overdue?: boolean | null;
}

/** Open and past its deadline at `now` (the sweep or the next read expires it). */
export function overdueWhere(now: Date): Prisma.CancellationRequestWhereInput {
  return { status: 'REQUESTED', deadlineAt: { lte: now } };
}

/** Every condition is ANDed. */
export function cancellationRequestWhere(tenantId: number, filter: CancellationRequestFilterValue | null | undefined, now: Date): Prisma.CancellationRequestWhereInput {
  const and: Prisma.CancellationRequestWhereInput[] = [];
  if (filter) {
    if (filter.statuses?.length) and.push({ status: { in: [...filter.statuses] } });
    if (filter.order) and.push({ orderId: decodeIdArg(filter.order, 'Order') });
    if (filter.reasons?.length) and.push({ reason: { in: [...filter.reasons] } });
    if (filter.requestedBy?.length) and.push({ requestedBy: { in: [...filter.requestedBy] } });
    const requestedAt = dateRangeWhere(filter.requestedAt);
    if (requestedAt) and.push({ createdAt: requestedAt });
    const deadlineAt = dateRangeWhere(filter.deadlineAt);
    if (deadlineAt) and.push({ deadlineAt });
    if (filter.overdue === true) and.push(overdueWhere(now));
    if (filter.overdue === false) and.push({ NOT: overdueWhere(now) });
  }
  return and.length ? { tenantId, AND: and } : { tenantId };
}
