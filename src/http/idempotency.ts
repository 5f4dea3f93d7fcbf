// The Idempotency-Key header: a mutation request sent with it runs once per key and
// tenant. A retry with the key and the same request (document, operation name and
// variables, canonical) gets the first response again, with `extensions.replayed`;
// with another request, IDEMPOTENCY_CONFLICT (422). A duplicate sent while the first
// runs waits for it and gets its response; after the wait, IDEMPOTENCY_IN_PROGRESS
// (409, Retry-After), to be retried. A request that wrote nothing (every root field
// null, errors only) gives the key up, so a retry runs afresh. Queries, subscriptions
// and WebSocket operations ignore the header. The store: src/db/idempotency-store.ts.
import { createHash } from 'node:crypto';
import { getOperationAST, GraphQLError, print, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../db/client.js';
import type { IdempotencyStore } from '../db/idempotency-store.js';
import type { Context } from '../graphql/context.js';
import type { Logger } from '../logger.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Printable ASCII without spaces, 1 to 255 characters (a UUID is the usual choice). */
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

interface HeldKey {
  db: Db;
  tenantId: number;
  key: string;
  log?: Logger;
}

function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What "the same request" means: the printed document, the operation name and the variables, keys sorted. */
export function requestHash(document: DocumentNode, operationName: string | null | undefined, variables: unknown): string {
  return createHash('sha256')
    .update(canonical({ document: print(document), operationName: operationName ?? null, variables: variables ?? {} }))
    .digest('hex');
}

function refusal(message: string, code: string, status: number, headers?: Record<string, string>): ExecutionResult {
  return { errors: [new GraphQLError(message, { extensions: { code, http: { status, ...(headers ? { headers } : {}) } } })] };
}

/** True when the mutation wrote something: a root field answered (a payload or a typed error), not only errors. */
function hasAnswer(result: ExecutionResult): boolean {
  return !!result.data && Object.values(result.data).some((value) => value !== null && value !== undefined);
}

/** The response as clients received it (errors already masked), without the transport's own extensions. */
function storable(result: ExecutionResult): unknown {
  return JSON.parse(
    JSON.stringify(result, (key, value) => (key === 'extensions' && value && typeof value === 'object' ? withoutHttp(value as Record<string, unknown>) : value)),
  );
}

function withoutHttp(extensions: Record<string, unknown>): Record<string, unknown> | undefined {
  const { http: _http, ...rest } = extensions;
  return Object.keys(rest).length ? rest : undefined;
}

export function idempotencyPlugin(store: IdempotencyStore): Plugin<Context> {
  const held = new WeakMap<Request, HeldKey>();
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as Context & { request?: Request; liveRequestId?: string };
      const request = context.request;
      // graphql-ws operations carry no per-operation headers.
      const key = context.liveRequestId ? null : request?.headers.get(IDEMPOTENCY_HEADER);
      if (key === null || key === undefined || !request) return;
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      if (!KEY_FORMAT.test(key)) {
        setResultAndStopExecution(refusal('Idempotency-Key must be 1 to 255 printable characters without spaces', 'BAD_REQUEST', 400));
        return;
      }
      const db = context.prisma;
      const begun = await store.begin(db, context.tenantId, key, requestHash(args.document, args.operationName, args.variableValues));
      switch (begun.outcome) {
        case 'claimed':
          held.set(request, { db, tenantId: context.tenantId, key, log: context.log });
          return;
        case 'replay': {
          const first = begun.response as ExecutionResult;
          setResultAndStopExecution({ ...first, extensions: { ...first.extensions, replayed: true } });
          return;
        }
        case 'conflict':
          setResultAndStopExecution(
            refusal('This Idempotency-Key was used with a different request; nothing was run. Use a new key for a new request.', 'IDEMPOTENCY_CONFLICT', 422),
          );
          return;
        case 'in-progress':
          setResultAndStopExecution(
            refusal('A request with this Idempotency-Key is still running; retry it in a moment to get its response.', 'IDEMPOTENCY_IN_PROGRESS', 409, {
              'retry-after': '1',
            }),
          );
          return;
      }
    },
    // After error masking: what is stored is what the client got.
    async onResultProcess({ request, result }) {
      const claim = held.get(request);
      if (!claim) return;
      held.delete(request);
      const single = Array.isArray(result) || Symbol.asyncIterator in (result as object) ? undefined : (result as ExecutionResult);
      try {
        if (single && hasAnswer(single)) await store.finish(claim.db, claim.tenantId, claim.key, storable(single));
        else await store.release(claim.db, claim.tenantId, claim.key);
      } catch (error) {
        // The client still gets its answer; the claim lapses (IDEMPOTENCY_CLAIM_TTL_MS) and a retry then runs again.
        claim.log?.warn({ err: error, idempotencyKey: claim.key }, 'idempotency key not recorded');
      }
    },
  };
}
