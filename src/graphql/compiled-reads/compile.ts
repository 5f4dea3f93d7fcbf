// Compiles a read-only operation into ONE SQL statement in which PostgreSQL builds
// the root field's whole JSON (keys, global ids, cursors, page info), as a
// hand-written endpoint would, and the server passes that text through. The
// executor, plugin-prisma's per-request selection planning and Prisma's result
// mapping are then skipped: on the order list they are most of the server's CPU.
//
// Only what the schema itself declares as data is compiled, so there is no second
// description of a field to keep in step:
// - exposed columns (`t.exposeString('code')`, ...), printed as their scalar prints them;
// - a prismaNode's global `id`;
// - relations (`t.relation`) with a static `query: { orderBy }`;
// - fields declaring `embeddedColumns` (a sub-object made of the row's columns, e.g. totals);
// - root fields declaring `compiledRead` (src/graphql/compiled-reads/root-read.ts).
// Anything else (a computed field, arguments on a nested field, @skip/@include, several
// root fields, a mutation) is refused with a reason, and the operation runs through the
// executor as before. A field guarded by a permission compiles to a check per request.
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ColumnCatalog } from './column-catalog.js';
import { arrayOf, concat, escapedString, jsonObject, orNull, plainString, sqlString, sqlValue, textValue, type JsonValue } from './json-text.js';
import type { CompiledRead } from './root-read.js';
import { ROLE_IN_SQL, type ScalarSqlJson, type SqlForm, type SqlStaticList } from './sql-form.js';

/** A field of Prisma's datamodel as plugin-prisma carries it. */
interface ModelField {
  name: string;
  kind: string; // 'scalar' | 'enum' | 'object'
  type: string;
  isRequired: boolean;
  isList: boolean;
  relationName?: string;
  relationFromFields?: readonly string[];
}
export interface Datamodel {
  datamodel: { models: Record<string, { fields: readonly ModelField[] }> };
}

/** The parts of a connection's page the response asks for, by response key. */
export type ConnectionShape = Array<
  | { key: string; kind: 'typename'; value: string }
  | { key: string; kind: 'edges'; fields: Array<{ key: string; kind: 'cursor' | 'node' } | { key: string; kind: 'typename'; value: string }> }
  | { key: string; kind: 'pageInfo'; fields: Array<{ key: string; field: PageInfoField } | { key: string; field: '__typename'; value: string }> }
  | { key: string; kind: 'totalCount' }
>;
type PageInfoField = 'hasNextPage' | 'hasPreviousPage' | 'startCursor' | 'endCursor';

export interface ReadPlan {
  /** Response key of the one root field. */
  rootKey: string;
  field: GraphQLField<unknown, unknown>;
  fieldNode: FieldNode;
  read: CompiledRead;
  /** Table alias the root row has in `select`. */
  alias: string;
  /** JSON of one root object (the node of a connection) over `alias`; null when no node is asked for. */
  select: string | null;
  /** Permissions the caller must hold (guarded fields); without them the executor answers, with its errors. */
  permissions: ReadonlySet<string>;
  /** Set for connections: what of the page to return. */
  connection?: ConnectionShape;
  /** Connections inside the root's JSON, in the order they were met (an inner one before its outer one). */
  nested?: NestedConnection[];
  /** Statement texts made for this plan, by shape of the root query (plugin.ts). */
  statements: Map<string, string>;
  /** Whether `select` holds ROLE_IN_SQL: the statement is made per role of the caller. */
  byRole?: boolean;
}

/**
 * A connection inside a row's JSON (a `t.relatedConnection`): its page depends on the
 * request's arguments and on the field's query, so its SQL is made when a request is bound
 * (plugin.ts), and `marker` in the plan's JSON stands for it until then.
 */
export interface NestedConnection {
  marker: string;
  parent: GraphQLObjectType;
  field: GraphQLField<unknown, unknown>;
  fieldNode: FieldNode;
  /** The related model and its alias in `select`. */
  model: string;
  alias: string;
  /** The condition tying a row of the related model (as `alias`) to its parent row. */
  join(alias: string): string;
  /** JSON of one node over `alias`; null when no node is asked for. */
  select: string | null;
  connection: ConnectionShape;
  /** The field names asked of the connection (plugin-prisma's relation select reads them). */
  selected: ReadonlySet<string>;
}

export class NotCompilable extends Error {}

/**
 * Plans of an operation's root fields, in the order the executor answers them: one statement
 * answers them all (plugin.ts). Any root that cannot be compiled refuses the whole operation.
 */
