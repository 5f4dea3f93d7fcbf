// SQL expressions that evaluate to JSON text, built by concatenation: PostgreSQL's
// json_build_object looks up each argument's type on every row and costs a third
// more than the whole statement without it (bench/README.md). Every expression here
// yields JSON text and never NULL, so a concatenation of them is never NULL either.
// The text is what JSON.stringify writes for the same value: no spaces, and the
// escapes of to_json, which are JSON.stringify's for every string PostgreSQL can hold.

/** A piece of a JSON text: SQL giving (part of) a JSON text, or constant text. */
export type JsonPart = { sql: string } | { text: string };
/** The pieces of one JSON value, concatenated in order. */
export type JsonValue = JsonPart[];

export const sqlValue = (sql: string): JsonValue => [{ sql }];
export const textValue = (text: string): JsonValue => [{ text }];

/** `null` when the SQL value is NULL (a concatenation with NULL is NULL). */
export function orNull(value: JsonValue, nullable: boolean): JsonValue {
  return nullable ? sqlValue(`coalesce(${concat(value)}, 'null')`) : value;
}

/** A string that needs no escaping (enum labels, dates, decimals, base64). */
export function plainString(sql: string): JsonValue {
  return [{ text: '"' }, { sql }, { text: '"' }];
}

/** Any text, escaped. */
export function escapedString(sql: string): JsonValue {
  return sqlValue(`to_json(${sql})::text`);
}

/** Parts joined into one SQL expression; neighbouring constants are merged. */
export function concat(parts: JsonValue): string {
  const merged: JsonPart[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if ('text' in part && last && 'text' in last) merged[merged.length - 1] = { text: last.text + part.text };
    else merged.push(part);
  }
  return merged.map((part) => ('text' in part ? sqlString(part.text) : part.sql)).join(' || ');
}

/** {"key":value,...} from response keys and their values. */
export function jsonObject(entries: Array<[key: string, value: JsonValue]>): JsonValue {
  const parts: JsonValue = [{ text: '{' }];
  entries.forEach(([key, value], i) => parts.push({ text: `${i ? ',' : ''}${JSON.stringify(key)}:` }, ...value));
  parts.push({ text: '}' });
  return parts;
}

/** [element,...] over the rows of `from` (FROM ... WHERE ...), in `orderBy` order. */
export function arrayOf(element: JsonValue, from: string, orderBy: string): JsonValue {
  const elements = `(SELECT string_agg(${concat(element)}, ','${orderBy ? ` ORDER BY ${orderBy}` : ''}) ${from})`;
  return [{ text: '[' }, { sql: `coalesce(${elements}, '')` }, { text: ']' }];
}

/** A SQL string literal of the text. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
