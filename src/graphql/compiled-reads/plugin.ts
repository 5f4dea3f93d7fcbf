// Runs a compiled read (compile.ts) in place of the executor when it can answer the
// request exactly as the executor would; otherwise, and on any doubt, the executor
// answers. Plans are made once per parsed document (Yoga caches documents by text)
// and operation; per request only the arguments are read and one statement runs.
import { getMappedArgumentValues } from '@pothos/core';
import { parsePrismaCursor } from '@pothos/plugin-prisma';
import {
  getOperationAST,
  GraphQLError,
  getVariableValues,
  Kind,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { asDatabaseFault, databaseFault } from '../../db/faults.js';
import type { Context } from '../context.js';
import type { ColumnCatalog } from './column-catalog.js';
import { base64String, compileRead, NotCompilable, quote, type ConnectionShape, type Datamodel, type NestedConnection, type ReadPlan } from './compile.js';
import { concat, jsonObject, orNull, sqlValue, textValue, type JsonValue } from './json-text.js';
import { countFromOf, keysetSql, matchSetOf, whereSql, type OrderTerm } from './root-read.js';
import { ROLE_IN_SQL } from './sql-form.js';

/** Marks the statements of compiled reads (statement logs, tests). */
export const COMPILED_READ_MARK = '/* compiled read */';

const DEFAULT_PAGE_SIZE = 20;
/** Table alias of a connection's totalCount subquery (the compiler's own are t0, t1, ...). */
const COUNT_ALIAS = 'total_rows';
const MAX_PAGE_SIZE = 100;
/** Statement texts kept per plan: one per shape of where, order and page size (a client uses a few). */
const MAX_STATEMENTS_PER_PLAN = 32;

export interface CompiledReadsOptions {
  datamodel: Datamodel;
  columns: ColumnCatalog;
  /** Runs the statement as the caller's tenant; rows as arrays of column values (here: one text column). */
  read(ctx: Context, sql: string, params: readonly unknown[]): Promise<unknown[][]>;
  /** Whether the caller holds a permission a guarded field needs. */
  allows(ctx: Context, permission: string): boolean;
  /** Whether this caller's reads may be compiled at all (a key bound to a channel or warehouses is scoped in Prisma, which compiled SQL skips). */
  compiles?(ctx: Context): boolean;
  /** Told why an operation is not compiled (once per document and operation). */
  onRefused?(operationName: string | undefined, reason: string): void;
  /** Told when a compiled statement failed and the executor answered instead. */
  onFailed?(operationName: string | undefined, error: unknown): void;
  /** Told when a compiled statement answered the request (metrics, the request log). */
  onCompiled?(ctx: Context): void;
}

interface Statement {
  sql: string;
  params: unknown[];
}

export function compiledReadsPlugin(options: CompiledReadsOptions): Plugin<Context> {
  const plans = new WeakMap<DocumentNode, Map<string, ReadPlan[] | null>>();

  function planFor(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): { plans: ReadPlan[]; operation: OperationDefinitionNode } | undefined {
    let byOperation = plans.get(document);
    if (!byOperation) plans.set(document, (byOperation = new Map()));
    const operation = getOperationAST(document, operationName);
    if (!operation) return undefined;
    const key = operationName ?? '';
    let plan = byOperation.get(key);
    if (plan === undefined) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
      try {
        plan = compileRead(schema, operation, fragments, options.datamodel, options.columns);
      } catch (error) {
        if (!(error instanceof NotCompilable)) throw error;
        options.onRefused?.(operation.name?.value, error.message);
        plan = null;
      }
      byOperation.set(key, plan);
    }
    return plan ? { plans: plan, operation } : undefined;
  }

  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const planned = planFor(args.schema, args.document, args.operationName);
      if (!planned) return;
      const rootKeys = planned.plans.map((plan) => plan.rootKey);
      setExecuteFn(async (execArgs: ExecutionArgs) => {
        const ctx = execArgs.contextValue as Context;
        const statement = await bind(planned.plans, planned.operation, execArgs, ctx);
        if (!statement) return executeFn(execArgs);
        let rows: unknown[][];
        try {
          rows = await options.read(ctx, statement.sql, statement.params);
        } catch (error) {
          // A statement timeout or a lost database is the answer: the executor would wait as long again.
          if (databaseFault(error)) {
            const fault = asDatabaseFault(error) as Error;
            return { data: null, errors: [new GraphQLError(fault.message, { path: [rootKeys[0]!], originalError: fault })] } as ExecutionResult;
          }
          // The executor meets the same trouble (the database is away) and reports it in its own
          // words; anything else is a statement the compiler got wrong, worth a warning.
          options.onFailed?.(planned.operation.name?.value, error);
          return executeFn(execArgs);
        }
        // One root: no row is no object (null). Several: one row, a column per root, NULL for no object.
        const values = rows.length ? rows[0]! : rootKeys.map(() => null);
        const texts: Array<string | null> = [];
        for (const [i, plan] of planned.plans.entries()) {
          const json = values[i];
          // A connection's page is never NULL, nor a row's JSON: NULL where none was expected, the executor answers instead.
          if (typeof json !== 'string' && (json !== null || plan.connection || (rows.length && rootKeys.length === 1))) return executeFn(execArgs);
          texts.push(json);
        }
        options.onCompiled?.(ctx);
        return passThrough(rootKeys, texts);
      });
    },
  };

  /** The statement for this request, or undefined when the executor must answer. */
  /**
   * The statement for this request, or undefined when the executor must answer. Several root
   * fields are one statement too: a column per root, each root's own statement as a scalar
   * subquery, their parameters numbered in one list.
   */
  async function bind(plans: ReadPlan[], operation: OperationDefinitionNode, execArgs: ExecutionArgs, ctx: Context): Promise<Statement | undefined> {
    if (options.compiles && !options.compiles(ctx)) return undefined;
    const variables = getVariableValues(execArgs.schema, operation.variableDefinitions ?? [], (execArgs.variableValues ?? {}) as Record<string, unknown>);
    if (variables.errors) return undefined;
    const params: unknown[] = [];
    const texts: string[] = [];
    for (const plan of plans) {
      const text = await bindRoot(plan, variables.coerced, execArgs, ctx, params);
      if (text === undefined) return undefined;
      texts.push(text);
    }
    const sql = texts.length === 1 ? texts[0]! : `SELECT ${texts.map((text) => `(${text})`).join(', ')}`;
    return { sql: `${COMPILED_READ_MARK} ${sql}`, params };
  }

  /** One root field's statement, its parameters added to `params`; undefined when the executor must answer. */
  async function bindRoot(plan: ReadPlan, variableValues: Record<string, unknown>, execArgs: ExecutionArgs, ctx: Context, params: unknown[]): Promise<string | undefined> {
    for (const permission of plan.permissions) if (!options.allows(ctx, permission)) return undefined;
    let args: Record<string, unknown>;
    let query;
    try {
      const info = { schema: execArgs.schema, variableValues, fieldName: plan.field.name, parentType: execArgs.schema.getQueryType()! };
      args = await getMappedArgumentValues(plan.field as never, plan.fieldNode, ctx, info as never);
      query = plan.read.query(args, ctx);
    } catch {
      return undefined;
    }
    let first: number | undefined;
    const page = plan.connection ? pageOf(args) : { backward: false, size: undefined };
    if (!page) return undefined;
    const { backward } = page;
    const cursorArg = backward ? args.before : args.after;
    const paged = plan.connection !== undefined && cursorArg != null;
    if (plan.connection) first = page.size ?? DEFAULT_PAGE_SIZE;
    const param = (value: unknown) => `$${params.push(value)}`;
    let where: string;
    let countStatement: string | undefined;
    let order: OrderTerm[] = [];
    const matches = matchSetOf(query.where);
    // The ids the rows must be among, found once for the page and the count (root-read.ts).
    const matchesSql = matches?.sql(param);
    let withMatches = '';
    const inMatches = (alias: string) => `${alias}."${matches!.key}" IN (SELECT "id" FROM "matches")`;
    try {
      if (matches && !plan.connection) throw new NotCompilable('a match set on a single row');
      where = whereSql(options.datamodel, plan.read.model, plan.alias, query.where, params, options.columns);
      if (plan.connection?.some((part) => part.kind === 'totalCount')) {
        // The count's own where (the totalCount resolver's), over its own alias: the filter without the page.
        let counted: Record<string, unknown>;
        try {
          counted = plan.read.count!(args, ctx);
        } catch {
          return undefined;
        }
        // The count reads the page's ids: both wheres come from one function, so they hold the same set.
        const countMatches = matchSetOf(counted);
        if (!countMatches !== !matches) throw new NotCompilable('a match set on the page or the count only');
        const countFrom = countFromOf(counted);
        if (countMatches?.alone) countStatement = 'SELECT n FROM "match_count"';
        else if (countFrom && !countMatches) {
          const countWhere = whereSql(options.datamodel, countFrom.model, COUNT_ALIAS, counted, params, options.columns);
          countStatement = `SELECT coalesce(sum(${COUNT_ALIAS}."${countFrom.sum}"), 0) FROM "${countFrom.model}" ${COUNT_ALIAS} WHERE ${countWhere}`;
        } else {
          const countWhere = whereSql(options.datamodel, plan.read.model, COUNT_ALIAS, counted, params, options.columns);
          countStatement = `SELECT count(*) FROM "${plan.read.model}" ${COUNT_ALIAS} WHERE ${countWhere}${countMatches ? ` AND ${inMatches(COUNT_ALIAS)}` : ''}`;
        }
      }
      if (query.orderBy !== undefined) order = orderTerms(plan.read.model, query.orderBy);
      if (backward) {
        if (!order.length) throw new NotCompilable('a backward page of a list without an order');
        order = reversed(order);
      }
      // The rows after the cursor's row (before it, backward), as Prisma finds them for `cursor` and `skip: 1`.
      if (paged) where += ` AND ${keysetSql(options.datamodel, options.columns, plan.read.model, plan.alias, plan.read.cursor!, cursorValue(cursorArg), order, params)}`;
    } catch (error) {
      if (error instanceof NotCompilable) return undefined;
      throw error;
    }
    if (!plan.connection && order.length) return undefined;
    // The rows a page reads: the cursor's own (skipped), its rows and the one after them.
    const reads = (first ?? 0) + 1 + (paged ? 1 : 0);
    if (matches) {
      const newest = matches.newest;
      // Without a count, a page read in the match set's `newest` order may come from the matches
      // among the list's first rows alone: they are found first, and every match only when they
      // do not fill the page, each way gated by a one-time filter, so that only one of them runs.
      const fromNewest = newest && countStatement === undefined && newest.order.every((term, i) => order[i]?.column === term.column && order[i].descending === term.descending);
      const all = fromNewest
        ? `SELECT "id" FROM "newest" WHERE (SELECT filled FROM "newest_page") UNION ALL SELECT "id" FROM (${matchesSql}) m WHERE NOT (SELECT filled FROM "newest_page")`
        : matchesSql;
      const before = fromNewest
        ? `"newest" AS MATERIALIZED (${newest.sql(param)}), "newest_page" AS MATERIALIZED (SELECT count(*) = ${reads} AS filled FROM (SELECT 1 FROM "${plan.read.model}" ${plan.alias} WHERE ${where} AND ${plan.alias}."${matches.key}" IN (SELECT "id" FROM "newest") LIMIT ${reads}) r), `
        : '';
      withMatches = `WITH ${before}"matches" AS MATERIALIZED (${all}), "match_count" AS MATERIALIZED (SELECT count(*) AS n FROM "matches") `;
    }
    // The pages of nested connections, for this request's arguments.
    const nested: string[] = [];
    for (const connection of plan.nested ?? []) {
      const text = await nestedSql(connection, variableValues, execArgs, ctx, params);
      if (text === undefined) return undefined;
      nested.push(text);
    }
    // One text per shape of the query (the same string each time: pg names and prepares it once
    // per connection). The page size is written into the text: with it as a parameter PostgreSQL
    // must plan every execution anew (a generic plan cannot see the LIMIT and is 20 times slower),
    // and planning was a quarter of the statement's time.
    // Fields that depend on the caller's role (available transitions) carry it as a literal.
    const role = plan.byRole ? String(ctx.viewer?.role ?? '') : '';
    if (plan.byRole && !/^[A-Z_]+$/.test(role)) return undefined;
    const shapeKey = `${withMatches}|${matches?.walkFrom}|${where}|${countStatement}|${order.map((term) => `${term.column} ${term.descending}`).join(',')}|${first}|${paged}|${backward}|${role}|${nested.join('|')}`;
    let sql = plan.statements.get(shapeKey);
    if (!sql) {
      const from = (condition: string) => `FROM "${plan.read.model}" ${plan.alias} WHERE ${condition}`;
      // With a match set, the page is read one of two ways, whichever the number of ids picks as
      // the statement runs (the other branch's one-time filter is false, and it reads nothing):
      // the rows of the ids, sorted; or the list walked in its order, each row looked up in the
      // ids (COALESCE keeps the IN a hashed lookup instead of a join, which would read every id's row).
      // The walk finds the page's keys first (the same alias inside, which hides the outer one), so
      // that an index holding the list's order and key serves it alone, as an index-only scan,
      // when the where needs no other column: a term whose newest matches are far down the list
      // walks its index entries, not its rows.
      const walked = (condition: string) => {
        if (!order.length) return condition;
        const inOrder = order.map((term) => `${plan.alias}."${term.column}" ${term.descending ? 'DESC' : 'ASC'}`).join(', ');
        return `${plan.alias}."${matches!.key}" IN (SELECT ${plan.alias}."${matches!.key}" ${from(condition)} ORDER BY ${inOrder} LIMIT ${reads})`;
      };
      const froms = matches
        ? [
            from(`${where} AND ${inMatches(plan.alias)} AND (SELECT n FROM "match_count") < ${matches.walkFrom}`),
            from(`${walked(`${where} AND COALESCE(${inMatches(plan.alias)}, false)`)} AND (SELECT n FROM "match_count") >= ${matches.walkFrom}`),
          ]
        : [from(where)];
      // Counted in the same statement (PostgreSQL runs the uncorrelated subquery once), under the
      // caller's tenant and row-level security like the page; not a count(*) OVER (), which sees only the page.
      const count = countStatement === undefined ? undefined : `(${countStatement})::text`;
      sql = plan.connection ? connectionSql({ ...plan, cursor: plan.read.cursor! }, froms, order, String(first), paged, backward, count) : `SELECT ${plan.select} ${froms[0]} LIMIT 1`;
      sql = `${withMatches}${sql}`;
      // An outer connection's page holds its inner ones' markers: outer ones first (they were met last).
      for (let i = nested.length - 1; i >= 0; i--) sql = sql.replaceAll(plan.nested![i]!.marker, () => nested[i]!);
      if (role) sql = sql.replaceAll(ROLE_IN_SQL, `'${role}'`);
      if (plan.statements.size < MAX_STATEMENTS_PER_PLAN) plan.statements.set(shapeKey, sql);
    }
    return sql;
  }

  /**
   * A nested connection's page as a scalar subquery over its parent row: the where and order of
   * the field's own query (plugin-prisma's relation select, given this request's arguments and
   * context), the page's rows (after or before a cursor, backward for `last`) and the count, as
   * plugin-prisma reads them. Sizes outside 1 to 100 go to the executor.
   */
  async function nestedSql(nested: NestedConnection, variableValues: Record<string, unknown>, execArgs: ExecutionArgs, ctx: Context, params: unknown[]): Promise<string | undefined> {
    let query: { where?: Record<string, unknown>; orderBy?: unknown; take?: unknown; skip?: unknown; cursor?: unknown } | undefined;
    let backward: boolean;
    try {
      const info = { schema: execArgs.schema, variableValues, fieldName: nested.field.name, parentType: nested.parent };
      const args = await getMappedArgumentValues(nested.field as never, nested.fieldNode, ctx, info as never);
      const page = pageOf(args);
      if (!page) return undefined;
      backward = page.backward;
      const select = (nested.field.extensions as { pothosPrismaSelect?: unknown }).pothosPrismaSelect;
      if (typeof select !== 'function') return undefined;
      let captured: unknown;
      await select(args, ctx, (q: unknown) => ((captured = q), {}), () => nested.selected);
      query = (await captured) as typeof query;
    } catch {
      // Arguments the field refuses (a page size over the maximum, a cursor that does not parse): the executor answers with its error.
      return undefined;
    }
    // plugin-prisma's page: `take` is the size plus one, negative backward; a cursor comes with `skip: 1`.
    if (!query || typeof query.take !== 'number' || query.take < 0 !== backward) return undefined;
    const { where, orderBy, take, cursor } = query;
    const paged = cursor !== undefined;
    const size = Math.abs(take) - 1;
    if (size < 1 || size > MAX_PAGE_SIZE || query.skip !== (paged ? 1 : 0)) return undefined;
    const cursorKeys = paged && typeof cursor === 'object' && cursor !== null ? Object.keys(cursor) : [];
    if (paged && (cursorKeys.length !== 1 || cursorKeys[0] !== 'id')) return undefined;
    try {
      const own = (alias: string) => `${nested.join(alias)}${where ? ` AND ${whereSql(options.datamodel, nested.model, alias, where, params, options.columns)}` : ''}`;
      let order = orderBy === undefined ? [] : orderTerms(nested.model, orderBy);
      // A page without an order is whichever rows the database reads first: the executor's and ours could differ.
      if (!order.length) return undefined;
      if (backward) order = reversed(order);
      // The rows from the cursor's row on (the page skips that row), as for a root list; the count ignores the cursor.
      // Prisma pages a relation in memory: a cursor that is not among the parent's rows (as filtered) gives an empty page.
      const cursorId = paged ? (cursor as { id: unknown }).id : undefined;
      const cursorAlias = `${nested.alias}_cursor`;
      const keyset = paged
        ? ` AND ${keysetSql(options.datamodel, options.columns, nested.model, nested.alias, 'id', cursorId, order, params)} AND EXISTS (SELECT 1 FROM ${quote(nested.model)} ${cursorAlias} WHERE ${own(cursorAlias)} AND ${cursorAlias}."id" = $${params.push(cursorId)})`
        : '';
      const rows = `FROM ${quote(nested.model)} ${nested.alias} WHERE ${own(nested.alias)}${keyset}`;
      const count = nested.connection.some((part) => part.kind === 'totalCount') ? `(SELECT count(*) FROM ${quote(nested.model)} ${COUNT_ALIAS} WHERE ${own(COUNT_ALIAS)})::text` : undefined;
      return `(${connectionSql({ alias: nested.alias, cursor: 'id', select: nested.select, connection: nested.connection }, [rows], order, String(size), paged, backward, count)})`;
    } catch (error) {
      if (error instanceof NotCompilable) return undefined;
      throw error;
    }
  }

  function orderTerms(modelName: string, orderBy: unknown): OrderTerm[] {
    const model = options.datamodel.datamodel.models[modelName]!;
    return (Array.isArray(orderBy) ? orderBy : [orderBy]).map((term) => {
      const entries = typeof term === 'object' && term !== null ? Object.entries(term) : [];
      const [column, direction] = entries[0] ?? [];
      const field = model.fields.find((f) => f.name === column);
      if (entries.length !== 1 || !field || field.kind === 'object' || (direction !== 'asc' && direction !== 'desc')) {
        throw new NotCompilable('an orderBy other than columns');
      }
      return { column: column!, descending: direction === 'desc' };
    });
  }
}

