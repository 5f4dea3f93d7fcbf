// Production does not help strangers map the schema: "Did you mean ...?" hints go.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';

const SUGGESTION = / Did you mean .+\?$/;

export function noSuggestionsPlugin(): Plugin<Context> {
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (!result.length) return;
        setResult(
          result.map((e) =>
            SUGGESTION.test(e.message)
              ? new GraphQLError(e.message.replace(SUGGESTION, ''), {
                  nodes: e.nodes,
                  source: e.source,
                  positions: e.positions,
                  path: e.path,
                  originalError: e.originalError,
                  extensions: e.extensions,
                })
              : e,
          ),
        );
      };
    },
  };
}
