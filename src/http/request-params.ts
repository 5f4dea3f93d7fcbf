// Yoga checks the types of `query`, `variables` and `extensions` in a request, not
// of `operationName`: an object there reached graphql-js and came back as an
// unexpected error. It is refused here as a bad request, worded like Yoga's own.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

function kind(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

export function requestParamsPlugin(): Plugin {
  return {
    onParams({ params }) {
      const operationName = (params as { operationName?: unknown }).operationName;
      if (operationName === undefined || operationName === null || typeof operationName === 'string') return;
      throw new GraphQLError(`Expected "operationName" param to be empty or a string, but given ${kind(operationName)}.`, {
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      });
    },
  };
}
