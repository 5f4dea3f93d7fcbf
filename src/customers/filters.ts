// Prisma `where` clause of the customer list. Ids arrive already decoded.
import type { Prisma } from '../db/generated/prisma/client.js';
import type { CustomerStatus } from '../db/generated/prisma/enums.js';
import { dateRangeWhere } from '../shared/list-query.js';
import { containsText, searchPattern, searchTerm } from '../shared/text-search.js';

export interface CustomerFilterInput {
  categoryId?: number | null;
  categoryCode?: string | null;
  statuses?: CustomerStatus[] | null;
  regionId?: number | null;
  search?: string | null;
  createdAt?: { from?: Date | null; to?: Date | null } | null;
}

/**
 * Phone numbers are stored as typed, "0812..." or "62812..." (seed 002 uses both):
 * a search for either form finds the other.
 */
export function phoneVariants(search: string): string[] {
  const digits = search.replace(/[\s+()-]/g, '');
  if (!/^\d{4,}$/.test(digits)) return [];
  if (digits.startsWith('0')) return [digits, `62${digits.slice(1)}`];
  if (digits.startsWith('62')) return [digits, `0${digits.slice(2)}`];
  return [digits];
}

/**
 * The ids (a column "id", each once) of the tenant's customers a search finds by name, email,
 * address or phone (either phone form): the set of customerWhere's search, read through the
 * columns' trigram indexes. `tenant` is a SQL placeholder; `param` places the patterns.
 */
export function customerSearchMatches(tenant: string, term: string, param: (value: unknown) => string): string {
  const text = param(searchPattern(term));
  const phones = phoneVariants(term).map((variant) => ` OR c."phone" ILIKE ${param(searchPattern(variant))}`);
  return (
    `SELECT c."id" FROM "Customer" c WHERE c."tenantId" = ${tenant} AND ` +
    `(c."name" ILIKE ${text} OR c."email" ILIKE ${text} OR c."address" ILIKE ${text} OR c."phone" ILIKE ${text}${phones.join('')})`
  );
}

export function customerWhere(tenantId: number, filter: CustomerFilterInput | null | undefined): Prisma.CustomerWhereInput {
  const search = searchTerm(filter?.search);
  const contains = containsText;
  const createdAt = dateRangeWhere(filter?.createdAt);
  const regionId = filter?.regionId;
  return {
    tenantId,
    deletedAt: null,
    ...(filter?.categoryId != null ? { categoryId: filter.categoryId } : {}),
    ...(filter?.categoryCode ? { category: { code: filter.categoryCode } } : {}),
    ...(filter?.statuses?.length ? { status: { in: filter.statuses } } : {}),
    // The region or any region below it: the tree is at most four levels deep.
    ...(regionId != null
      ? {
          region: {
            OR: [
              { id: regionId },
              { parentId: regionId },
              { parent: { parentId: regionId } },
              { parent: { parent: { parentId: regionId } } },
            ],
          },
        }
      : {}),
    ...(search
      ? {
          OR: [
            { name: contains(search) },
            { email: contains(search) },
            { address: contains(search) },
            ...[search, ...phoneVariants(search)].map((text) => ({ phone: contains(text) })),
          ],
        }
      : {}),
    ...(createdAt ? { createdAt } : {}),
  };
}
