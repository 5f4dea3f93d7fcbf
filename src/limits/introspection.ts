// Introspection is how GraphiQL's Docs panel, autocomplete, graphql-codegen and IDE
// plugins learn the schema. Their standard query (graphql-js getIntrospectionQuery,
// GraphiQL's copy of it) nests 15 levels, deeper than any sensible QUERY_MAX_DEPTH,
// and costs about 2,500 points. So an operation that only introspects is held to
// bounds of its own, which no limit setting can push below what the standard query
// needs: `__schema` selections are measured against INTROSPECTION_MAX_DEPTH (not
// QUERY_MAX_DEPTH), and an introspection-only operation may cost up to
// INTROSPECTION_MAX_COST per request. It is still costed, reported and charged to
// the key's bucket, capped at the bucket's capacity so it can run when the bucket
// is full and a flood of it is throttled like any other.
import { GraphQLError, Kind, type ASTVisitor, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Deepest `__schema` selection allowed; the standard introspection query (typeDepth 9) is 15 deep. */
export const INTROSPECTION_MAX_DEPTH = 20;
/** Most an introspection-only request may cost when QUERY_MAX_COST is lower; the standard query costs about 2,500. */
export const INTROSPECTION_MAX_COST = 10_000;

const INTROSPECTION_ROOT_FIELDS = new Set(['__schema', '__type', '__typename']);

/** Whether every root field the operation selects (through fragments too) is `__schema`, `__type` or `__typename`. */
export function isIntrospectionOnly(document: DocumentNode, operationName: string | null | undefined): boolean {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== 'query') return false;
  const fragments = fragmentsOf(document);
  const visiting = new Set<string>();
  const onlyIntrospection = (selectionSet: SelectionSetNode): boolean =>
    selectionSet.selections.every((selection) => {
      if (selection.kind === Kind.FIELD) return INTROSPECTION_ROOT_FIELDS.has(selection.name.value);
      if (selection.kind === Kind.INLINE_FRAGMENT) return onlyIntrospection(selection.selectionSet);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || visiting.has(fragment.name.value)) return false;
      visiting.add(fragment.name.value);
      const only = onlyIntrospection(fragment.selectionSet);
      visiting.delete(fragment.name.value);
      return only;
    });
  return onlyIntrospection(operation.selectionSet);
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return fragments;
}

/** Depth of a selection set, fragments flattened (as the QUERY_MAX_DEPTH rule counts); a fragment cycle stops counting (validation reports it). */
function selectionDepth(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, visiting: Set<string>, stopAbove: number): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (deepest > stopAbove) break;
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, 1 + (selection.selectionSet ? selectionDepth(selection.selectionSet, fragments, visiting, stopAbove - 1) : 0));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, visiting, stopAbove));
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || visiting.has(fragment.name.value)) continue;
      visiting.add(fragment.name.value);
      deepest = Math.max(deepest, selectionDepth(fragment.selectionSet, fragments, visiting, stopAbove));
      visiting.delete(fragment.name.value);
    }
  }
  return deepest;
}

/**
 * The depth rule for `__schema` selections (QUERY_MAX_DEPTH leaves them out): each is
 * refused with QUERY_TOO_COMPLEX when deeper than maxDepth, counting `__schema` itself.
 */
export function introspectionDepthPlugin(maxDepth = INTROSPECTION_MAX_DEPTH): Plugin {
  const rule = (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context.getDocument());
    return {
      Field(node) {
        if (node.name.value !== '__schema' || !node.selectionSet) return;
        const depth = 1 + selectionDepth(node.selectionSet, fragments, new Set(), maxDepth);
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`Introspection depth limit of ${maxDepth} exceeded.`, {
              nodes: [node],
              extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400, spec: true } },
            }),
          );
        }
        return false;
      },
    };
  };
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}
