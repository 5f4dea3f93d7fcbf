// The schema for typed clients and tools, without introspection: GET
// /graphql/schema.graphql (the SDL, the same text as schema/schema.graphql) and GET
// /graphql/schema.json (the introspection result, `{ "data": { "__schema" } }`, with
// descriptions, @specifiedBy URLs, repeatable directives and deprecated input values).
// Any role may read them with a valid key, as any role may introspect. Both are made
// once and answered with an ETag, so a client asking again gets 304.
import { createHash } from 'node:crypto';
import { introspectionFromSchema, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';
import type { ApiKeyAuthenticator } from '../auth/api-keys.js';
import { authenticateRoute } from './context.js';
import { hasPermission } from '../auth/permissions.js';

export const SCHEMA_SDL_PATH = '/graphql/schema.graphql';
export const SCHEMA_JSON_PATH = '/graphql/schema.json';

interface Document {
  type: string;
  body: string;
  etag: string;
}

function document(type: string, body: string): Document {
  return { type, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

export function schemaRoutesPlugin(options: { authenticator: Pick<ApiKeyAuthenticator, 'authenticateHeader'>; schema: GraphQLSchema }): Plugin<Context> {
  const documents = new Map<string, Document>();
  // The schema Yoga serves (built once per process).
  const made = (path: string, schema: GraphQLSchema = options.schema): Document => {
    let found = documents.get(path);
    if (!found) {
      found =
        path === SCHEMA_SDL_PATH
          ? document('application/graphql; charset=utf-8', `${printSchema(lexicographicSortSchema(schema))}\n`)
          : document(
              'application/json; charset=utf-8',
              `${JSON.stringify(
                {
                  data: introspectionFromSchema(lexicographicSortSchema(schema), {
                    descriptions: true,
                    specifiedByUrl: true,
                    directiveIsRepeatable: true,
                    schemaDescription: true,
                    inputValueDeprecation: true,
                  }),
                },
                null,
                2,
              )}\n`,
            );
      documents.set(path, found);
    }
    return found;
  };
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== SCHEMA_SDL_PATH && url.pathname !== SCHEMA_JSON_PATH) return;
      const json = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
            status,
            headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
          }),
        );
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return json(405, 'METHOD_NOT_ALLOWED', 'The schema is fetched with GET', { allow: 'GET, HEAD' });
      }
      const viewer = await authenticateRoute(options, request);
      if ('refused' in viewer) return json(viewer.status, viewer.code, viewer.message, viewer.headers);
      if (!hasPermission(viewer.role, 'read')) return json(403, 'FORBIDDEN', 'This API key may not read the schema');
      const { type, body, etag } = made(url.pathname);
      const headers = { 'content-type': type, etag, 'cache-control': 'private, no-cache', vary: 'authorization' };
      if (request.headers.get('if-none-match') === etag) return endResponse(new fetchAPI.Response(null, { status: 304, headers }));
      return endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
    },
  };
}
