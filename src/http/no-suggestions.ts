// Production does not help strangers map the schema: "Did you mean ...?" hints go,
// from validation errors (a field, an argument, an enum literal) and from the
// errors of variables that do not fit their types (an input field, an enum value),
// which graphql-js reports when execution starts, over HTTP, SSE and WebSocket.
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';

const SUGGESTION = / ?Did you mean [^?]*\?/g;

function withoutSuggestions(error: GraphQLError): GraphQLError {
  if (!error.message.includes('Did you mean')) return error;
  return new GraphQLError(error.message.replace(SUGGESTION, ''), {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

function cleaned(result: ExecutionResult): ExecutionResult | undefined {
  if (!result.errors?.some((e) => e.message.includes('Did you mean'))) return undefined;
  return { ...result, errors: result.errors.map(withoutSuggestions) };
}

export function noSuggestionsPlugin(): Plugin<Context> {
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (!result.length) return;
        setResult(result.map((e) => (e instanceof GraphQLError ? withoutSuggestions(e) : e)));
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const next = cleaned(result as ExecutionResult);
          if (next) setResult(next);
        },
      };
    },
    onSubscribe() {
      return {
        onSubscribeResult({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const next = cleaned(result as ExecutionResult);
          if (next) setResult(next);
        },
      };
    },
  };
}
