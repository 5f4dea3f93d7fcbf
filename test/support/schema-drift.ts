// Compares prisma/schema.prisma with a database built by our SQL migrations.
//
// The declared side comes from Prisma's own DMMF, computed from the schema file
// as it is on disk (not from generated code, which may be stale): the `prisma`
// CLI package ships the schema parser as WebAssembly
// (build/prisma_schema_build_bg.wasm, the code behind @prisma/prisma-schema-wasm),
// and get_dmmf() there gives models, native types (@db.*), defaults, relations
// with referential actions, enums, and every @id/@unique/@@unique/@@index.
// The database side is read from pg_catalog. Both are reduced to the same shape
// (tables, columns, primary keys, indexes, foreign keys, enums) and compared.
//
// Deliberately not compared: CHECK constraints (added by hand in migrations),
// sequences, views, the migrations bookkeeping table, foreign key names (the
// DMMF does not expose @relation(map: ...)).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlRunner } from '../../src/db/client.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url));

// ------------------------------------------------------------------ DMMF (the parts used here)

export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  isUpdatedAt?: boolean;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}

export interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string;
  algorithm?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
}

export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName?: string | null }[];
}

export interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };
}

interface SchemaWasm {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, size: number, align: number): void;
  __externref_table_dealloc(index: number): void;
  __wbindgen_start(): void;
  get_dmmf(ptr: number, len: number): [number, number, number, number];
}

let wasm: SchemaWasm | undefined;
let panicMessage: string | undefined;

/** Instantiates the schema parser shipped with the installed `prisma` CLI (wasm-bindgen module, 4 imports). */
function schemaWasm(): SchemaWasm {
  if (wasm) return wasm;
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('prisma/package.json')), 'build', 'prisma_schema_build_bg.wasm');
  const module = new WebAssembly.Module(readFileSync(file));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const text = (ptr: number, len: number) => decoder.decode(new Uint8Array(wasm!.memory.buffer, ptr >>> 0, len));
  const imports: Record<string, Record<string, (...args: number[]) => unknown>> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    let fn: (...args: number[]) => unknown;
    if (imp.name.startsWith('__wbg_set_message_')) fn = (ptr, len) => void (panicMessage = text(ptr, len));
    else if (imp.name.startsWith('__wbg_Error_')) fn = (ptr, len) => new Error(text(ptr, len));
    else if (imp.name.startsWith('__wbg___wbindgen_throw_')) fn = (ptr, len) => { throw new Error(text(ptr, len)); };
    else if (imp.name === '__wbindgen_init_externref_table') {
      fn = () => {
        const table = wasm!.__wbindgen_externrefs;
        const base = table.grow(4);
        table.set(0, undefined);
        table.set(base, undefined);
        table.set(base + 1, null);
        table.set(base + 2, true);
        table.set(base + 3, false);
      };
    } else {
      throw new Error(
        `${file} needs an import this loader does not know (${imp.module}.${imp.name}); ` +
          `the prisma version changed its schema wasm: update test/support/schema-drift.ts`,
      );
    }
    (imports[imp.module] ??= {})[imp.name] = fn;
  }
  wasm = new WebAssembly.Instance(module, imports as WebAssembly.Imports).exports as unknown as SchemaWasm;
  wasm.__wbindgen_start();
  return wasm;
}

/** Prisma's DMMF for a schema text (throws Prisma's validation errors). */
export function getDmmf(schemaText: string, fileName = 'schema.prisma'): Dmmf {
  const w = schemaWasm();
  const params = new TextEncoder().encode(JSON.stringify({ prismaSchema: [[fileName, schemaText]], noColor: true }));
  const ptr = w.__wbindgen_malloc(params.length, 1) >>> 0;
  new Uint8Array(w.memory.buffer, ptr, params.length).set(params);
  let result: [number, number, number, number];
  try {
    result = w.get_dmmf(ptr, params.length);
  } catch (error) {
    wasm = undefined; // a trapped instance is unusable
    throw new Error(`Prisma schema parser panicked: ${panicMessage ?? String(error)}`);
  }
  const [outPtr, outLen, errRef, isErr] = result;
  if (isErr) {
    const error = w.__wbindgen_externrefs.get(errRef) as Error;
    w.__externref_table_dealloc(errRef);
    let message = error?.message ?? String(error);
    try {
      message = JSON.parse(message).message ?? message;
    } catch {}
    throw new Error(`${fileName} is invalid:\n${message}`);
  }
  try {
    return JSON.parse(new TextDecoder().decode(new Uint8Array(w.memory.buffer, outPtr >>> 0, outLen)));
  } finally {
    w.__wbindgen_free(outPtr, outLen, 1);
  }
}

