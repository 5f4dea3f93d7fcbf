// The order search as an id prefilter. As one Prisma where, the search is an OR over
// the order's columns, its customer and three child tables; PostgreSQL can only check
// it order by order while it walks the tenant's orders newest first, so a term that
// matches few orders reads every order of the tenant (40 ms at 20,000 orders, growing
// with the tenant). Asked per column instead, each arm is a trigram index scan
// (README "Search"): the matching ids come back in a millisecond or two and the list
// reads just those. A term that matches many orders is better served by the walk,
// which stops at the page's end; past PREFILTER_CAP matches the caller keeps the OR.
import { keyScopeOfClient } from '../auth/key-scope.js';
import type { Db } from '../db/client.js';
import { likeLiteral } from '../shared/text-search.js';

/** Most matches (an order matching in two columns counts twice) the prefilter takes; past it the list's own OR walk is the better plan. */
export const PREFILTER_CAP = 2000;

/** Shortest term a trigram index can serve (shorter ones hold no trigram and would scan). */
const MIN_INDEXED_LENGTH = 3;

/**
 * Ids of the tenant's orders matching the search term in their code, external reference,
 * customer's name or phone, a party's name or phone, a line's SKU or a shipment's tracking
 * number: the same set as the search's OR (orderWhere). Undefined when the OR should run as
 * it is: a term too short for the indexes, more than `cap` matches, or a key bound to a
 * channel or warehouses, whose scoped client decides which customers and orders it sees.
 */
export async function orderSearchIds(prisma: Db, tenantId: number, term: string, cap = PREFILTER_CAP): Promise<number[] | undefined> {
  if (!indexedTerm(term) || keyScopeOfClient(prisma)) return undefined;
  // UNION ALL under a LIMIT stops reading once the cap is passed; duplicates are dropped here.
  const rows = await prisma.$queryRawUnsafe<Array<{ id: number }>>(
    `SELECT id FROM (${orderSearchMatches('$1', '$2')}) matches LIMIT $3`,
    tenantId,
    searchPattern(term),
    cap + 1,
  );
  if (rows.length > cap) return undefined;
  return [...new Set(rows.map((row) => Number(row.id)))];
}

/** Whether the trigram indexes can serve the term (shorter ones hold no trigram and would scan). */
export function indexedTerm(term: string): boolean {
  return [...term].length >= MIN_INDEXED_LENGTH;
}

/** The ILIKE pattern of a search term: every character literal. */
export function searchPattern(term: string): string {
  return `%${likeLiteral(term)}%`;
}

/**
 * The ids (a column `id`, possibly repeated) of the tenant's orders matching the pattern in
 * each searched column, one index-served arm per column: the same set as the search's OR
 * (order-filters.ts). `tenant` and `pattern` are SQL placeholders.
 */
export function orderSearchMatches(tenant: string, pattern: string): string {
  return `SELECT o."id" FROM "Order" o
       WHERE o."tenantId" = ${tenant} AND (o."code" ILIKE ${pattern} OR o."externalRef" ILIKE ${pattern})
      UNION ALL
      SELECT o."id" FROM "Customer" c JOIN "Order" o ON o."customerId" = c."id" AND o."tenantId" = ${tenant}
       WHERE c."tenantId" = ${tenant} AND (c."name" ILIKE ${pattern} OR c."phone" ILIKE ${pattern})
      UNION ALL
      SELECT p."orderId" FROM "OrderParty" p
       WHERE p."tenantId" = ${tenant} AND (p."name" ILIKE ${pattern} OR p."phone" ILIKE ${pattern})
      UNION ALL
      SELECT i."orderId" FROM "OrderItem" i WHERE i."tenantId" = ${tenant} AND i."sku" ILIKE ${pattern}
      UNION ALL
      SELECT s."orderId" FROM "Shipment" s WHERE s."tenantId" = ${tenant} AND s."trackingNumber" ILIKE ${pattern}`;
}