export function compileRead(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  datamodel: Datamodel,
  columns: ColumnCatalog,
): ReadPlan[] {
  if (operation.operation !== 'query') throw new NotCompilable(`a ${operation.operation}`);
  if (operation.directives?.length) throw new NotCompilable('directives on the operation');
  const compiler = new Compiler(schema, fragments, datamodel, columns);
  const roots = compiler.collect(operation.selectionSet, schema.getQueryType()!);
  return [...roots].map(([rootKey, nodes]) => {
    if (nodes.length !== 1) throw new NotCompilable('a root field asked twice');
    return compileRoot(compiler, schema.getQueryType()!, rootKey, nodes[0]!);
  });
}

function compileRoot(compiler: Compiler, queryType: GraphQLObjectType, rootKey: string, fieldNode: FieldNode): ReadPlan {
  const field = queryType.getFields()[fieldNode.name.value];
  const read = field?.extensions?.compiledRead as CompiledRead | undefined;
  if (!field || !read) throw new NotCompilable(`Query.${fieldNode.name.value} declares no compiled read`);
  compiler.guard(queryType, field);
  const alias = compiler.nextAlias();
  const firstNested = compiler.nested.length;
  // Fields that depend on the caller's role, in the root's JSON or a nested connection's.
  const byRole = (select: string | null) => [select, ...compiler.nested.slice(firstNested).map((nested) => nested.select)].some((json) => !!json?.includes(ROLE_IN_SQL));

  if (!read.cursor) {
    const type = getNullableType(field.type);
    if (!isObjectType(type)) throw new NotCompilable(`Query.${field.name} is not an object`);
    const select = concat(compiler.object(type, read.model, alias, fieldNode.selectionSet));
    return { rootKey, field, fieldNode, read, alias, select, permissions: compiler.permissions, nested: compiler.nested.slice(firstNested), statements: new Map(), byRole: byRole(select) };
  }

  const connectionType = getNullableType(field.type);
  if (!isObjectType(connectionType)) throw new NotCompilable(`Query.${field.name} is not a connection`);
  const { shape, select } = compiler.connection(connectionType, fieldNode.selectionSet, read.model, alias, !!read.count);
  return { rootKey, field, fieldNode, read, alias, select, permissions: compiler.permissions, connection: shape, nested: compiler.nested.slice(firstNested), statements: new Map(), byRole: byRole(select) };
}

/** One selection set made of the sub-selections of every node asking for the same response key. */
function merged(nodes: readonly FieldNode[]): SelectionSetNode {
  const selections = nodes.flatMap((node) => node.selectionSet?.selections ?? []);
  return { kind: Kind.SELECTION_SET, selections };
}