// ------------------------------------------------------------------ the compared shape

/** How a column default is compared: absent, present with any value, or a normalised value. */
export type DefaultShape = { kind: 'none' } | { kind: 'any' } | { kind: 'value'; value: string };

export interface ColumnShape {
  /** As pg's format_type() prints it, without identifier quotes: "numeric(18,2)", "OrderStatus[]". */
  type: string;
  /** Extra words for messages, e.g. the Prisma type the expected type came from. */
  note?: string;
  nullable: boolean;
  default: DefaultShape;
}

export interface IndexShape {
  /** null: name not checked (an over-long default name, whose truncation Prisma decides). */
  name: string | null;
  unique: boolean;
  /** Column names, " DESC" appended for descending keys; expressions in parentheses. */
  columns: string[];
  method: string;
  predicate?: string | null;
}

export interface ForeignKeyShape {
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface TableShape {
  /** For messages: the model name, with the table name when they differ. */
  label: string;
  columns: Map<string, ColumnShape>;
  primaryKey: { name: string | null; columns: string[] } | null;
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}

export interface DbShape {
  tables: Map<string, TableShape>;
  enums: Map<string, string[]>;
  /** Things the checker cannot compare (reported as differences so they are not silently passed). */
  unsupported: string[];
}

// ------------------------------------------------------------------ schema -> shape

const PG_MAX_IDENTIFIER = 63;

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

function withArgs(base: string, args: string[], suffix = '') {
  return args.length ? `${base}(${args.join(',')})${suffix}` : `${base}${suffix}`;
}

/** The PostgreSQL type (format_type spelling) of a Prisma @db.* native type. */
function nativeTypeSql([name, args]: [string, string[]]): string {
  switch (name) {
    case 'Text': return 'text';
    case 'Char': return withArgs('character', args.length ? args : ['1']);
    case 'VarChar': return withArgs('character varying', args);
    case 'Bit': return withArgs('bit', args.length ? args : ['1']);
    case 'VarBit': return withArgs('bit varying', args);
    case 'Uuid': return 'uuid';
    case 'Xml': return 'xml';
    case 'Inet': return 'inet';
    case 'Citext': return 'citext';
    case 'Boolean': return 'boolean';
    case 'Integer': return 'integer';
    case 'SmallInt': return 'smallint';
    case 'BigInt': return 'bigint';
    case 'Oid': return 'oid';
    case 'DoublePrecision': return 'double precision';
    case 'Real': return 'real';
    case 'Decimal': return withArgs('numeric', args.length ? args : ['65', '30']);
    case 'Money': return 'money';
    case 'Timestamp': return withArgs('timestamp', args, ' without time zone');
    case 'Timestamptz': return withArgs('timestamp', args, ' with time zone');
    case 'Date': return 'date';
    case 'Time': return withArgs('time', args, ' without time zone');
    case 'Timetz': return withArgs('time', args, ' with time zone');
    case 'Json': return 'json';
    case 'JsonB': return 'jsonb';
    case 'ByteA': return 'bytea';
    default: return withArgs(name.toLowerCase(), args);
  }
}

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

const CLIENT_SIDE_DEFAULTS = new Set(['uuid', 'cuid', 'nanoid', 'ulid']);

function expectedDefault(field: DmmfField, enums: DmmfEnum[]): DefaultShape {
  if (!field.hasDefaultValue) return { kind: 'none' };
  let value = field.default;
  if (field.kind === 'enum' && typeof value === 'string') {
    // An enum default is stored as the value's database name (@map).
    const v = enums.find((e) => e.name === field.type)?.values.find((x) => x.name === value);
    value = v?.dbName ?? value;
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && 'name' in value) {
    const name = String((value as { name: string }).name);
    if (CLIENT_SIDE_DEFAULTS.has(name)) return { kind: 'none' };
    if (name === 'autoincrement' || name === 'sequence') return { kind: 'value', value: 'autoincrement()' };
    if (name === 'now') return { kind: 'value', value: 'now()' };
    return { kind: 'any' }; // dbgenerated(...) and anything newer: presence only
  }
  if (Array.isArray(value) || field.isList || field.type === 'DateTime' || field.type === 'Bytes') return { kind: 'any' };
  if (typeof value === 'object' && value !== null) return { kind: 'value', value: JSON.stringify(value) };
  return { kind: 'value', value: String(value) };
}

function defaultIndexName(table: string, columns: string[], suffix: string): string | null {
  const name = `${table}_${columns.join('_')}_${suffix}`;
  return name.length > PG_MAX_IDENTIFIER ? null : name;
}

/** What the schema declares, in database terms. */
export function shapeFromDmmf(dmmf: Dmmf): DbShape {
  const { models, enums, indexes } = dmmf.datamodel;
  const modelByName = new Map(models.map((m) => [m.name, m]));
  const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
  const columnOf = (m: DmmfModel, fieldName: string) => {
    const field = m.fields.find((f) => f.name === fieldName);
    return field?.dbName ?? fieldName;
  };
  const enumDbName = new Map(enums.map((e) => [e.name, e.dbName ?? e.name]));
  const shape: DbShape = { tables: new Map(), enums: new Map(), unsupported: [] };

  for (const e of enums) shape.enums.set(e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name));

