// What one request was, gathered once by small hooks and read by the request log,
// the metrics and the RateLimit headers: who asked (tenant, key, role), which
// operation, what it cost, which path answered (compiled read or executor), how many
// SQL statements it sent, and how it ended.
import { getOperationAST, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Viewer } from '../auth/viewer.js';
import { countingStatements, type StatementCounter } from '../db/statement-count.js';
import type { Context } from '../graphql/context.js';

/** The cost decision of a request (src/limits/limits-plugin.ts). */
export interface CostFacts {
  requested: number;
  allowed: boolean;
  /** The key's bucket after the request; absent when rate limiting is off. */
  bucket?: { capacity: number; available: number; restoreRate: number; retryAfterMs: number };
}

/** How a GraphQL request ended: no errors, or the first error's kind. */
export type Outcome = 'ok' | 'error' | 'throttled' | 'too_costly';

export interface RequestFacts extends StatementCounter {
  /** performance.now() at arrival. */
  at: number;
  operationName?: string;
  operationType?: string;
  /** The document's text (hashed only when the request turns out slow). */
  query?: string;
  viewer?: Viewer;
  cost?: CostFacts;
  /** Which path answered a read; mutations and subscriptions run on the executor. */
  path?: 'compiled' | 'executor';
  /** Set when a GraphQL result was produced. */
  outcome?: Outcome;
  errorCodes?: string[];
  /** Seconds per GraphQL phase (kept only while metrics are on). */
  timings?: Partial<Record<Phase, number>>;
}

export type Phase = 'parse' | 'validate' | 'context' | 'execute' | 'subscribe';

const facts = new WeakMap<Request, RequestFacts>();

/** The request's facts, started on first use. Operations over a WebSocket have no Request: they get facts nobody reads. */
export function factsOf(request: Request | undefined): RequestFacts {
  if (!request) return { at: performance.now(), statements: 0 };
  let entry = facts.get(request);
  if (!entry) facts.set(request, (entry = { at: performance.now(), statements: 0 }));
  return entry;
}

/** The facts when they were gathered (not for requests that never reached Yoga's plugins). */
export function gatheredFacts(request: Request): RequestFacts | undefined {
  return facts.get(request);
}

function outcomeOf(codes: string[]): Outcome {
  if (codes.length === 0) return 'ok';
  if (codes[0] === 'THROTTLED') return 'throttled';
  if (codes[0] === 'QUERY_TOO_COSTLY') return 'too_costly';
  return 'error';
}

/** Early in the plugin list: every later hook finds the facts started. */
export function requestFactsPlugin(): Plugin<Context> {
  return {
    instrumentation: {
      // Every statement the request sends, from the key lookup on, counts for it.
      request: ({ request }, wrapped) => countingStatements(factsOf(request), wrapped),
    },
    onParams({ request, params }) {
      const entry = factsOf(request);
      // Not yet checked here (requestParamsPlugin refuses an operationName that is not a string).
      if (typeof params.operationName === 'string' && params.operationName) entry.operationName = params.operationName.slice(0, 100);
      if (typeof params.query === 'string') entry.query = params.query;
    },
    onParse({ context, params }) {
      return ({ result }) => {
        // Named from the document already, so a request refused at validation still has its operation.
        if (!(result instanceof Object) || !('kind' in result) || !context.request) return;
        const named = (context as { params?: { operationName?: unknown } }).params?.operationName;
        const operation = getOperationAST(result as DocumentNode, typeof named === 'string' ? named : undefined);
        const entry = factsOf(context.request);
        entry.operationName ??= operation?.name?.value;
        entry.operationType = operation?.operation;
      };
    },
    onExecute({ args }) {
      const ctx = args.contextValue;
      const entry = factsOf(ctx.request);
      const operation = getOperationAST(args.document, args.operationName);
      entry.operationName ??= operation?.name?.value;
      entry.operationType = operation?.operation;
      entry.viewer = ctx.viewer;
      return {
        onExecuteDone() {
          // The compiled-reads plugin has said so if it answered; a request refused for its cost ran on neither.
          if (entry.cost?.allowed !== false) entry.path ??= 'executor';
        },
      };
    },
    onSubscribe({ args }) {
      const entry = factsOf(args.contextValue.request);
      entry.operationType = 'subscription';
      entry.viewer = args.contextValue.viewer;
    },
    onResultProcess({ request, result }) {
      const entry = factsOf(request);
      if (Array.isArray(result) || !result || typeof result !== 'object' || Symbol.asyncIterator in result) {
        entry.outcome ??= 'ok';
        return;
      }
      const codes = (result.errors ?? []).map((error) => String((error as { extensions?: { code?: unknown } }).extensions?.code ?? 'UNKNOWN'));
      entry.errorCodes = codes;
      entry.outcome = outcomeOf(codes);
    },
  };
}
