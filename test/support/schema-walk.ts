// Walks the schema to build calls and selections for any field, so sweeps (tenant
// isolation, fuzzing) cover a new mutation without editing the test.
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

export function nodeTypeNames(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((t): t is GraphQLObjectType => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node'))
    .map((t) => t.name);
}

/**
 * The node type an id input most likely names: the longest node type name that
 * ends the (singular) input name ("originWarehouse" -> Warehouse); else a type
 * its description names ("Resume after this OrderEvent"); else a type
 * the input name ends and the mutation's noun starts ("category" of
 * customerCreate -> CustomerCategory); else the longest type that starts the
 * mutation name ("productCategoryUpdate(id)" -> ProductCategory) or the singular
 * of a connection's ("productCategories(filter: { parent })" -> ProductCategory).
 */
export function idTargetType(nodeTypes: string[], inputName: string, mutationName: string, description?: string | null): string | undefined {
  const name = inputName.toLowerCase().replace(/ids?$/, '').replace(/s$/, '');
  // A connection's name is plural ("productCategories"): its type is singular.
  const mutation = mutationName.toLowerCase().replace(/ies$/, 'y');
  const longest = (types: string[]) => types.sort((a, b) => b.length - a.length)[0];
  const bySuffix = longest(nodeTypes.filter((t) => name.length > 0 && name.endsWith(t.toLowerCase())));
  if (bySuffix) return bySuffix;
  const named = description ? longest(nodeTypes.filter((t) => new RegExp(`\\b${t}\\b`).test(description))) : undefined;
  if (named) return named;
  const byNoun = longest(
    nodeTypes.filter((t) => {
      const lower = t.toLowerCase();
      return name.length > 0 && lower.endsWith(name) && lower !== name && mutation.startsWith(lower.slice(0, -name.length));
    }),
  );
  if (byNoun) return byNoun;
  return longest(nodeTypes.filter((t) => mutation.startsWith(t.toLowerCase())));
}

export interface SampleOptions {
  /** Fill optional inputs too (ids especially), not only required ones. */
  optionalIds: boolean;
  /** Fill every field of input objects, not only required ones and ids. */
  optionalFields?: boolean;
  idFor(inputName: string, description?: string | null): string | undefined;
  scalar?(type: GraphQLNamedType, inputName: string): unknown;
}

export function sampleScalar(typeName: string): unknown {
  switch (typeName) {
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'Decimal':
      return '1';
    case 'DateTime':
      return new Date().toISOString();
    case 'Date':
      return new Date().toISOString().slice(0, 10);
    default:
      return 'x';
  }
}

/** A value of the input type, filling required fields and (optionally) every id. */
export function sampleInput(type: GraphQLInputType, inputName: string, options: SampleOptions, description?: string | null): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    const item = sampleInput(inner.ofType, inputName, options, description);
    return item === undefined ? [] : [item];
  }
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      const isId = getNamedType(field.type).name === 'ID';
      if (!required && !(isId && options.optionalIds) && !options.optionalFields) continue;
      const v = sampleInput(field.type, field.name, options, field.description);
      if (v !== undefined) value[field.name] = v;
    }
    return value;
  }
  if (isEnumType(inner)) return inner.getValues()[0]!.name;
  if (isScalarType(inner)) {
    if (inner.name === 'ID') return options.idFor(inputName, description) ?? 'eHg6MQ==';
    return options.scalar ? options.scalar(inner, inputName) : sampleScalar(inner.name);
  }
  return undefined;
}

export interface CallOptions extends SampleOptions {
  /**
   * Whether to pass an optional argument; by default ids (with optionalIds) and
   * input objects. Every argument is declared as a variable either way, so a
   * caller may add the others to the variables.
   */
  includeArg?(arg: GraphQLArgument): boolean;
}