  for (const model of models) {
    const table = tableOf(model);
    const t: TableShape = {
      label: table === model.name ? model.name : `${model.name} ("${table}")`,
      columns: new Map(),
      primaryKey: null,
      indexes: [],
      foreignKeys: [],
    };
    shape.tables.set(table, t);

    for (const field of model.fields) {
      if (field.kind === 'scalar' || field.kind === 'enum') {
        let type: string;
        let note: string;
        if (field.kind === 'enum') {
          type = enumDbName.get(field.type) ?? field.type;
          note = `enum ${field.type}`;
        } else if (field.nativeType) {
          type = nativeTypeSql(field.nativeType);
          note = `${field.type} @db.${withArgs(field.nativeType[0], field.nativeType[1])}`;
        } else {
          type = SCALAR_TYPES[field.type] ?? field.type.toLowerCase();
          note = field.type;
        }
        if (field.isList) {
          type += '[]';
          note += '[]';
        }
        t.columns.set(field.dbName ?? field.name, {
          type,
          note,
          // Prisma creates scalar lists without NOT NULL.
          nullable: field.isList ? true : !field.isRequired,
          default: expectedDefault(field, enums),
        });
      } else if (field.kind === 'object') {
        const from = field.relationFromFields ?? [];
        if (from.length > 0) {
          const target = modelByName.get(field.type)!;
          t.foreignKeys.push({
            columns: from.map((f) => columnOf(model, f)),
            refTable: tableOf(target),
            refColumns: (field.relationToFields ?? []).map((f) => columnOf(target, f)),
            onDelete: REFERENTIAL_ACTIONS[field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull')] ?? field.relationOnDelete!,
            onUpdate: REFERENTIAL_ACTIONS[field.relationOnUpdate ?? 'Cascade'] ?? field.relationOnUpdate!,
          });
        } else if (field.isList) {
          const target = modelByName.get(field.type);
          const back = target?.fields.find((f) => f.relationName === field.relationName && f !== field);
          if (back?.isList && model.name <= field.type) {
            shape.unsupported.push(
              `implicit many-to-many relation ${field.relationName} (${model.name}.${field.name}): ` +
                'its join table is not compared by the drift checker; use an explicit join model',
            );
          }
        }
      } else {
        shape.unsupported.push(`${model.name}.${field.name}: field kind ${field.kind} not compared by the drift checker`);
      }
    }
  }

  for (const index of indexes) {
    const model = modelByName.get(index.model);
    if (!model) continue;
    const table = tableOf(model);
    const t = shape.tables.get(table)!;
    const plainColumns = index.fields.map((f) => columnOf(model, f.name));
    const columns = index.fields.map((f, i) => plainColumns[i] + (f.sortOrder === 'desc' ? ' DESC' : ''));
    if (index.type === 'id') {
      t.primaryKey = { name: index.dbName ?? `${table}_pkey`, columns };
    } else if (index.type === 'unique' || index.type === 'normal') {
      const unique = index.type === 'unique';
      t.indexes.push({
        name: index.dbName ?? defaultIndexName(table, plainColumns, unique ? 'key' : 'idx'),
        unique,
        columns,
        method: (index.algorithm ?? 'BTree').toLowerCase(),
        predicate: null,
      });
    } else {
      shape.unsupported.push(`${index.type} index on ${index.model}(${columns.join(', ')}) not compared by the drift checker`);
    }
  }
  return shape;
}

// ------------------------------------------------------------------ database -> shape

export interface IntrospectOptions {
  /** Tables that exist in the database on purpose without a model. */
  ignoreTables?: string[];
}

export const DEFAULT_IGNORED_TABLES = ['_ordergraph_migrations'];

const FK_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

const unquote = (s: string) => s.replace(/"/g, '');

/** Reduces a column default expression to what expectedDefault() produces. */
function actualDefault(expr: string | null, identity: string): DefaultShape {
  if (identity) return { kind: 'value', value: 'autoincrement()' };
  if (expr == null) return { kind: 'none' };
  let e = expr.trim();
  if (/^nextval\(/i.test(e)) return { kind: 'value', value: 'autoincrement()' };
  if (/^(CURRENT_TIMESTAMP|now\(\))$/i.test(e) || /^CURRENT_TIMESTAMP\(\d+\)$/i.test(e)) return { kind: 'value', value: 'now()' };
  while (/^\(.*\)$/s.test(e)) e = e.slice(1, -1).trim();
  const literal = /^'((?:[^']|'')*)'(?:::.+)?$/s.exec(e);
  if (literal) return { kind: 'value', value: literal[1].replace(/''/g, "'") };
  const cast = /^(.*?)::[\w" .\[\]()]+$/s.exec(e);
  if (cast) e = cast[1].trim();
  while (/^\(.*\)$/s.test(e)) e = e.slice(1, -1).trim();
  return { kind: 'value', value: e };
}

/** What the migrations built, read from pg_catalog (current schema only). */
export async function introspectDatabase(sql: SqlRunner, options: IntrospectOptions = {}): Promise<DbShape> {
  const ignored = new Set(options.ignoreTables ?? DEFAULT_IGNORED_TABLES);
  const shape: DbShape = { tables: new Map(), enums: new Map(), unsupported: [] };

  const tables = await sql.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1`,
  );
  for (const { name } of tables) {
    if (ignored.has(name)) continue;
    shape.tables.set(name, { label: name, columns: new Map(), primaryKey: null, indexes: [], foreignKeys: [] });
  }

  const columns = await sql.query<{ table: string; name: string; type: string; notnull: boolean; def: string | null; identity: string }>(
    `SELECT c.relname AS "table", a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS def, a.attidentity::text AS identity
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
  );
  for (const col of columns) {
    shape.tables.get(col.table)?.columns.set(col.name, {
      type: unquote(col.type),
      nullable: !col.notnull,
      default: actualDefault(col.def, col.identity ?? ''),
    });
  }