class Compiler {
  readonly permissions = new Set<string>();
  readonly nested: NestedConnection[] = [];
  private aliases = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly datamodel: Datamodel,
    private readonly columns: ColumnCatalog,
  ) {}

  nextAlias(): string {
    return `t${this.aliases++}`;
  }

  /**
   * What a connection's selection asks for (its shape) and the JSON of one node over `alias`.
   * `countable`: the field can count its rows (totalCount).
   */
  connection(connectionType: GraphQLObjectType, selectionSet: SelectionSetNode | undefined, model: string, alias: string, countable: boolean): { shape: ConnectionShape; select: string | null } {
    const shape: ConnectionShape = [];
    let select: string | null = null;
    for (const [key, parts] of this.collect(selectionSet, connectionType)) {
      const name = parts[0]!.name.value;
      if (name === '__typename') shape.push({ key, kind: 'typename', value: connectionType.name });
      else if (name === 'edges') {
        if (shape.some((part) => part.kind === 'edges')) throw new NotCompilable('edges asked twice');
        const edgeType = getNamedType(connectionType.getFields().edges!.type) as GraphQLObjectType;
        const fields: Extract<ConnectionShape[number], { kind: 'edges' }>['fields'] = [];
        for (const [edgeKey, edgeParts] of this.collect(merged(parts), edgeType)) {
          const edgeField = edgeParts[0]!.name.value;
          if (edgeField === '__typename') fields.push({ key: edgeKey, kind: 'typename', value: edgeType.name });
          else if (edgeField === 'cursor') fields.push({ key: edgeKey, kind: 'cursor' });
          else if (edgeField === 'node' && select === null) {
            const nodeType = getNamedType(edgeType.getFields().node!.type) as GraphQLObjectType;
            select = concat(this.object(nodeType, model, alias, merged(edgeParts)));
            fields.push({ key: edgeKey, kind: 'node' });
          } else throw new NotCompilable(`${edgeType.name}.${edgeField}`);
        }
        shape.push({ key, kind: 'edges', fields });
      } else if (name === 'pageInfo') {
        const pageInfoType = getNamedType(connectionType.getFields().pageInfo!.type) as GraphQLObjectType;
        const fields: Extract<ConnectionShape[number], { kind: 'pageInfo' }>['fields'] = [];
        for (const [infoKey, infoParts] of this.collect(merged(parts), pageInfoType)) {
          const infoField = infoParts[0]!.name.value;
          if (infoField === '__typename') fields.push({ key: infoKey, field: '__typename', value: pageInfoType.name });
          else if (['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'].includes(infoField)) {
            fields.push({ key: infoKey, field: infoField as PageInfoField });
          } else throw new NotCompilable(`PageInfo.${infoField}`);
        }
        shape.push({ key, kind: 'pageInfo', fields });
      } else if (name === 'totalCount' && connectionType.getFields().totalCount?.extensions?.pothosPrismaTotalCount === true && countable) {
        // The rows the field's where matches, whatever the page (plugin.ts).
        if (parts.some((part) => part.arguments?.length)) throw new NotCompilable(`arguments on ${connectionType.name}.totalCount`);
        this.guard(connectionType, connectionType.getFields().totalCount!);
        shape.push({ key, kind: 'totalCount' });
      } else throw new NotCompilable(`${connectionType.name}.${name}`);
    }
    return { shape, select };
  }

  /** Fields by response key, in the order the executor would answer them (fragments spread in). */
  collect(selectionSet: SelectionSetNode | undefined, type: GraphQLObjectType, into = new Map<string, FieldNode[]>()): Map<string, FieldNode[]> {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.directives?.length) throw new NotCompilable('a directive in the selection');
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const list = into.get(key);
        if (list) list.push(selection);
        else into.set(key, [selection]);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : this.fragments[selection.name.value];
        if (!fragment) throw new NotCompilable('an unknown fragment');
        const condition = fragment.typeCondition?.name.value;
        if (condition && condition !== type.name) throw new NotCompilable('a fragment on another type');
        this.collect(fragment.selectionSet, type, into);
      }
    }
    return into;
  }

  /** Records the permission a guarded field needs; refuses any other kind of guard. */
  guard(parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>): void {
    const scopes = (field.extensions?.pothosOptions as { authScopes?: unknown } | undefined)?.authScopes;
    const typeScopes = (parent.extensions?.pothosOptions as { authScopes?: unknown } | undefined)?.authScopes;
    if (typeScopes) throw new NotCompilable(`${parent.name} has type-level auth scopes`);
    if (!scopes) return;
    const keys = typeof scopes === 'object' ? Object.keys(scopes) : [];
    const permission = (scopes as { permission?: unknown }).permission;
    if (keys.length !== 1 || typeof permission !== 'string') throw new NotCompilable(`${parent.name}.${field.name} has auth scopes other than one permission`);
    this.permissions.add(permission);
  }

  /** JSON text of one row of `model` (as `alias`) answering `selectionSet` on `type`. */
  object(type: GraphQLObjectType, model: string, alias: string, selectionSet: SelectionSetNode | undefined): JsonValue {
    if ((type.extensions?.pothosPrismaModel as string | undefined) !== model) throw new NotCompilable(`${type.name} is not the Prisma object of ${model}`);
    const entries: Array<[string, JsonValue]> = [];
    for (const [key, nodes] of this.collect(selectionSet, type)) entries.push([key, this.field(type, model, alias, nodes)]);
    return jsonObject(entries);
  }

  private field(type: GraphQLObjectType, model: string, alias: string, nodes: FieldNode[]): JsonValue {
    const name = nodes[0]!.name.value;
    if (name === '__typename') return textValue(JSON.stringify(type.name));
    const field = type.getFields()[name];
    if (!field) throw new NotCompilable(`${type.name}.${name} does not exist`);
    const extensions = (field.extensions ?? {}) as FieldExtensions;
    // A nested connection reads its arguments when a request is bound; any other field takes none.
    const nestedConnection = !!extensions.pothosPrismaRelationField?.isList && !isListType(getNullableType(field.type));
    if (!nestedConnection && nodes.some((node) => node.arguments?.length)) throw new NotCompilable(`arguments on ${type.name}.${name}`);
    this.guard(type, field);

    if (name === 'id' && isGlobalIdField(type, field)) return globalId(type.name, `${alias}."id"`);
    const column = exposedColumn(extensions, field);
    if (column) return this.column(model, column, field.type, alias);
    if (extensions.pothosPrismaRelationField) return this.relation(type, model, alias, field, extensions, nodes);
    if (extensions.embeddedColumns) return this.embedded(model, alias, field, extensions.embeddedColumns, merged(nodes));
    if (extensions.sqlForm) return this.expression(type, field, extensions.sqlForm, alias);
    if (extensions.sqlAggregate) {
      const { from, fields } = extensions.sqlAggregate;
      // The object's JSON from one subquery over the set: every aggregate in one pass. GROUP BY ()
      // makes it one row whatever is selected (only __typename, say) and however many rows match.
      return sqlValue(`(SELECT ${concat(this.formsObject(field, fields, alias, merged(nodes)))} ${from(alias)} GROUP BY ())`);
    }
    if (extensions.sqlStaticList) return this.staticList(type, field, extensions.sqlStaticList, alias, merged(nodes));
    throw new NotCompilable(`${type.name}.${name} is computed`);
  }

  /** A computed field's declared SQL form, printed as its scalar prints it. */
  private expression(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, form: SqlForm, alias: string): JsonValue {
    if (isNonNullType(field.type) === !!form.nullable || getNamedType(field.type).name !== form.scalar) {
      throw new NotCompilable(`${type.name}.${field.name}: its SQL form gives ${form.scalar}${form.nullable ? '' : '!'}`);
    }
    const sql = form.expression(alias);
    const nullable = !!form.nullable;
    // Decimal and DateTime as their scalars print a numeric and a timestamptz.
    if (form.scalar === 'Decimal') return orNull(scalarJson(getNamedType(field.type), `(${sql})`, 'numeric'), nullable);
    if (form.scalar === 'DateTime') return orNull(scalarJson(getNamedType(field.type), `(${sql})`, 'timestamp with time zone'), nullable);
    // Boolean and Int print as PostgreSQL's text of them: true / false, digits.
    return orNull(sqlValue(`(${sql})::text`), nullable);
  }

  /** JSON text of a column's value as the field's scalar serializes it. */
  private column(model: string, column: string, type: GraphQLOutputType, alias: string): JsonValue {
    const modelField = this.model(model).fields.find((f) => f.name === column);
    if (!modelField || modelField.kind === 'object') throw new NotCompilable(`${model}.${column} is not a column`);
    if (isNonNullType(type) && !modelField.isRequired) throw new NotCompilable(`${model}.${column} is nullable`);
    const ref = `${alias}.${quote(column)}`;
    const catalog = this.columns.get(`${model}.${column}`);
    if (!catalog) throw new NotCompilable(`${model}.${column} is not in the database`);
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      if (modelField.isList && modelField.type === 'String' && isNonNullType(nullable.ofType) && getNamedType(nullable).name === 'String') {
        // Prisma reads a NULL scalar list as [].
        return sqlValue(`coalesce(array_to_json(${ref})::text, '[]')`);
      }
      throw new NotCompilable(`list column ${model}.${column}`);
    }
    if (modelField.isList) throw new NotCompilable(`list column ${model}.${column}`);
    // A column the database lets be NULL is printed as null; under a non-null field that would be the executor's error.
    if (catalog.nullable && isNonNullType(type)) throw new NotCompilable(`${model}.${column} admits NULL in the database`);
    const mayBeNull = catalog.nullable;
    const named = getNamedType(type);
    if (isEnumType(named)) {
      // The GraphQL enum must serialize each database value as itself; Prisma's labels need no escaping.
      if (modelField.kind !== 'enum' || named.getValues().some((value) => value.value !== value.name || !/^\w+$/.test(value.name))) {
        throw new NotCompilable(`enum ${named.name} renames values`);
      }
      return orNull(plainString(`${ref}::text`), mayBeNull);
    }
    const expected: Record<string, string> = { String: 'String', Int: 'Int', Boolean: 'Boolean', DateTime: 'DateTime', Decimal: 'Decimal' };
    if (expected[named.name] !== modelField.type) throw new NotCompilable(`${named.name} over ${model}.${column} (${modelField.type})`);
    switch (named.name) {
      case 'String':
        return orNull(escapedString(ref), mayBeNull);
      case 'DateTime':
      case 'Decimal':
        // Custom scalars print themselves (their `sqlJson`, beside `serialize`).
        return orNull(scalarJson(named, ref, catalog.dataType, catalog.scale ?? undefined), mayBeNull);
      case 'Int':
        if (catalog.dataType !== 'integer') throw new NotCompilable(`${model}.${column} is ${catalog.dataType}`);
        return orNull(sqlValue(`${ref}::text`), mayBeNull);
      default: // Boolean: 'true' / 'false'
        return orNull(sqlValue(`${ref}::text`), mayBeNull);
    }
  }

  private relation(
    parent: GraphQLObjectType,
    model: string,
    alias: string,
    field: GraphQLField<unknown, unknown>,
    extensions: FieldExtensions,
    nodes: FieldNode[],
  ): JsonValue {
    const selectionSet = merged(nodes);
    const relation = extensions.pothosPrismaRelationField!;
    const target = getNamedType(field.type);
    if (!isObjectType(target)) throw new NotCompilable(`${parent.name}.${field.name} is not an object`);
    if (relation.isList && !isListType(getNullableType(field.type)) && target.name.endsWith('Connection')) return this.nestedConnection(parent, model, alias, field, relation, nodes);
    if (isListType(getNullableType(field.type)) !== relation.isList) throw new NotCompilable(`${parent.name}.${field.name} is a connection`);
    const { orderBy, where } = relationQuery(extensions, field);
    const child = this.nextAlias();
    const json = concat(this.object(target, relation.type, child, selectionSet));
    const from = `FROM ${quote(relation.type)} ${child}`;
    const own = relation.relationFromFields ?? [];
    if (own.length === 1) {
      if (isNonNullType(field.type) && !relation.isRequired) throw new NotCompilable(`${parent.name}.${field.name} may be null`);
      return orNull(sqlValue(`(SELECT ${json} ${from} WHERE ${child}."id" = ${alias}.${quote(own[0]!)})`), !relation.isRequired);
    }
    // The other side of the relation (on a self-relation, the other field of that name).
    const back = this.model(relation.type).fields.find(
      (f) => f.relationName === relation.relationName && (relation.type !== model || f.name !== relation.name),
    );
    const backKey = back?.relationFromFields;
    if (!back || backKey?.length !== 1) throw new NotCompilable(`${parent.name}.${field.name}: no foreign key`);
    const join = `WHERE ${child}.${quote(backKey[0]!)} = ${alias}."id"`;
    if (!relation.isList) {
      if (isNonNullType(field.type)) throw new NotCompilable(`${parent.name}.${field.name} may be null`);
      return orNull(sqlValue(`(SELECT ${json} ${from} ${join})`), true);
    }
    return arrayOf(sqlValue(json), `${from} ${join}${this.where(relation.type, child, where)}`, this.orderBy(relation.type, child, orderBy));
  }

  /**
   * A connection of related rows (`t.relatedConnection`): its node JSON and the shape of its
   * page now, its rows' where, order and page size when a request is bound (plugin.ts); a
   * marker holds its place in the parent's JSON.
   */
  private nestedConnection(parent: GraphQLObjectType, model: string, alias: string, field: GraphQLField<unknown, unknown>, relation: ModelField, nodes: FieldNode[]): JsonValue {
    if (nodes.length !== 1) throw new NotCompilable(`${parent.name}.${field.name} asked twice under one key`);
    if (!isNonNullType(field.type)) throw new NotCompilable(`${parent.name}.${field.name} may be null`);
    const connectionType = getNullableType(field.type) as GraphQLObjectType;
    const back = this.model(relation.type).fields.find((f) => f.relationName === relation.relationName && (relation.type !== model || f.name !== relation.name));
    const backKey = back?.relationFromFields;
    if (!back || backKey?.length !== 1) throw new NotCompilable(`${parent.name}.${field.name}: no foreign key`);
    if (!this.model(relation.type).fields.some((f) => f.name === 'id' && f.type === 'Int')) throw new NotCompilable(`${relation.type} has no integer id for cursors`);
    const child = this.nextAlias();
    const { shape, select } = this.connection(connectionType, nodes[0]!.selectionSet, relation.type, child, true);
    const marker = `\u0001nested${this.nested.length}\u0001`;
    const selected = new Set<string>();
    for (const [, parts] of this.collect(nodes[0]!.selectionSet, connectionType)) selected.add(parts[0]!.name.value);
    this.nested.push({
      marker,
      parent,
      field,
      fieldNode: nodes[0]!,
      model: relation.type,
      alias: child,
      join: (rowAlias) => `${rowAlias}.${quote(backKey[0]!)} = ${alias}."id"`,
      select,
      connection: shape,
      selected,
    });
    return sqlValue(marker);
  }

  /** A sub-object of scalars, each sub-field answered by its declared SQL over the parent row. */
  private formsObject(field: GraphQLField<unknown, unknown>, forms: Record<string, SqlForm>, alias: string, selectionSet: SelectionSetNode): JsonValue {
    const type = field.type;
    if (!isNonNullType(type) || !isObjectType(type.ofType)) throw new NotCompilable(`${field.name} is not a non-null object`);
    const object = type.ofType;
    return this.rowObject(object, selectionSet, (sub) => {
      const form = forms[sub.name];
      if (!form) throw new NotCompilable(`${object.name}.${sub.name} has no SQL form`);
      return this.expression(object, sub, form, alias);
    });
  }

  /**
   * A list of items from a table in code: SQL picks the keys, and each item's JSON for
   * this selection is printed here, once, as the executor prints it (JSON.stringify of
   * the serialized values, keys in selection order).
   */
  private staticList(parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>, list: SqlStaticList, alias: string, selectionSet: SelectionSetNode): JsonValue {
    const nullable = getNullableType(field.type);
    if (!isNonNullType(field.type) || !isListType(nullable) || !isNonNullType(nullable.ofType) || !isObjectType(nullable.ofType.ofType)) {
      throw new NotCompilable(`${parent.name}.${field.name} is not a non-null list of objects`);
    }
    const itemType = nullable.ofType.ofType;
    const cases = list.all.map((key) => `WHEN ${sqlString(key)} THEN ${sqlString(JSON.stringify(this.staticObject(itemType, list.item(key), selectionSet)))}`);
    const item = this.nextAlias();
    return arrayOf(sqlValue(`CASE ${item}.k ${cases.join(' ')} END`), `FROM unnest(${list.keys(alias)}) WITH ORDINALITY AS ${item}(k, o)`, `${item}.o`);
  }

  /** An item of a static list as the executor answers the selection (its fields read the record by name). */
  private staticObject(type: GraphQLObjectType, record: Record<string, unknown>, selectionSet: SelectionSetNode): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, nodes] of this.collect(selectionSet, type)) {
      const name = nodes[0]!.name.value;
      if (name === '__typename') {
        out[key] = type.name;
        continue;
      }
      const sub = type.getFields()[name];
      if (!sub) throw new NotCompilable(`${type.name}.${name} does not exist`);
      if (sub.args.length || nodes.some((node) => node.arguments?.length)) throw new NotCompilable(`arguments on ${type.name}.${name}`);
      this.guard(type, sub);
      out[key] = this.staticValue(sub.type, record[name], merged(nodes), `${type.name}.${name}`);
    }
    return out;
  }

  private staticValue(type: GraphQLOutputType, value: unknown, selectionSet: SelectionSetNode, label: string): unknown {
    if (value === undefined) throw new NotCompilable(`${label} is not in the item's record`);
    if (isNonNullType(type)) {
      if (value === null) throw new NotCompilable(`${label} is null`);
      return this.staticValue(type.ofType, value, selectionSet, label);
    }
    if (value === null) return null;
    if (isListType(type)) {
      if (!Array.isArray(value)) throw new NotCompilable(`${label} is not a list`);
      return value.map((v: unknown) => this.staticValue(type.ofType, v, selectionSet, label));
    }
    if (isLeafType(type)) return type.serialize(value);
    if (isObjectType(type)) return this.staticObject(type, value as Record<string, unknown>, selectionSet);
    throw new NotCompilable(`${label} is abstract`);
  }

  /** A sub-object made of the parent row's columns, named by the field's `embeddedColumns`. */
  private embedded(model: string, alias: string, field: GraphQLField<unknown, unknown>, columns: Record<string, string>, selectionSet: SelectionSetNode): JsonValue {
    const type = getNullableType(field.type);
    if (!isObjectType(type)) throw new NotCompilable(`${field.name} is not an object`);
    return this.rowObject(type, selectionSet, (sub) => {
      const exposed = (sub.extensions as FieldExtensions | undefined)?.pothosExposedField;
      const column = typeof exposed === 'string' ? columns[exposed] : undefined;
      if (!column) throw new NotCompilable(`${type.name}.${sub.name} is computed`);
      return this.column(model, column, sub.type, alias);
    });
  }

  /** A JSON object of the selected sub-fields of a value made from the parent row (no arguments), each answered by `answer`. */
  private rowObject(type: GraphQLObjectType, selectionSet: SelectionSetNode, answer: (sub: GraphQLField<unknown, unknown>) => JsonValue): JsonValue {
    const entries: Array<[string, JsonValue]> = [];
    for (const [key, nodes] of this.collect(selectionSet, type)) {
      const name = nodes[0]!.name.value;
      if (name === '__typename') {
        entries.push([key, textValue(JSON.stringify(type.name))]);
        continue;
      }
      const sub = type.getFields()[name]!;
      if (sub.args.length || nodes.some((node) => node.arguments?.length)) throw new NotCompilable(`arguments on ${type.name}.${name}`);
      this.guard(type, sub);
      entries.push([key, answer(sub)]);
    }
    return jsonObject(entries);
  }

  /** ORDER BY of a Prisma `orderBy` ({ column: 'asc' | 'desc' } or a list of them); refuses anything else. */
  orderBy(model: string, alias: string, orderBy: unknown): string {
    if (orderBy === undefined) return '';
    const terms = Array.isArray(orderBy) ? orderBy : [orderBy];
    return terms
      .map((term) => {
        const entries = typeof term === 'object' && term !== null ? Object.entries(term) : [];
        const [column, direction] = entries[0] ?? [];
        if (entries.length !== 1 || (direction !== 'asc' && direction !== 'desc')) throw new NotCompilable('an orderBy other than columns');
        this.scalar(model, column!);
        return `${alias}.${quote(column!)} ${direction === 'asc' ? 'ASC' : 'DESC'}`;
      })
      .join(', ');
  }

  /** ` AND ...` for a Prisma `where` of column equalities to null, a boolean or a whole number; refuses anything else. */
  where(model: string, alias: string, where: unknown): string {
    if (where === undefined) return '';
    if (typeof where !== 'object' || where === null) throw new NotCompilable('a where other than column equalities');
    return Object.entries(where)
      .map(([column, value]) => {
        this.scalar(model, column);
        const ref = `${alias}.${quote(column)}`;
        if (value === null) return ` AND ${ref} IS NULL`;
        if (typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value))) return ` AND ${ref} = ${value}`;
        throw new NotCompilable('a where other than column equalities');
      })
      .join('');
  }

  /** Refuses a name that is not a scalar column of the model. */
  scalar(model: string, column: string): ModelField {
    const field = this.model(model).fields.find((f) => f.name === column);
    if (!field || field.kind === 'object' || field.isList) throw new NotCompilable(`${model}.${column} is not a scalar column`);
    return field;
  }

  private model(name: string) {
    const model = this.datamodel.datamodel.models[name];
    if (!model) throw new NotCompilable(`no model ${name}`);
    return model;
  }
}

