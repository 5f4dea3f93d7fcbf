import { builder } from './builder.js';

export const SortDirection = builder.enumType('SortDirection', {
  description: 'Direction of a sort.',
  values: {
    ASC: { value: 'asc', description: 'Smallest / oldest first.' },
    DESC: { value: 'desc', description: 'Largest / newest first.' },
  } as const,
});

export const DateRange = builder.inputType('DateRange', {
  description: 'An interval of time; either end may be left open. `from` is inclusive, `to` exclusive.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', required: false, description: 'Earliest instant, inclusive.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Latest instant, exclusive.' }),
  }),
});

export function dateRangeWhere(range: { from?: Date | null; to?: Date | null } | null | undefined) {
  if (!range || (!range.from && !range.to)) return undefined;
  return { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lt: range.to } : {}) };
}
