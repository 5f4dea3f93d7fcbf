// What a request costs before it runs, Shopify style: every object field costs 1,
// scalars nothing, a connection multiplies what it selects by the page size it
// asks for (`first`/`last`, default 20), a plain list by a fixed estimate, and a
// mutation adds a flat 10. Introspection is costed like any other selection.
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type GraphQLCompositeType,
  type SelectionSetNode,
  isObjectType,
  isInterfaceType,
  valueFromASTUntyped,
  type OperationDefinitionNode,
  visit,
  BREAK,
} from 'graphql';

export const COST = {
  object: 1,
  mutation: 10,
  /** Page size assumed for a connection without first/last (the API's default). */
  defaultPage: 20,
  /** Items assumed in a plain list (an order's items, a type's fields). */
  listEstimate: 5,
} as const;

/**
 * operationCost, remembered per parsed document and operation when no page size comes
 * from a variable (the cost is then the same on every request; documents come from
 * Yoga's parse cache, so the same text is the same object).
 */
export function cachedOperationCost(): typeof operationCost {
  const costs = new WeakMap<DocumentNode, Map<string, number> | null>();
  return (schema, document, operationName, variables) => {
    let byOperation = costs.get(document);
    if (byOperation === undefined) {
      byOperation = pageSizeFromVariable(document) ? null : new Map();
      costs.set(document, byOperation);
    }
    if (byOperation === null) return operationCost(schema, document, operationName, variables);
    const key = operationName ?? '';
    let cost = byOperation.get(key);
    if (cost === undefined) byOperation.set(key, (cost = operationCost(schema, document, operationName, variables)));
    return cost;
  };
}

/** Whether a `first`/`last` argument anywhere in the document takes a variable. */
function pageSizeFromVariable(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Argument(node) {
      if ((node.name.value === 'first' || node.name.value === 'last') && node.value.kind !== Kind.INT && node.value.kind !== Kind.NULL) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root =
    operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return 0;
  const cost = selectionCost(schema, root, operation.selectionSet, fragments, variables ?? {}, new Set());
  return cost + (operation.operation === 'mutation' ? COST.mutation : 0);
}

function selectionCost(
  schema: GraphQLSchema,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  visiting: Set<string>,
  page = 1,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      total += fieldCost(schema, type, selection, fragments, variables, visiting, page);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType | undefined) : type;
      if (on) total += selectionCost(schema, on, selection.selectionSet, fragments, variables, visiting, page);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // A fragment spreading itself is invalid GraphQL; validation reports it, cost stops here.
      if (!fragment || visiting.has(name)) continue;
      const on = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined;
      if (!on) continue;
      visiting.add(name);
      total += selectionCost(schema, on, fragment.selectionSet, fragments, variables, visiting, page);
      visiting.delete(name);
    }
  }
  return total;
}

function fieldCost(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  node: FieldNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  visiting: Set<string>,
  page: number,
): number {
  const name = node.name.value;
  let field: GraphQLField<unknown, unknown> | undefined;
  if (name === '__schema') field = schema.getQueryType() ? ({ type: schema.getType('__Schema') } as never) : undefined;
  else if (name === '__type') field = { type: schema.getType('__Type') } as never;
  else if (isObjectType(parent) || isInterfaceType(parent)) field = parent.getFields()[name];
  if (!field || !node.selectionSet) return 0;
  const named = getNamedType(field.type);
  if (!isCompositeType(named)) return 0;
  const children = selectionCost(schema, named, node.selectionSet, fragments, variables, visiting, pageSize(node, variables));
  // A connection's edges are its page: as many as it asked for.
  if (parent.name.endsWith('Connection') && (name === 'edges' || name === 'nodes')) return page * (COST.object + children);
  if (named.name.endsWith('Connection')) return COST.object + children;
  if (isListType(getNullableType(field.type))) return COST.object + COST.listEstimate * children;
  return COST.object + children;
}

function pageSize(node: FieldNode, variables: Record<string, unknown>): number {
  for (const arg of node.arguments ?? []) {
    if (arg.name.value !== 'first' && arg.name.value !== 'last') continue;
    const value = valueFromASTUntyped(arg.value, variables);
    if (typeof value === 'number' && value >= 0) return value;
  }
  return COST.defaultPage;
}
