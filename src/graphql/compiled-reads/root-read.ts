// What a root Query field declares, in its `extensions.compiledRead`, so that its
// reads can be compiled: the model it reads and the same Prisma `where` and
// `orderBy` its resolver passes (one function serves both). The compiled read turns
// the plain parts of that query into SQL; a query it cannot translate (a filter
// with relations or OR, say) sends the request through the executor.
import type { Context } from '../context.js';
import type { ColumnCatalog } from './column-catalog.js';
import { NotCompilable, quote, type Datamodel } from './compile.js';

/**
 * What a root field's where may carry for its compiled read beside its Prisma conditions,
 * keyed by a symbol: only compiled reads read it, and Prisma never gets these objects (the
 * resolvers build their own where).
 */
function whereExtra<V>(name: string) {
  const key = Symbol(name);
  return {
    /** The where with the value keyed in. */
    with: <T extends Record<string, unknown>>(where: T, value: V): T => Object.assign({ ...where }, { [key]: value }),
    /** The where's value, if it has one. */
    of: (where: Record<string, unknown>): V | undefined => (where as Record<symbol, V | undefined>)[key],
  };
}

/**
 * Rows a read keeps only if their key is among ids found first: the order search's matches,
 * from the search documents' index. PostgreSQL cannot tell from a search pattern how many ids
 * it finds, and the best page plan depends on it; so the statement finds them once
 * (WITH ... MATERIALIZED), counts them and chooses as it runs: under `walkFrom` ids it reads
 * those rows and sorts them; from `walkFrom` on it walks the list in its order, looking each
 * row up in the ids (hashed), and stops at the page's end.
 */
export interface MatchSet {
  /** A SELECT of the ids (a column "id", each once), values placed through `param`. */
  sql(param: (value: unknown) => string): string;
  /** The model's column the ids are of. */
  key: string;
  walkFrom: number;
  /** The rest of the where holds only the tenant (which the ids hold already): totalCount is the number of ids. */
  alone: boolean;
  /**
   * The matches among the first rows of the list in `order`: a SELECT as `sql`'s of the ids of
   * those of its first rows (in that order) that match; every other match comes after them. A
   * page read in that order that these fill is the page all the matches make, and only a page
   * they do not fill needs every match found.
   */
  newest?: { order: readonly OrderTerm[]; sql(param: (value: unknown) => string): string };
}
const matchSets = whereExtra<MatchSet>('matchSet');
export const withMatchSet = matchSets.with;
export const matchSetOf = matchSets.of;

/**
 * A table that holds how many rows a where matches, to be summed: the order counter keeps the
 * orders per status, channel, kind, draft flag and payment status. totalCount sums its column
 * over the same where instead of counting the rows.
 */
export interface CountFrom {
  model: string;
  sum: string;
}
const countFroms = whereExtra<CountFrom>('countFrom');
export const withCountFrom = countFroms.with;
export const countFromOf = countFroms.of;

export interface RootQuery {
  where: Record<string, unknown>;
  orderBy?: unknown;
}

export interface CompiledRead {
  model: string;
  /** The resolver's own query for these arguments (as the field's resolver receives them). */
  query(args: Record<string, unknown>, ctx: Context): RootQuery;
  /** For a connection: the cursor column (prismaConnection's `cursor`). Absent: one object or null. */
  cursor?: string;
  /**
   * For a connection with `totalCount`: the `where` its totalCount resolver counts (the list's
   * filter, without cursor or page). Absent: a request asking for totalCount goes to the executor.
   */
  count?(args: Record<string, unknown>, ctx: Context): Record<string, unknown>;
}

/** `extensions` of a root field whose reads may be compiled. */
export function compiledRead(read: CompiledRead): { compiledRead: CompiledRead } {
  return { compiledRead: read };
}

/**
 * The compiled read of a root connection whose resolver reads `list(args, ctx)` (its
 * where and orderBy) and whose totalCount counts that where: one function serves
 * the resolver, the count and the compiled SQL, so they cannot disagree.
 */
export function compiledList<Args>(model: string, list: (args: Args, ctx: Context) => RootQuery): { compiledRead: CompiledRead } {
  return compiledRead({
    model,
    cursor: 'id',
    query: (args, ctx) => list(args as Args, ctx),
    count: (args, ctx) => list(args as Args, ctx).where,
  });
}

/**
 * SQL for a Prisma `where` made of column equalities (`{ tenantId: 3, status: 'PAID' }`),
 * `null` / `{ not: null }`, `{ in: [...] }` lists, `{ gte, lt }` ranges of timestamps and
 * `AND` lists of those; values go to `params`. Anything else (OR, relations, modes) is refused.
 */