/**
 * A connection page's direction and the size asked for (undefined: the default), from its
 * arguments; undefined for mixed directions (the executor's error) and sizes the API
 * refuses (plugin-prisma would clamp them; the conventions plugin errs) or reads nothing for.
 * A backward page (`last` / `before`) reads the list in the opposite order from its cursor,
 * as Prisma's negative `take` does.
 */
function pageOf(args: Record<string, unknown>): { backward: boolean; size: number | undefined } | undefined {
  const backward = args.before != null || args.last != null;
  if (backward && (args.first != null || args.after != null)) return undefined;
  const size = backward ? args.last : args.first;
  if (size == null) return { backward, size: undefined };
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) return undefined;
  return { backward, size };
}

/** The same order, each term the other way. */
const reversed = (order: OrderTerm[]): OrderTerm[] => order.map((term) => ({ column: term.column, descending: !term.descending }));

/** A connection cursor's value; one Pothos cannot read goes to the executor, which reports it. */
function cursorValue(cursor: unknown): unknown {
  try {
    return parsePrismaCursor(cursor);
  } catch {
    throw new NotCompilable('a cursor that does not parse');
  }
}

/**
 * A page of a connection, built by PostgreSQL in one pass: the first `first` + 1 rows
 * in the resolver's order (the extra one tells whether a next page exists), numbered
 * by that order, aggregated into edges, cursors and page info as the Relay plugin
 * shapes them. After a cursor, the first row (the cursor's own) is skipped, as Prisma's
 * `skip: 1` does, and there is a previous page. A backward page (`last`, `before`) comes
 * with `order` reversed: its rows are read from the end (or the cursor) toward the start,
 * and its edges are put back in the list's order, as Prisma's negative `take` does.
 */
