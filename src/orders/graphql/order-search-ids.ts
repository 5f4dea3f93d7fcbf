// The search prefilter of one request, shared by the list and its totalCount (both
// resolvers ask for the same term: one query for the two).
import type { Context } from '../../graphql/context.js';
import { searchTerm } from '../../shared/text-search.js';
import { orderSearchIds, searchPatterns, type SearchTrigrams } from '../order-search.js';

declare module '../../graphql/context.js' {
  interface ContextServices {
    /** How common each trigram is in the search documents: the search looks up the part of a term cheapest to read. */
    searchTrigrams: SearchTrigrams;
  }
}

const perRequest = new WeakMap<Context, Map<string, Promise<number[] | undefined>>>();

/** The ids the filter's search matches, or undefined when the search's OR should run (order-search.ts). */
export function searchIdsOf(ctx: Context, search: string | null | undefined): Promise<number[] | undefined> {
  const term = searchTerm(search);
  if (!term) return Promise.resolve(undefined);
  let memo = perRequest.get(ctx);
  if (!memo) perRequest.set(ctx, (memo = new Map()));
  let ids = memo.get(term);
  if (!ids) memo.set(term, (ids = orderSearchIds(ctx.prisma, ctx.tenantId, term, { share: ctx.services.searchTrigrams.share })));
  return ids;
}

/** The term's patterns for this app's documents (order-search.ts searchPatterns). */
export function searchPatternsOf(ctx: Context, term: string): ReturnType<typeof searchPatterns> {
  return searchPatterns(term, ctx.services.searchTrigrams.share);
}
