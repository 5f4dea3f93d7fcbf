// Idempotency keys of mutations: a mutation sent with a key runs once per key and
// tenant. The key comes with the request: the Idempotency-Key header (HTTP) or the
// request's `extensions.idempotencyKey` (HTTP JSON body, or the graphql-ws subscribe
// payload, which has no headers); both given and different is BAD_REQUEST. A retry
// with the key and the same request (document, operation name and variables,
// canonical) gets the first response again, with `extensions.replayed`; with another
// request, IDEMPOTENCY_CONFLICT (422). A duplicate sent while the first runs waits for
// it and gets its response; after the wait, IDEMPOTENCY_IN_PROGRESS (409, Retry-After),
// to be retried. A request that wrote nothing (every root field null, errors only)
// gives the key up, so a retry runs afresh. Queries and subscriptions ignore the key.
//
// The claim, the run and the stored response happen in one place, a wrapper around
// the execution, the same for HTTP and WebSocket. What is stored is the result masked
// as the client gets it (maskError, without logging: the request log and Yoga's own
// masking still see the raw result).
//
// A field's own key: orderCreate's `input.idempotencyKey` names a key of the same
// store (src/orders/order-create-service.ts claims it with the hash of the order
// input). A request key equal to such an argument is that argument's key: the plugin
// leaves it to the field. The store: src/db/idempotency-store.ts.
import { createHash } from 'node:crypto';
import {
  getArgumentValues,
  getNamedType,
  getOperationAST,
  GraphQLError,
  isInputObjectType,
  Kind,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { IdempotencyStore } from '../db/idempotency-store.js';
import type { Context } from '../graphql/context.js';
import type { MaskError } from './mask-error.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** The key in a GraphQL request's `extensions` map (HTTP body or graphql-ws subscribe payload). */
export const IDEMPOTENCY_EXTENSION = 'idempotencyKey';
/** Printable ASCII without spaces, 1 to 255 characters (a UUID is the usual choice). */
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

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

/** An error refusing the request; `status` only over HTTP (a WebSocket operation has no status to set). */
function refusalResult(message: string, code: string, status: number | undefined, headers?: Record<string, string>): ExecutionResult {
  const http = status === undefined ? undefined : { status, ...(headers ? { headers } : {}) };
  return { errors: [new GraphQLError(message, { extensions: { code, ...(http ? { http } : {}) } })] };
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

/**
 * The keys the mutation's root fields bring themselves: an `input` argument whose type
 * has an `idempotencyKey` field (orderCreate). Raw variables suffice for a String.
 */
function fieldKeys(args: ExecutionArgs): { keys: string[]; rootFields: number } {
  const operation = getOperationAST(args.document, args.operationName);
  const mutation = args.schema.getMutationType();
  const keys: string[] = [];
  if (!operation || !mutation) return { keys, rootFields: 0 };
  const fields = mutation.getFields();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const field = fields[selection.name.value];
    const input = field?.args.find((arg) => arg.name === 'input');
    const type = input && getNamedType(input.type);
    if (!field || !isInputObjectType(type) || !type.getFields()[IDEMPOTENCY_EXTENSION]) continue;
    try {
      const key = (getArgumentValues(field, selection, (args.variableValues ?? undefined) as Record<string, unknown> | undefined).input as Record<string, unknown> | undefined)?.[
        IDEMPOTENCY_EXTENSION
      ];
      // Trimmed, as the field reads it.
      if (typeof key === 'string') keys.push(key.trim());
    } catch {
      // An invalid argument: execution reports it.
    }
  }
  return { keys, rootFields: operation.selectionSet.selections.length };
}

export interface IdempotencyPluginOptions {
  /**
   * The app's error masking, without logging (what is stored must be what the client
   * got; Yoga masks the result again after this plugin, which changes nothing then).
   */
  maskError?: MaskError;
}

type RequestContext = Context & { request?: Request; liveRequestId?: string; params?: { extensions?: Record<string, unknown> | null } };

export function idempotencyPlugin(store: IdempotencyStore, options: IdempotencyPluginOptions = {}): Plugin<Context> {
  const mask = (result: ExecutionResult): ExecutionResult =>
    options.maskError && result.errors ? { ...result, errors: result.errors.map((error) => options.maskError!(error, 'Unexpected error.') as GraphQLError) } : result;
  return {
    async onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      const context = args.contextValue as RequestContext;
      // graphql-ws operations carry no per-operation headers, only the subscribe payload's extensions.
      const live = context.liveRequestId !== undefined;
      const header = live ? null : (context.request?.headers.get(IDEMPOTENCY_HEADER) ?? null);
      const extension = context.params?.extensions?.[IDEMPOTENCY_EXTENSION] ?? null;
      if (header === null && extension === null) return;
      const refusal = (message: string, code: string, status: number, headers?: Record<string, string>) =>
        setResultAndStopExecution(refusalResult(message, code, live ? undefined : status, headers));
      if (extension !== null && typeof extension !== 'string') {
        refusal('extensions.idempotencyKey must be a string', 'BAD_REQUEST', 400);
        return;
      }
      if (header !== null && extension !== null && header !== extension) {
        refusal('The Idempotency-Key header and extensions.idempotencyKey differ; send one key (or the same in both). Nothing was run.', 'BAD_REQUEST', 400);
        return;
      }
      const key = (header ?? extension) as string;
      if (!KEY_FORMAT.test(key)) {
        refusal('An idempotency key must be 1 to 255 printable characters without spaces', 'BAD_REQUEST', 400);
        return;
      }
      const own = fieldKeys(args);
      if (own.keys.includes(key)) {
        // The field's argument names this key: the field holds it (the key of its input, not of the request).
        if (own.rootFields > 1) refusal("An idempotency key that is also a field's idempotencyKey argument keys a request of that one field only", 'BAD_REQUEST', 400);
        return;
      }
      const db = context.prisma;
      const tenantId = context.tenantId;
      const begun = await store.begin(db, tenantId, key, requestHash(args.document, args.operationName, args.variableValues));
      switch (begun.outcome) {
        case 'claimed': {
          // Claim -> run -> store or give up, in one place for HTTP and WebSocket.
          const settle = async (result: ExecutionResult | undefined) => {
            try {
              if (result && hasAnswer(result)) await store.finish(db, tenantId, key, storable(mask(result)));
              else await store.release(db, tenantId, key);
            } catch (error) {
              // The client still gets its answer; the claim lapses (IDEMPOTENCY_CLAIM_TTL_MS) and a retry then runs again.
              context.log?.warn({ err: error, idempotencyKey: key }, 'idempotency key not recorded');
            }
          };
          setExecuteFn(async (execArgs: ExecutionArgs) => {
            let result: unknown;
            try {
              result = await executeFn(execArgs);
            } catch (error) {
              await settle(undefined);
              throw error;
            }
            const single = result && typeof result === 'object' && !(Symbol.asyncIterator in result) ? (result as ExecutionResult) : undefined;
            await settle(single);
            return result as ExecutionResult;
          });
          return;
        }
        case 'replay': {
          // Extensions of the first request's own (its request id, its cost) are not the replay's.
          const first = begun.response as ExecutionResult;
          const { requestId: _requestId, cost: _cost, ...extensions } = (first.extensions ?? {}) as Record<string, unknown>;
          setResultAndStopExecution({ ...first, extensions: { ...extensions, replayed: true } });
          return;
        }
        case 'conflict':
          refusal('This idempotency key was used with a different request; nothing was run. Use a new key for a new request.', 'IDEMPOTENCY_CONFLICT', 422);
          return;
        case 'in-progress':
          refusal('A request with this idempotency key is still running; retry it in a moment to get its response.', 'IDEMPOTENCY_IN_PROGRESS', 409, { 'retry-after': '1' });
          return;
      }
    },
  };
}