function connectionSql(plan: { alias: string; cursor: string; select: string | null; connection?: ConnectionShape }, froms: string[], order: OrderTerm[], first: string, paged: boolean, backward: boolean, count: string | undefined): string {
  const a = plan.alias;
  const sortColumns = order.map((term, i) => `, ${a}."${term.column}" AS s${i}`).join('');
  const orderBy = order.map((term) => `${a}."${term.column}" ${term.descending ? 'DESC' : 'ASC'}`).join(', ');
  const numbering = order.map((term, i) => `s${i} ${term.descending ? 'DESC' : 'ASC'}`).join(', ');
  // prismaConnection's cursor: base64 of "GPC:" and the value's tagged chunk ("N:" for an integer).
  const cursor = (id: string) => base64String('GPC:N:', id);
  const onPage = `FILTER (WHERE p.i <= ${first})`;
  const parts = plan.connection!.map((part): [string, JsonValue] => {
    if (part.kind === 'typename') return [part.key, textValue(JSON.stringify(part.value))];
    if (part.kind === 'totalCount') return [part.key, sqlValue(count!)];
    if (part.kind === 'edges') {
      const edge = jsonObject(
        part.fields.map((field): [string, JsonValue] => [
          field.key,
          field.kind === 'typename' ? textValue(JSON.stringify(field.value)) : field.kind === 'cursor' ? cursor('p.c') : sqlValue('p.n'),
        ]),
      );
      return [part.key, [{ text: '[' }, { sql: `coalesce(string_agg(${concat(edge)}, ',' ORDER BY p.i${backward ? ' DESC' : ''}) ${onPage}, '')` }, { text: ']' }]];
    }
    const info = part.fields.map((field): [string, JsonValue] => {
      if (field.field === '__typename') return [field.key, textValue(JSON.stringify(field.value))];
      // Toward the reading direction: whether a row beyond the page was read; the other way: whether a cursor was given.
      const more = sqlValue(`(count(*) > ${first})::text`);
      if (field.field === 'hasNextPage') return [field.key, backward ? textValue(String(paged)) : more];
      if (field.field === 'hasPreviousPage') return [field.key, backward ? more : textValue(String(paged))];
      // p.i numbers the rows in reading order: backward, the page's first edge is its last row read.
      const id = `(array_agg(p.c ORDER BY p.i${(field.field === 'endCursor') !== backward ? ' DESC' : ''}) ${onPage})[1]`;
      return [field.key, orNull(cursor(id), true)];
    });
    return [part.key, jsonObject(info)];
  });
  // Several ways to read the page (a match set's): at most one reads rows, so their union is the page.
  const rows = froms
    .map((from) => `(SELECT ${a}."${plan.cursor}" AS c, ${plan.select ?? 'NULL::text'} AS n${sortColumns} ${from}${orderBy ? ` ORDER BY ${orderBy}` : ''} LIMIT ${first} + 1${paged ? ' OFFSET 1' : ''})`)
    .join(' UNION ALL ');
  const page = `(SELECT row_number() OVER (${numbering ? `ORDER BY ${numbering}` : ''}) AS i, c, n FROM (${rows}) rows) p`;
  return `SELECT ${concat(jsonObject(parts))} FROM ${page}`;
}

/**
 * The result of a compiled read: Yoga serializes it with its own `stringify`, which
 * puts PostgreSQL's text in place without parsing it; `data` parses it only if some
 * plugin reads it. `texts[i]` is the JSON of `rootKeys[i]` (null: no object).
 */
function passThrough(rootKeys: string[], texts: Array<string | null>): ExecutionResult {
  const data = {};
  for (const [i, rootKey] of rootKeys.entries()) {
    let parsed: unknown;
    const json = texts[i];
    Object.defineProperty(data, rootKey, { enumerable: true, get: () => (json === null ? null : (parsed ??= JSON.parse(json))) });
  }
  const body = rootKeys.map((rootKey, i) => `${JSON.stringify(rootKey)}:${texts[i] ?? 'null'}`).join(',');
  const result = {
    data,
    stringify(serialized: ExecutionResult & { stringify?: unknown }): string {
      // A plugin that replaced the data gets ordinary serialization.
      if (serialized.data !== data) return JSON.stringify(serialized);
      const { data: _data, stringify: _stringify, ...rest } = serialized;
      const tail = JSON.stringify(rest);
      return `{"data":{${body}}${tail === '{}' ? '}' : `,${tail.slice(1)}`}`;
    },
  };
  return result as ExecutionResult;
}