  const enums = await sql.query<{ name: string; value: string }>(
    `SELECT t.typname AS name, e.enumlabel AS value
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = current_schema() ORDER BY t.typname, e.enumsortorder`,
  );
  for (const { name, value } of enums) {
    if (!shape.enums.has(name)) shape.enums.set(name, []);
    shape.enums.get(name)!.push(value);
  }

  const indexes = await sql.query<{
    table: string; name: string; unique: boolean; primary: boolean; method: string; predicate: string | null; columns: string[] | string;
  }>(
    `SELECT t.relname AS "table", i.relname AS name, ix.indisunique AS "unique", ix.indisprimary AS "primary",
            am.amname AS method, pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
            (SELECT json_agg(CASE WHEN k.attnum = 0 THEN '(' || pg_get_indexdef(ix.indexrelid, k.ord::int, true) || ')' ELSE a.attname END
                             || CASE WHEN ix.indoption[k.ord - 1] & 1 = 1 THEN ' DESC' ELSE '' END ORDER BY k.ord)
               FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
               LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
              WHERE k.ord <= ix.indnkeyatts) AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = current_schema()
      ORDER BY t.relname, i.relname`,
  );
  for (const ix of indexes) {
    const t = shape.tables.get(ix.table);
    if (!t) continue;
    const cols = (typeof ix.columns === 'string' ? JSON.parse(ix.columns) : ix.columns) as string[];
    if (ix.primary) t.primaryKey = { name: ix.name, columns: cols };
    else t.indexes.push({ name: ix.name, unique: ix.unique, columns: cols, method: ix.method, predicate: ix.predicate });
  }

