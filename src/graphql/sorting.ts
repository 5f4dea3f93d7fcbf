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

/**
 * `<Entity>OrderBy { field: <Entity>SortField!, direction: SortDirection! }`, the
 * sort input every list takes. `values` map the enum to the Prisma column.
 */
export function sortInput<const Values extends Record<string, { value: string; description: string }>>(
  entity: string,
  options: { description: string; fieldsDescription: string; defaultDirection: 'asc' | 'desc'; values: Values },
) {
  const sortField = builder.enumType(`${entity}SortField`, { description: options.fieldsDescription, values: options.values });
  return builder.inputType(`${entity}OrderBy`, {
    description: options.description,
    fields: (t) => ({
      field: t.field({ type: sortField, required: true, description: 'What to sort by.' }),
      direction: t.field({
        type: SortDirection,
        defaultValue: options.defaultDirection,
        required: true,
        description: `Which way; default ${options.defaultDirection.toUpperCase()}.`,
      }),
    }),
  });
}
