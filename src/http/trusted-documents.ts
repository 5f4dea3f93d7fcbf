// Trusted documents and automatic persisted queries (APQ) on /graphql.
// A request may name its document instead of sending it: `documentId` (a trusted
// document the operator pushed) or `extensions.persistedQuery.sha256Hash` (a trusted
// document, or one this server saw with that hash before: APQ). A key with
// trustedDocumentsOnly runs trusted documents only; anything else it sends (its own
// query text, an APQ hash of one) is refused with PERSISTED_QUERY_ONLY.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { defaultExtractPersistedOperationId, usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Context } from '../graphql/context.js';
import { normalizeDocumentId, sha256Hex, type TrustedDocumentStore } from '../db/trusted-documents.js';

/** How many APQ documents one instance keeps (oldest dropped first); a client sends a dropped one again. */
const APQ_MAX_DOCUMENTS = 2_000;

function coded(message: string, code: string, status: number) {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

function persistedQueryHash(extensions: unknown): string | undefined {
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

export interface TrustedDocumentPlugins {
  /** Early, before the other plugins read the query: turns an id into its document. */
  resolve: Plugin<Context>[];
  /** Once the key is known (before the idempotency key is claimed): refuses what a trusted-only key may not run. */
  enforce: Plugin<Context>;
}

export function trustedDocumentsPlugins(store: TrustedDocumentStore): TrustedDocumentPlugins {
  // Requests whose document is a trusted one (by id, or with the text and the hash of one).
  const trusted = new WeakSet<Request>();
  const apq = new Map<string, string>();
  const remember = (hash: string, query: string) => {
    apq.delete(hash);
    if (apq.size >= APQ_MAX_DOCUMENTS) apq.delete(apq.keys().next().value!);
    apq.set(hash, query);
  };

  // APQ registration: a query sent with its hash is checked and kept under that hash.
  const register: Plugin<Context> = {
    async onParams({ params, request }) {
      const hash = persistedQueryHash(params.extensions);
      if (typeof params.query !== 'string' || hash === undefined) return;
      if (sha256Hex(params.query) !== hash) {
        throw coded('extensions.persistedQuery.sha256Hash is not the SHA-256 of the query', 'PERSISTED_QUERY_HASH_MISMATCH', 400);
      }
      if ((await store.get(hash)) === params.query) trusted.add(request);
      else remember(hash, params.query);
    },
  };

  const byId = usePersistedOperations<Context>({
    allowArbitraryOperations: true,
    extractPersistedOperationId: (params, request, context) => {
      const documentId = (params as { documentId?: unknown }).documentId;
      if (typeof documentId === 'string') return documentId;
      return defaultExtractPersistedOperationId(params, request, context);
    },
    getPersistedOperation: async (id, request) => {
      const document = await store.get(id);
      if (document !== undefined) {
        trusted.add(request);
        return document;
      }
      return apq.get(normalizeDocumentId(id)) ?? null;
    },
    customErrors: {
      // Apollo's APQ clients answer this code by sending the query with its hash.
      notFound: { message: 'PersistedQueryNotFound: no trusted document or persisted query has this id', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
      keyNotFound: { message: 'Must provide query string.', extensions: { code: 'BAD_REQUEST', http: { status: 400, spec: true } } },
    },
  });

  // After the key is known: a trusted-documents-only key runs nothing else.
  const refuse = () => ({ errors: [coded('This API key runs trusted documents only: send documentId instead of a query', 'PERSISTED_QUERY_ONLY', 403)] });
  const allowed = (context: Context & { request?: Request }) => !context.viewer?.trustedDocumentsOnly || (context.request !== undefined && trusted.has(context.request));
  const enforce: Plugin<Context> = {
    onExecute({ args, setResultAndStopExecution }) {
      if (!allowed(args.contextValue as Context & { request?: Request })) setResultAndStopExecution(refuse());
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      if (!allowed(args.contextValue as Context & { request?: Request })) setResultAndStopExecution(refuse());
    },
  };

  return { resolve: [register, byId], enforce };
}
