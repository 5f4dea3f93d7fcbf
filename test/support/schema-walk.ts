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
 * the input name ends and the mutation's noun starts ("category" of
 * customerCreate -> CustomerCategory); else the longest type that starts the
 * mutation name ("productCategoryUpdate(id)" -> ProductCategory).
 */
export function idTargetType(nodeTypes: string[], inputName: string, mutationName: string): string | undefined {
  const name = inputName.toLowerCase().replace(/ids?$/, '').replace(/s$/, '');
  const mutation = mutationName.toLowerCase();
  const longest = (types: string[]) => types.sort((a, b) => b.length - a.length)[0];
  const bySuffix = longest(nodeTypes.filter((t) => name.length > 0 && name.endsWith(t.toLowerCase())));
  if (bySuffix) return bySuffix;
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
  idFor(inputName: string): string | undefined;
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
    default:
      return 'x';
  }
}

/** A value of the input type, filling required fields and (optionally) every id. */
export function sampleInput(type: GraphQLInputType, inputName: string, options: SampleOptions): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    const item = sampleInput(inner.ofType, inputName, options);
    return item === undefined ? [] : [item];
  }
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      const isId = getNamedType(field.type).name === 'ID';
      if (!required && !(isId && options.optionalIds)) continue;
      const v = sampleInput(field.type, field.name, options);
      if (v !== undefined) value[field.name] = v;
    }
    return value;
  }
  if (isEnumType(inner)) return inner.getValues()[0]!.name;
  if (isScalarType(inner)) {
    if (inner.name === 'ID') return options.idFor(inputName) ?? 'eHg6MQ==';
    return options.scalar ? options.scalar(inner, inputName) : sampleScalar(inner.name);
  }
  return undefined;
}

/** Variables and a document calling one mutation with sampled arguments. */
export function mutationCall(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>, options: SampleOptions) {
  const variables: Record<string, unknown> = {};
  const params: string[] = [];
  const args: string[] = [];
  for (const arg of field.args) {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    const isId = getNamedType(arg.type).name === 'ID';
    if (!required && !(isId && options.optionalIds) && !isInputObjectType(getNamedType(arg.type))) continue;
    const value = sampleInput(arg.type, arg.name, options);
    if (value === undefined) continue;
    variables[arg.name] = value;
    params.push(`$${arg.name}: ${arg.type.toString()}`);
    args.push(`${arg.name}: $${arg.name}`);
  }
  const selection = selectionFor(schema, getNamedType(field.type), 2);
  const document = `mutation${params.length ? `(${params.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selection} }`;
  return { document, variables };
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
