// Prisma `where` clause of the customer list. Ids arrive already decoded.
import type { Prisma } from '../db/generated/prisma/client.js';
import type { CustomerStatus } from '../db/generated/prisma/enums.js';
import { dateRangeWhere } from '../shared/list-query.js';
import { containsText, searchTerm } from '../shared/text-search.js';

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