interface FieldExtensions {
  pothosPrismaVariant?: unknown;
  pothosPrismaSelect?: unknown;
  pothosExposedField?: unknown;
  pothosPrismaRelationField?: ModelField;
  embeddedColumns?: Record<string, string>;
  sqlForm?: SqlForm;
  sqlAggregate?: { from: (row: string) => string; fields: Record<string, SqlForm> };
  sqlStaticList?: SqlStaticList;
}

/** The column a Prisma object's field exposes as it is (`t.exposeString('code')`, ...). */
export function exposedColumn(extensions: FieldExtensions | undefined, field: { args: readonly unknown[] }): string | undefined {
  const column = extensions?.pothosPrismaVariant;
  const select = extensions?.pothosPrismaSelect as Record<string, unknown> | undefined;
  if (typeof column !== 'string' || field.args.length > 0) return undefined;
  // An expose selects exactly its own column; a relation or a computed field selects more.
  if (!select || typeof select !== 'object' || Object.keys(select).length !== 1 || select[column] !== true) return undefined;
  return column;
}

/** The `id` of a prismaNode: the global id of the row's `id` (tenantNode). */
function isGlobalIdField(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): boolean {
  return (
    !!type.extensions?.pothosPrismaModel &&
    type.getInterfaces().some((i) => i.name === 'Node') &&
    isNonNullType(field.type) &&
    getNamedType(field.type).name === 'ID' &&
    !field.extensions?.pothosPrismaVariant
  );
}

