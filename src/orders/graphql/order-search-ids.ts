// The search prefilter of one request, shared by the list and its totalCount (both
// resolvers ask for the same term: one query for the two).
import type { Context } from '../../graphql/context.js';
import { searchTerm } from '../../shared/text-search.js';
import { orderSearchIds } from '../order-search.js';

const perRequest = new WeakMap<Context, Map<string, Promise<number[] | undefined>>>();

/** The ids the filter's search matches, or undefined when the search's OR should run (order-search.ts). */
export function searchIdsOf(ctx: Context, search: string | null | undefined): Promise<number[] | undefined> {
  const term = searchTerm(search);
  if (!term) return Promise.resolve(undefined);
  let memo = perRequest.get(ctx);
  if (!memo) perRequest.set(ctx, (memo = new Map()));
  let ids = memo.get(term);
  if (!ids) memo.set(term, (ids = orderSearchIds(ctx.prisma, ctx.tenantId, term)));
  return ids;
}