  const fks = await sql.query<{
    table: string; ref_table: string; on_delete: string; on_update: string; columns: string[] | string; ref_columns: string[] | string;
  }>(
    `SELECT t.relname AS "table", rt.relname AS ref_table, con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update,
            (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
            (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS ref_columns
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid
       JOIN pg_class rt ON rt.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE con.contype = 'f' AND n.nspname = current_schema()
      ORDER BY t.relname, con.conname`,
  );
  const list = (v: string[] | string) => (typeof v === 'string' ? (JSON.parse(v) as string[]) : v);
  for (const fk of fks) {
    shape.tables.get(fk.table)?.foreignKeys.push({
      columns: list(fk.columns),
      refTable: fk.ref_table,
      refColumns: list(fk.ref_columns),
      onDelete: FK_ACTIONS[fk.on_delete] ?? fk.on_delete,
      onUpdate: FK_ACTIONS[fk.on_update] ?? fk.on_update,
    });
  }
  return shape;
}

// ------------------------------------------------------------------ comparison

function showDefault(d: DefaultShape): string {
  if (d.kind === 'none') return 'no default';
  if (d.kind === 'any') return 'a default';
  return `default ${d.value}`;
}

function sameDefault(expected: DefaultShape, actual: DefaultShape): boolean {
  if (expected.kind === 'none' || actual.kind === 'none') return expected.kind === actual.kind;
  if (expected.kind === 'any' || actual.kind === 'any') return true;
  if (expected.value === actual.value) return true;
  const a = Number(expected.value);
  const b = Number(actual.value);
  return expected.value.trim() !== '' && actual.value.trim() !== '' && Number.isFinite(a) && Number.isFinite(b) && a === b;
}

const indexKey = (ix: IndexShape) =>
  `${ix.unique ? 'unique ' : ''}index (${ix.columns.join(', ')})${ix.method === 'btree' ? '' : ` using ${ix.method}`}` +
  `${ix.predicate ? ` where ${ix.predicate}` : ''}`;
const fkKey = (fk: ForeignKeyShape) => `${fk.columns.join(', ')} -> ${fk.refTable}(${fk.refColumns.join(', ')})`;

/**
 * Differences between what the schema declares (expected) and what the migrations
 * built (actual), one readable line each; empty when they agree.
 */