/** The relation's static `query: { orderBy }`, read through plugin-prisma's own select function. */
/**
 * The relation's query (orderBy, and a where of column equalities) for the field's default
 * arguments: a document that passes arguments to a relation is not compiled, so the
 * defaults are what the executor uses too.
 */
function relationQuery(extensions: FieldExtensions, field: GraphQLField<unknown, unknown>): { orderBy?: unknown; where?: unknown } {
  const name = field.name;
  const select = extensions.pothosPrismaSelect;
  if (typeof select !== 'function') throw new NotCompilable(`${name}: no relation select`);
  const defaults = Object.fromEntries(field.args.filter((arg) => arg.defaultValue !== undefined).map((arg) => [arg.name, arg.defaultValue]));
  let query: unknown;
  select(defaults, {}, (q: unknown) => {
    query = q;
    return {};
  });
  if (query === undefined) return {};
  // A query function of the arguments (`query: (args) => ...`), here the defaults; it must not need the context.
  if (typeof query === 'function') query = (query as (args: unknown, ctx: unknown) => unknown)(defaults, undefined);
  if (typeof query !== 'object' || query === null) throw new NotCompilable(`${name}: a query function`);
  const { orderBy, where, ...rest } = query as { orderBy?: unknown; where?: unknown };
  if (Object.keys(rest).length) throw new NotCompilable(`${name}: a query with ${Object.keys(rest).join(', ')}`);
  return { orderBy, where };
}

