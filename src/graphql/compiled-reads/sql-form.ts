// A computed field's SQL form, declared beside its resolver: a compiled read answers
// the field with this expression over the row instead of sending the document to the
// executor. The differential tests (test/graph/compiled-reads.test.ts) hold the two to
// the same answer, byte for byte.

/** Scalars a SQL form may yield, printed as their GraphQL scalar prints them. */
export type SqlFormScalar = 'Boolean' | 'Int' | 'Decimal';

export interface SqlForm {
  scalar: SqlFormScalar;
  /** SQL over the row whose alias is `row` (quoted column names, e.g. `${row}."printedAt"`); never NULL. */
  expression(row: string): string;
}

/** `extensions` of a field answered in SQL by `expression`. */
export function sqlForm(scalar: SqlFormScalar, expression: (row: string) => string): { sqlForm: SqlForm } {
  return { sqlForm: { scalar, expression } };
}

/**
 * `extensions` of a field whose value is a small object of scalars, each sub-field
 * answered by its own SQL over the parent row (e.g. a variation's stock totals).
 */
export function sqlObject(fields: Record<string, SqlForm>): { sqlObject: Record<string, SqlForm> } {
  return { sqlObject: fields };
}

/** A sub-field's form for sqlObject. */
export function form(scalar: SqlFormScalar, expression: (row: string) => string): SqlForm {
  return { scalar, expression };
}
