// A computed field's SQL form, declared beside its resolver: a compiled read answers
// the field with this expression over the row instead of sending the document to the
// executor. The differential tests (test/graph/compiled-reads.test.ts) hold the two to
// the same answer, byte for byte.

import type { JsonValue } from './json-text.js';

/**
 * A custom scalar's printing in SQL, declared beside its `serialize`: the JSON text of
 * a non-NULL SQL value of a PostgreSQL type (`dataType` as information_schema names it,
 * `scale` for numerics: undefined when unconstrained), exactly as `serialize` writes the
 * value; undefined for a type it cannot print. Compiled reads print every column and SQL
 * form of the scalar with it, so no second copy of its printing exists.
 */
export type ScalarSqlJson = (sql: string, dataType: string, scale?: number) => JsonValue | undefined;

/** `extensions` of a custom scalar printed in SQL by `json`. */
export function scalarSql(json: ScalarSqlJson): { sqlJson: ScalarSqlJson } {
  return { sqlJson: json };
}

/** Scalars a SQL form may yield, printed as their GraphQL scalar prints them. */
export type SqlFormScalar = 'Boolean' | 'Int' | 'Decimal' | 'DateTime';

export interface SqlForm {
  scalar: SqlFormScalar;
  /** SQL over the row whose alias is `row` (quoted column names, e.g. `${row}."printedAt"`); never NULL unless `nullable`. A Decimal is a numeric, a DateTime a timestamptz. */
  expression(row: string): string;
  /** The field is nullable and NULL answers null. */
  nullable?: boolean;
}

/** `extensions` of a field answered in SQL by `expression`. */
export function sqlForm(scalar: SqlFormScalar, expression: (row: string) => string): { sqlForm: SqlForm } {
  return { sqlForm: { scalar, expression } };
}

/**
 * `extensions` of a field whose value is a small object of aggregates over one set of rows
 * (a customer's orders, say): `from(row)` is the FROM ... WHERE of that set over the parent
 * row, and each sub-field's form an aggregate over it. One subquery answers every figure
 * the document asks for, instead of one per figure.
 */
export function sqlAggregate(from: (row: string) => string, fields: Record<string, SqlForm>): { sqlAggregate: { from: (row: string) => string; fields: Record<string, SqlForm> } } {
  return { sqlAggregate: { from, fields } };
}

/** A sub-field's form for sqlAggregate. */
export function form(scalar: SqlFormScalar, expression: (row: string) => string, options: { nullable?: boolean } = {}): SqlForm {
  return { scalar, expression, ...options };
}

/** Stands for the caller's role in SQL text, as a quoted literal; the plan puts the role in per request. */
export const ROLE_IN_SQL = '/*og:role*/';

/**
 * A list field whose items come from a fixed table in code (the transitions an order
 * may take, say). SQL over the parent row picks the items' keys, in order; each item's
 * selected sub-fields are printed once, when the document is compiled, from
 * `item(key)`: a plain record the item type's fields read by name (objects and lists
 * of them nested alike), as the executor's resolvers read the same record.
 */
export interface SqlStaticList {
  /** Every key `keys` can yield. */
  all: readonly string[];
  /** The record of one item. */
  item(key: string): Record<string, unknown>;
  /** A `text[]` expression of the keys over the row aliased `row`; ROLE_IN_SQL may stand for the caller's role. */
  keys(row: string): string;
}

/** `extensions` of a list field answered from a table in code (see SqlStaticList). */
export function sqlStaticList(list: SqlStaticList): { sqlStaticList: SqlStaticList } {
  return { sqlStaticList: list };
}
