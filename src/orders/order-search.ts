// The order search as an id prefilter. As one Prisma where, the search is an OR over
// the order's columns, its customer and three child tables; PostgreSQL can only check
// it order by order while it walks the tenant's orders newest first, so a term that
// matches few orders reads every order of the tenant. Each order's searched texts are
// also kept as one document ("OrderSearch", kept by triggers: README "Search"), whose
// trigram index answers any term in one index scan: the matching ids come back in a
// millisecond or two and the list reads just those. In the executor's path, past
// PREFILTER_CAP matches the caller keeps the OR (a Prisma `in` list that long costs more
// than the walk, which stops at the page's end); compiled reads use the document always.
import { keyScopeOfClient } from '../auth/key-scope.js';
import type { Db } from '../db/client.js';
import { likeLiteral } from '../shared/text-search.js';

/** Most matching orders the prefilter takes; past it the list's own OR walk is the better plan. */
export const PREFILTER_CAP = 2000;

/**
 * From how many matching orders a compiled list walks the tenant's orders newest first, looking
 * each up in the matches, rather than reading the matches and sorting them. At 200,000 orders
 * the walk reads about 0.08 µs per order and the sort 3 µs per match (README "Search"): they
 * cost the same near 300 matches, for a 20-row page. An object, so that a test can move it and
 * see both ways answer alike.
 */
export const SEARCH_WALK = { from: 300 };

/** Shortest term a trigram index can serve (shorter ones hold no trigram and would scan). */
const MIN_INDEXED_LENGTH = 3;

/** What separates the texts of a search document (migration *_order_search_documents). */
const DOCUMENT_SEPARATOR = '\n';

/**
 * Ids of the tenant's orders matching the search term in their code, external reference,
 * customer's name or phone, a party's name or phone, a line's SKU or a shipment's tracking
 * number: the same set as the search's OR (orderWhere). Undefined when the OR should run as
 * it is: a term the document cannot answer (indexedTerm), more than `cap` matches, or a key
 * bound to a channel or warehouses, whose scoped client decides which customers and orders it sees.
 */
export async function orderSearchIds(prisma: Db, tenantId: number, term: string, cap = PREFILTER_CAP): Promise<number[] | undefined> {
  if (!indexedTerm(term) || keyScopeOfClient(prisma)) return undefined;
  const rows = await prisma.$queryRawUnsafe<Array<{ id: number }>>(`${orderSearchMatches('$1', '$2')} LIMIT $3`, tenantId, searchPattern(term), cap + 1);
  if (rows.length > cap) return undefined;
  return rows.map((row) => Number(row.id));
}

/**
 * Whether the search document can answer the term: three characters at least (shorter ones
 * hold no trigram, and the index would read everything) and no line break (the document
 * keeps one text to a line, so a term spanning a break would match across two texts).
 */
export function indexedTerm(term: string): boolean {
  return [...term].length >= MIN_INDEXED_LENGTH && !term.includes(DOCUMENT_SEPARATOR);
}

/** The ILIKE pattern of a search term: every character literal. */
export function searchPattern(term: string): string {
  return `%${likeLiteral(term)}%`;
}

/**
 * The ids (a column `id`, each once) of the tenant's orders whose search document holds the
 * pattern: the same set as the search's OR (order-filters.ts). `tenant` and `pattern` are
 * SQL placeholders.
 */
export function orderSearchMatches(tenant: string, pattern: string): string {
  return `SELECT s."orderId" AS "id" FROM "OrderSearch" s WHERE s."tenantId" = ${tenant} AND s."document" ILIKE ${pattern}`;
}