export function whereSql(
  datamodel: Datamodel,
  model: string,
  alias: string,
  where: Record<string, unknown>,
  params: unknown[],
  columns?: ColumnCatalog,
): string {
  const fields = datamodel.datamodel.models[model]?.fields ?? [];
  const terms: string[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (key === 'AND') {
      const list = Array.isArray(value) ? value : [value];
      for (const part of list) {
        if (typeof part !== 'object' || part === null) throw new NotCompilable('AND of a non-object');
        terms.push(`(${whereSql(datamodel, model, alias, part as Record<string, unknown>, params, columns)})`);
      }
      continue;
    }
    const field = fields.find((f) => f.name === key);
    if (!field || field.kind === 'object' || field.isList) throw new NotCompilable(`where on ${model}.${key}`);
    const column = `${alias}.${quote(key)}`;
    const condition = (typeof value === 'object' && value !== null ? value : {}) as { in?: unknown; not?: unknown };
    const range = timestampRange(field, condition);
    if (value === null) terms.push(`${column} IS NULL`);
    else if (range) {
      // Compared in the column's own type, as Prisma sends the value (UTC for a column without zone).
      const dataType = columns?.get(`${model}.${key}`)?.dataType;
      const zoned = dataType === 'timestamp with time zone';
      if (!zoned && dataType !== 'timestamp without time zone') throw new NotCompilable(`a range on ${model}.${key} (${dataType ?? 'unknown type'})`);
      for (const [operator, instant] of range) {
        params.push(zoned ? instant.toISOString() : instant.toISOString().slice(0, -1));
        terms.push(`${column} ${operator} $${params.length}::${zoned ? 'timestamptz' : 'timestamp'}`);
      }
    }
    else if (plainValue(field, value)) {
      params.push(value);
      terms.push(`${column} = $${params.length}`);
    } else if (Object.keys(condition).length === 1 && condition.not === null) {
      terms.push(`${column} IS NOT NULL`);
    } else if (
      Object.keys(condition).length === 1 &&
      Array.isArray(condition.in) &&
      condition.in.every((item) => plainValue(field, item))
    ) {
      // As an array literal: drivers differ in how they send a JavaScript array (PGlite's would not parse).
      params.push(`{${condition.in.map((item) => `"${String(item).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
      const elementType = field.kind === 'enum' ? quote(field.type) : field.type === 'Int' ? 'int' : field.type === 'Boolean' ? 'boolean' : 'text';
      terms.push(`${column} = ANY($${params.length}::${elementType}[])`);
    } else throw new NotCompilable(`where ${model}.${key} is not a plain value`);
  }
  return terms.length ? terms.join(' AND ') : 'TRUE';
}

/** The bounds of a `{ gte?, gt?, lte?, lt? }` of Dates on a DateTime column, as SQL operators; undefined for anything else. */
function timestampRange(field: { type: string; kind: string }, condition: Record<string, unknown>): Array<[string, Date]> | undefined {
  if (field.type !== 'DateTime' || field.kind !== 'scalar' || condition instanceof Date) return undefined;
  const operators: Record<string, string> = { gte: '>=', gt: '>', lte: '<=', lt: '<' };
  const entries = Object.entries(condition).filter(([, value]) => value !== undefined);
  if (!entries.length || !entries.every(([key, value]) => key in operators && value instanceof Date && !Number.isNaN(value.getTime()))) return undefined;
  return entries.map(([key, value]) => [operators[key]!, value as Date]);
}

/** One column of a list's order. */
export interface OrderTerm {
  column: string;
  descending: boolean;
}

/**
 * The rows from a connection cursor's row on, in the list's order, as Prisma finds them
 * for `cursor: { id }`: the sort columns against the cursor row's values, read by the
 * cursor column alone (no cursor row, no rows), the last one inclusive, so the caller
 * skips one row. Prisma writes this as ORs of comparisons, which PostgreSQL can only
 * filter with (a deep page read 20,000 index entries); as one row comparison it is an
 * index range. Only orders that sort every column the same way (as `listOrder` does)
 * and end with the cursor column, over columns without NULLs.
 */
export function keysetSql(
  datamodel: Datamodel,
  columns: ColumnCatalog,
  model: string,
  alias: string,
  cursorColumn: string,
  cursorValue: unknown,
  order: readonly OrderTerm[],
  params: unknown[],
): string {
  const cursorField = datamodel.datamodel.models[model]?.fields.find((f) => f.name === cursorColumn);
  if (!cursorField || !plainValue(cursorField, cursorValue)) throw new NotCompilable(`a cursor that is not a ${model}.${cursorColumn}`);
  if (order.at(-1)?.column !== cursorColumn) throw new NotCompilable(`an order that does not end with ${model}.${cursorColumn}`);
  if (order.some((term) => term.descending !== order[0]!.descending)) throw new NotCompilable('an order with mixed directions');
  for (const term of order) {
    if (columns.get(`${model}.${term.column}`)?.nullable !== false) throw new NotCompilable(`a cursor over ${model}.${term.column}, which may be NULL`);
  }
  params.push(cursorValue);
  const cursorRow = (term: OrderTerm) => `(SELECT cursor_row.${quote(term.column)} FROM ${quote(model)} cursor_row WHERE cursor_row.${quote(cursorColumn)} = $${params.length})`;
  const sortColumns = order.map((term) => `${alias}.${quote(term.column)}`).join(', ');
  return `ROW(${sortColumns}) ${order[0]!.descending ? '<=' : '>='} ROW(${order.map(cursorRow).join(', ')})`;
}

function plainValue(field: { type: string; kind: string }, value: unknown): boolean {
  return (
    (typeof value === 'number' && field.type === 'Int' && Number.isSafeInteger(value)) ||
    (typeof value === 'string' && (field.type === 'String' || field.kind === 'enum')) ||
    (typeof value === 'boolean' && field.type === 'Boolean')
  );
}