/** Variables and a document calling one root field with sampled arguments. */
export function operationCall(
  schema: GraphQLSchema,
  operation: 'query' | 'mutation' | 'subscription',
  field: GraphQLField<unknown, unknown>,
  options: CallOptions,
) {
  const variables: Record<string, unknown> = {};
  const params: string[] = [];
  const args: string[] = [];
  for (const arg of field.args) {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    const isId = getNamedType(arg.type).name === 'ID';
    const included = options.includeArg ? options.includeArg(arg) : (isId && options.optionalIds) || isInputObjectType(getNamedType(arg.type));
    const value = required || included ? sampleInput(arg.type, arg.name, options, arg.description) : undefined;
    if (value !== undefined) variables[arg.name] = value;
    else if (required || !options.includeArg) continue;
    params.push(`$${arg.name}: ${arg.type.toString()}`);
    args.push(`${arg.name}: $${arg.name}`);
  }
  const selection = selectionFor(schema, getNamedType(field.type), 2);
  const document = `${operation}${params.length ? `(${params.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selection} }`;
  return { document, variables };
}

/** Variables and a document calling one mutation with sampled arguments. */
export function mutationCall(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>, options: SampleOptions) {
  return operationCall(schema, 'mutation', field, options);
}

/**
 * `__typename`, codes, and the ids of objects reachable within `depth` levels.
 * Inside union members every field is aliased by its type, so members whose
 * fields share a name but not a type (NotFoundError.id is a String) can be merged.
 */
export function selectionFor(schema: GraphQLSchema, type: GraphQLNamedType, depth: number, alias = ''): string {
  if (isUnionType(type)) {
    return `{ __typename ${type
      .getTypes()
      .map((member) => `... on ${member.name} ${selectionFor(schema, member, depth, member.name)}`)
      .join(' ')} }`;
  }
  if (!isObjectType(type) && !isInterfaceType(type)) return '';
  const name = (field: string) => (alias ? `${alias}_${field}: ${field}` : field);
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (field.name === 'id' || field.name === 'code') parts.push(name(field.name));
    else if (depth > 0 && (isObjectType(named) || isInterfaceType(named) || isUnionType(named)) && !named.name.endsWith('Connection')) {
      parts.push(`${name(field.name)} ${selectionFor(schema, named, depth - 1, alias ? `${alias}_${field.name}` : '')}`);
    }
  }
  return `{ ${parts.join(' ')} }`;
}

export function collectStrings(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => collectStrings(v, into));
  return into;
}

/** Paths of every leaf of a JSON value. */
export function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
}

/** A copy of a JSON value with the value at `path` replaced. */
export function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (!path.length) return replacement;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[head!] = replaceAt(copy[head!], rest, replacement);
  return copy;
}

/** A GraphQL literal of a JSON value (enum names bare where the type is an enum). */
export function literal(value: unknown, type: GraphQLInputType | undefined): string {
  const inner = type && (getNullableType(type) as GraphQLInputType);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, inner && isListType(inner) ? inner.ofType : inner)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = inner && isInputObjectType(inner) ? inner.getFields() : {};
    return `{${Object.entries(value).map(([k, v]) => `${k}: ${literal(v, fields[k]?.type)}`).join(', ')}}`;
  }
  if (typeof value === 'string' && inner && isEnumType(inner) && /^[_A-Za-z]\w*$/.test(value)) return value;
  return JSON.stringify(value) ?? 'null';
}

/** A document calling one root field with the variables written into it as literals. */
export function inlineCall(operation: 'query' | 'mutation' | 'subscription', field: GraphQLField<unknown, unknown>, selection: string, variables: Record<string, unknown>): string {
  const args = field.args.filter((arg) => arg.name in variables).map((arg) => `${arg.name}: ${literal(variables[arg.name], arg.type)}`);
  return `${operation} { ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selection} }`;
}

/** A selection following the first object field of each type `depth` levels down (e.g. to go past a depth limit). */
export function deepSelection(type: GraphQLNamedType, depth: number): string {
  if (depth === 0 || !(isObjectType(type) || isInterfaceType(type))) return '';
  const fields = Object.values(type.getFields()).filter((f) => !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined));
  const next = fields.find((f) => f.name !== 'pageInfo' && (isObjectType(getNamedType(f.type)) || isInterfaceType(getNamedType(f.type))));
  if (!next) return '{ __typename }';
  return `{ __typename ${next.name} ${deepSelection(getNamedType(next.type), depth - 1)} }`;
}
