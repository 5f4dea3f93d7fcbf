// The Prisma shapes every list shares: a date range as a column condition, and a
// sort that ends on id so keyset cursors stay stable. Pure; no GraphQL.

export function dateRangeWhere(range: { from?: Date | null; to?: Date | null } | null | undefined) {
  if (!range || (!range.from && !range.to)) return undefined;
  return { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lt: range.to } : {}) };
}

/**
 * Prisma's orderBy for a list sorted by `orderBy` (or the default); id breaks ties so keyset cursors stay stable.
 * Columns in `nullable` sort their NULLs last in either direction ("not paid yet" after every paid order).
 */
export function listOrder(
  orderBy: { field: string; direction?: 'asc' | 'desc' | null } | null | undefined,
  defaults: { field: string; direction: 'asc' | 'desc' },
  nullable: readonly string[] = [],
) {
  const direction = orderBy?.direction ?? defaults.direction;
  const field = orderBy?.field ?? defaults.field;
  return [nullable.includes(field) ? { [field]: { sort: direction, nulls: 'last' as const } } : { [field]: direction }, { id: direction }];
}
