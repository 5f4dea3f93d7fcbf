// No request may take the server down: graphql-armor bounds the document (depth,
// aliases, directives, tokens), our cost model bounds what it asks for, and a
// leaky bucket per API key bounds how much it asks for over time. The cost and
// the bucket's state go back in `extensions.cost` (Shopify's shape).
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';
import { cachedOperationCost } from './query-cost.js';
import type { CostBucket } from './cost-bucket.js';
import { bucketKey, throttledError, tooCostlyError } from './live-cost.js';
import { nestingLimitPlugin } from './nesting-limit.js';
import { INTROSPECTION_MAX_COST, introspectionDepthPlugin, isIntrospectionOnly } from './introspection.js';

export interface LimitOptions {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Most a single request may cost. */
  maxCost: number;
  /** Per API key, shared by its requests; undefined switches rate limiting off. */
  bucket?: CostBucket;
  /** Told each request's cost decision (the request log, metrics and RateLimit headers read it). */
  onCost?: (request: Request, cost: CostDecision) => void;
}

export interface CostDecision {
  requested: number;
  /** Run (true), or refused as too costly or throttled. */
  allowed: boolean;
  /** The key's bucket after the request; absent when rate limiting is off. */
  bucket?: { capacity: number; available: number; restoreRate: number; retryAfterMs: number };
}


/** Deeper than this no real document nests (selections are bounded by maxDepth, at most 100); the parser would overflow its stack at a few thousand. */
const MAX_NESTING = 200;

/** Armor's refusals come without a code; clients get one like the other limits, and the 400 of a request error. */
const coded = {
  onReject: [(_context: unknown, error: GraphQLError) => void Object.assign(error.extensions, { code: 'QUERY_TOO_COMPLEX', http: { status: 400, spec: true } })],
};

export function limitPlugins(options: LimitOptions): Plugin<Context>[] {
  return [
    nestingLimitPlugin(MAX_NESTING) as Plugin<Context>,
    EnvelopArmorPlugin({
      // `__schema` has a depth limit of its own (introspectionDepthPlugin), whatever QUERY_MAX_DEPTH says.
      maxDepth: { n: options.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...coded },
      maxAliases: { n: options.maxAliases, ...coded },
      maxDirectives: { n: options.maxDirectives, ...coded },
      maxTokens: { n: options.maxTokens, ...coded },
      // Cost is ours (below): it also sizes the rate limit and is reported back.
      costLimit: { enabled: false },
      // Production strips suggestions itself (src/app.ts), for every error, not only these.
      blockFieldSuggestion: { enabled: false },
    }) as Plugin<Context>,
    introspectionDepthPlugin() as Plugin<Context>,
    costPlugin(options),
  ];
}

function costPlugin(options: LimitOptions): Plugin<Context> {
  const operationCost = cachedOperationCost();
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue;
      const requested = operationCost(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown>);
      // Introspection fits whatever QUERY_MAX_COST and RATE_LIMIT_CAPACITY say (src/http/introspection.ts).
      const introspection = isIntrospectionOnly(args.document, args.operationName);
      const maxCost = introspection ? Math.max(options.maxCost, INTROSPECTION_MAX_COST) : options.maxCost;
      if (requested > maxCost) {
        options.onCost?.(ctx.request, { requested, allowed: false });
        setResultAndStopExecution({ errors: [tooCostlyError(requested, maxCost)] });
        return;
      }
      if (!options.bucket) {
        options.onCost?.(ctx.request, { requested, allowed: true });
        return;
      }
      const bucket = options.bucket;
      const state = await bucket.take(bucketKey(ctx.viewer.apiKeyId), introspection ? Math.min(requested, bucket.options.capacity) : requested);
      const cost = {
        requestedQueryCost: requested,
        throttleStatus: { maximumAvailable: bucket.options.capacity, currentlyAvailable: state.available, restoreRate: bucket.options.restoreRate },
      };
      options.onCost?.(ctx.request, {
        requested,
        allowed: state.allowed,
        bucket: { capacity: bucket.options.capacity, available: state.available, restoreRate: bucket.options.restoreRate, retryAfterMs: state.retryAfterMs },
      });
      if (!state.allowed) {
        setResultAndStopExecution({ errors: [throttledError(requested, state)], extensions: { cost } });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const single = result as ExecutionResult;
          setResult({ ...single, extensions: { ...single.extensions, cost } });
        },
      };
    },
  };
}