/** JSON text of a SQL value as a custom scalar prints it; refused when the scalar declares no SQL printing for that type. */
function scalarJson(scalar: { name: string; extensions?: unknown }, sql: string, dataType: string, scale?: number): JsonValue {
  const print = (scalar.extensions as { sqlJson?: ScalarSqlJson } | undefined)?.sqlJson;
  const json = print?.(sql, dataType, scale);
  if (!json) throw new NotCompilable(`${scalar.name} has no SQL printing of ${dataType}`);
  return json;
}

export function quote(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new NotCompilable(`name ${name}`);
  return `"${name}"`;
}

/** base64 of "Type:id", as plugin-relay's encodeGlobalID makes it, as a JSON string. */
export function globalId(typename: string, id: string): JsonValue {
  if (!/^\w+$/.test(typename)) throw new NotCompilable(`${typename}: no global id in SQL`);
  return base64String(`${typename}:`, id);
}

/**
 * base64 of a constant prefix followed by an integer, as a JSON string. base64 encodes
 * whole groups of three bytes, so the prefix's complete groups are encoded here once
 * and PostgreSQL encodes only the rest (also short enough never to be broken into lines).
 */
export function base64String(prefix: string, integer: string): JsonValue {
  const whole = Math.floor(prefix.length / 3) * 3;
  const rest = prefix.slice(whole);
  const tail = rest ? `('${rest}' || ${integer})` : `${integer}::text`;
  // text to bytea: the tail is ASCII letters, ':' and digits, which bytea input takes as they are.
  return [{ text: `"${Buffer.from(prefix.slice(0, whole)).toString('base64')}` }, { sql: `encode(${tail}::bytea, 'base64')` }, { text: '"' }];
}

