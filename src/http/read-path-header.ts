// Outside production, which path answered a GraphQL operation, in an `x-read-path`
// response header: `compiled` (one SQL statement, src/graphql/compiled-reads) or
// `executor`. It makes a read that falls back to the executor visible to whoever
// develops a client or a benchmark; the reason it fell back is in the debug log
// ("read not compiled"). Production does not say (metrics count both paths).
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';
import { gatheredFacts } from './request-facts.js';

export const READ_PATH_HEADER = 'x-read-path';

export function readPathHeaderPlugin(): Plugin<Context> {
  return {
    onResponse({ request, response }) {
      const path = gatheredFacts(request)?.path;
      if (path) response.headers.set(READ_PATH_HEADER, path);
    },
  };
}
