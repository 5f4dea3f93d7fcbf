// PostgreSQL text cannot hold the NUL character (U+0000), nor half of a UTF-16
// surrogate pair (JSON's "\ud800" alone, no Unicode character): a string with one
// would reach the driver and fail there as an unexpected error. Every string a request
// brings, as a literal in the document or in the variables, is checked once here,
// before anything runs, for queries, mutations and subscriptions over HTTP, SSE
// and WebSocket alike; it is refused as BAD_USER_INPUT naming where it was.
import { GraphQLError, Kind, type ASTNode, type ASTVisitor, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const NUL = '\u0000';
const REFUSAL = 'must not contain the NUL character (\\u0000)';
/** Half of a UTF-16 surrogate pair on its own (JSON's "\ud800"): no Unicode character, PostgreSQL cannot store it in UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const SURROGATE_REFUSAL = 'must not contain a lone UTF-16 surrogate (\\ud800-\\udfff)';

/** Why a string cannot be stored as text, or undefined when it can. */
function refusalOf(text: string): string | undefined {
  if (text.includes(NUL)) return REFUSAL;
  if (LONE_SURROGATE.test(text)) return SURROGATE_REFUSAL;
  return undefined;
}

function badInput(message: string, nodes?: ASTNode[]): GraphQLError {
  // A request error like a variable of the wrong type: 400, or 200 for application/json clients.
  return new GraphQLError(message, { nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400, spec: true } } });
}

/**
 * "filter.items[2].name": where in an argument, object field or variable default a
 * literal sits. `lineage` is the visitor's ancestors and parent: lineage[i][path[i]]
 * is lineage[i + 1], so a list's index is the path key after it.
 */
function literalPath(lineage: readonly (ASTNode | readonly ASTNode[])[], path: readonly (string | number)[]): string {
  let where = '';
  lineage.forEach((ancestor, i) => {
    if (Array.isArray(ancestor)) return;
    const node = ancestor as ASTNode;
    if (node.kind === Kind.ARGUMENT) where = node.name.value;
    else if (node.kind === Kind.VARIABLE_DEFINITION) where = `$${node.variable.name.value}`;
    else if (node.kind === Kind.OBJECT_FIELD) where += `.${node.name.value}`;
    else if (node.kind === Kind.LIST) where += `[${String(path[i + 1])}]`;
  });
  return where;
}

/** String literals anywhere in the document: arguments, nested list and object values, variable defaults. */
export function NoNulInLiteralsRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node, _key, parent, path, ancestors) {
      const refusal = refusalOf(node.value);
      if (!refusal) return;
      const where = literalPath(parent ? [...ancestors, parent] : ancestors, path);
      const field = context.getFieldDef();
      const type = context.getParentType();
      const owner = context.getArgument() && field && type ? ` of ${type.name}.${field.name}` : '';
      context.reportError(badInput(`${where.startsWith('$') ? 'Default value' : 'Argument'} "${where}"${owner} ${refusal}.`, [node]));
    },
  };
}

/** The path of the first string that cannot be stored as text in a variable value, and why; iterative, as variables may nest deeply. */
function refusedPathIn(name: string, value: unknown): { path: string; refusal: string } | undefined {
  interface Step {
    value: unknown;
    path: () => string;
  }
  const stack: Step[] = [{ value, path: () => name }];
  while (stack.length) {
    const step = stack.pop()!;
    if (typeof step.value === 'string') {
      const refusal = refusalOf(step.value);
      if (refusal) return { path: step.path(), refusal };
    } else if (Array.isArray(step.value)) {
      step.value.forEach((item, i) => stack.push({ value: item, path: () => `${step.path()}[${i}]` }));
    } else if (step.value && typeof step.value === 'object') {
      for (const [key, item] of Object.entries(step.value)) stack.push({ value: item, path: () => `${step.path()}.${key}` });
    }
  }
  return undefined;
}

export function textInputGuardPlugin(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoNulInLiteralsRule);
    },
    // The first hook that sees the variables on every transport (Yoga's HTTP and SSE, and the WebSocket server's getEnveloped).
    onContextBuilding({ context }) {
      const variables = (context as { params?: { variables?: unknown } }).params?.variables;
      if (!variables || typeof variables !== 'object') return;
      for (const [name, value] of Object.entries(variables)) {
        const found = refusedPathIn(name, value);
        if (found) throw badInput(`Variable "$${name}" at "${found.path}" ${found.refusal}.`);
      }
    },
  };
}