/**
 * Every field of every Prisma object type, and each root field, with how a compiled read
 * answers it: `sql`, `sql, needs <permission>`, or `executor: <why>`. Committed as a
 * snapshot (test/graph/compiled-fields.test.ts), so a field leaving the fast path shows
 * in review.
 */
export function sqlForms(schema: GraphQLSchema, datamodel: Datamodel, columns: ColumnCatalog): string[] {
  const lines: string[] = [];
  const queryType = schema.getQueryType()!;
  for (const field of Object.values(queryType.getFields()).sort(byName)) {
    const read = field.extensions?.compiledRead as CompiledRead | undefined;
    if (read) lines.push(`Query.${field.name}: sql${read.cursor ? ' connection' : ''}${read.count ? ' with totalCount' : ''}`);
  }
  const types = Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && !!type.extensions?.pothosPrismaModel);
  for (const type of types.sort(byName)) {
    const model = type.extensions!.pothosPrismaModel as string;
    for (const field of Object.values(type.getFields()).sort(byName)) {
      const compiler = new Compiler(schema, {}, datamodel, columns);
      const composite = !isLeafType(getNamedType(field.type));
      const node: FieldNode = {
        kind: Kind.FIELD,
        name: { kind: Kind.NAME, value: field.name },
        selectionSet: composite ? { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] } : undefined,
      };
      let form: string;
      try {
        compiler.object(type, model, compiler.nextAlias(), { kind: Kind.SELECTION_SET, selections: [node] });
        form = compiler.permissions.size ? `sql, needs ${[...compiler.permissions].join(', ')}` : 'sql';
      } catch (error) {
        if (!(error instanceof NotCompilable)) throw error;
        form = `executor: ${error.message}`;
      }
      lines.push(`${type.name}.${field.name}: ${form}`);
    }
  }
  return lines;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