export function compareShapes(expected: DbShape, actual: DbShape): string[] {
  const out: string[] = [...expected.unsupported];

  for (const [name, values] of expected.enums) {
    const got = actual.enums.get(name);
    if (!got) {
      out.push(`enum ${name}: missing in migrations`);
      continue;
    }
    if (got.join() === values.join()) continue;
    const missing = values.filter((v) => !got.includes(v));
    const extra = got.filter((v) => !values.includes(v));
    const parts: string[] = [];
    if (missing.length) parts.push(`${missing.join(', ')} missing in migrations`);
    if (extra.length) parts.push(`${extra.join(', ')} in migrations but not in schema`);
    if (!missing.length && !extra.length) parts.push('different order');
    out.push(`enum ${name}: values differ: ${parts.join('; ')} (migrations: ${got.join(', ')}; schema: ${values.join(', ')})`);
  }
  for (const name of actual.enums.keys()) {
    if (!expected.enums.has(name)) out.push(`enum ${name}: in migrations but not in schema`);
  }

  for (const [table, exp] of expected.tables) {
    const act = actual.tables.get(table);
    const label = exp.label;
    if (!act) {
      out.push(`${label}: table missing in migrations`);
      continue;
    }

    for (const [column, e] of exp.columns) {
      const a = act.columns.get(column);
      const where = `${label}.${column}`;
      if (!a) {
        out.push(`${where}: column missing in migrations`);
        continue;
      }
      if (a.type !== e.type) {
        out.push(`${where}: type ${a.type} in migrations, ${e.type} in schema${e.note && e.note !== e.type ? ` (${e.note})` : ''}`);
      }
      if (a.nullable !== e.nullable) {
        out.push(`${where}: ${a.nullable ? 'nullable' : 'NOT NULL'} in migrations, ${e.nullable ? 'optional' : 'required'} in schema`);
      }
      if (!sameDefault(e.default, a.default)) {
        out.push(`${where}: ${showDefault(a.default)} in migrations, ${showDefault(e.default)} in schema`);
      }
    }
    for (const column of act.columns.keys()) {
      if (!exp.columns.has(column)) out.push(`${label}.${column}: column in migrations but not in schema`);
    }

    const ePk = exp.primaryKey;
    const aPk = act.primaryKey;
    if (ePk && !aPk) out.push(`${label}: primary key (${ePk.columns.join(', ')}) missing in migrations`);
    else if (!ePk && aPk) out.push(`${label}: primary key (${aPk.columns.join(', ')}) in migrations but not in schema`);
    else if (ePk && aPk) {
      if (ePk.columns.join() !== aPk.columns.join()) {
        out.push(`${label}: primary key (${aPk.columns.join(', ')}) in migrations, (${ePk.columns.join(', ')}) in schema`);
      } else if (ePk.name && ePk.name !== aPk.name) {
        out.push(`${label}: primary key named "${aPk.name}" in migrations, "${ePk.name}" expected`);
      }
    }

    const remaining = [...act.indexes];
    for (const e of exp.indexes) {
      const key = indexKey(e);
      let i = remaining.findIndex((a) => indexKey(a) === key && (e.name === null || a.name === e.name));
      if (i < 0) i = remaining.findIndex((a) => indexKey(a) === key);
      if (i < 0) {
        out.push(`${key.replace('index (', `index ${label}(`)} missing in migrations`);
        continue;
      }
      const [a] = remaining.splice(i, 1);
      if (e.name !== null && a.name !== e.name) {
        out.push(`${key.replace('index (', `index ${label}(`)}: named "${a.name}" in migrations, "${e.name}" expected`);
      }
    }
    for (const a of remaining) {
      out.push(`${indexKey(a).replace('index (', `index ${label}(`)} "${a.name}" in migrations but not in schema`);
    }

    const fksLeft = [...act.foreignKeys];
    for (const e of exp.foreignKeys) {
      const key = fkKey(e);
      const i = fksLeft.findIndex((a) => fkKey(a) === key);
      const name = `FK ${label}.${e.columns.join(', ')} -> ${e.refTable}.${e.refColumns.join(', ')}`;
      if (i < 0) {
        out.push(`${name}: missing in migrations`);
        continue;
      }
      const [a] = fksLeft.splice(i, 1);
      if (a.onDelete !== e.onDelete) out.push(`${name}: onDelete ${a.onDelete} in migrations, ${e.onDelete} in schema`);
      if (a.onUpdate !== e.onUpdate) out.push(`${name}: onUpdate ${a.onUpdate} in migrations, ${e.onUpdate} in schema`);
    }
    for (const a of fksLeft) {
      out.push(`FK ${label}.${a.columns.join(', ')} -> ${a.refTable}.${a.refColumns.join(', ')}: in migrations but not in schema`);
    }
  }
  for (const table of actual.tables.keys()) {
    if (!expected.tables.has(table)) out.push(`table ${table}: in migrations but not in schema`);
  }
  return out;
}

export interface DriftOptions extends IntrospectOptions {
  /** Defaults to prisma/schema.prisma. */
  schemaPath?: string;
  /** Schema text to use instead of reading schemaPath. */
  schemaText?: string;
}

/** Every difference between the schema and the database behind `sql` (empty when none). */
export async function findSchemaDrift(sql: SqlRunner, options: DriftOptions = {}): Promise<string[]> {
  const schemaPath = options.schemaPath ?? SCHEMA_PATH;
  const text = options.schemaText ?? readFileSync(schemaPath, 'utf8');
  const expected = shapeFromDmmf(getDmmf(text, options.schemaText === undefined ? schemaPath : 'schema.prisma (schemaText)'));
  const actual = await introspectDatabase(sql, options);
  return compareShapes(expected, actual);
}
