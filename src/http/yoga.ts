// The Yoga instance: GraphQL over HTTP and SSE on /graphql, GraphiQL outside
// production, the health and readiness probes, and the request plugins in the
// order they must run.
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config.js';
import type { Context } from '../graphql/context.js';
import { documentCaches } from '../limits/document-cache.js';
import { limitPlugins } from '../limits/limits-plugin.js';
import { bodySizePlugin } from '../limits/request-guards.js';
import type { CostBucket } from '../limits/cost-bucket.js';
import type { IdempotencyStore } from '../db/idempotency-store.js';
import { DEFAULT_QUERY } from './default-query.js';
import { idempotencyPlugin } from './idempotency.js';
import { renderExplorer } from './graphiql.js';
import { retryablePlugin, type MaskError } from './mask-error.js';
import { noSuggestionsPlugin } from './no-suggestions.js';
import { rateLimitHeadersPlugin } from './rate-limit-headers.js';
import { readPathHeaderPlugin } from './read-path-header.js';
import { factsOf, requestFactsPlugin } from './request-facts.js';
import { requestParamsPlugin } from './request-params.js';
import { requestDeadlinePlugin } from './request-deadline.js';
import { subscriptionQuotaPlugin, type SubscriptionQuota } from './subscription-quota.js';
import { textInputGuardPlugin } from './text-input-guard.js';
import type { TrustedDocumentPlugins } from './trusted-documents.js';
import type { LiveServerContext } from './websocket-server.js';

export type AppYoga = YogaServerInstance<LiveServerContext, Context>;

export interface YogaDeps {
  config: Config;
  schema: GraphQLSchema;
  context: (initial: LiveServerContext & { request: Request }) => Promise<Context>;
  maskError: MaskError;
  /** The same masking without logging: what the idempotency plugin stores is the masked result (the request log logs it). */
  quietMaskError?: MaskError;
  requestLog: Plugin<Context>;
  /** OpenTelemetry spans (src/http/tracing.ts); none when OTEL_EXPORTER_OTLP_ENDPOINT is not set. */
  tracing?: Plugin<Context>;
  /** Prometheus metrics and /metrics (src/http/metrics.ts); none when METRICS is off. */
  metrics?: Plugin<Context>[];
  quota: SubscriptionQuota;
  bucket?: CostBucket;
  /** Idempotency keys of mutations: header or extensions.idempotencyKey (src/http/idempotency.ts). */
  idempotency: IdempotencyStore;
  /** documentId and APQ, and the refusal of ad-hoc documents for trusted-only keys (src/http/trusted-documents.ts). */
  trustedDocuments: TrustedDocumentPlugins;
  /** REST routes answered before GraphQL (labels). */
  routes: Plugin<Context>[];
  /** Last: replaces the execution the plugins above have set up for plain reads, and falls back to it. */
  compiledReads?: Plugin<Context>;
  /** The database is reachable and fully migrated (/readyz). */
  ready: () => Promise<boolean>;
  /** Put into GraphiQL's headers (demo mode). */
  demoApiKey?: string;
}

export function createAppYoga(deps: YogaDeps): AppYoga {
  const { config } = deps;
  return createYoga<LiveServerContext, Context>({
    schema: deps.schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    logging: false,
    renderGraphiQL: renderExplorer,
    maskedErrors: { maskError: deps.maskError },
    graphiql: config.production
      ? false
      : {
          title: 'ordergraph',
          defaultQuery: DEFAULT_QUERY,
          headers: deps.demoApiKey ? JSON.stringify({ Authorization: `Bearer ${deps.demoApiKey}` }, null, 2) : undefined,
          shouldPersistHeaders: false,
          // Subscriptions in GraphiQL go over graphql-ws; the headers above become connectionParams.
          subscriptionsProtocol: 'WS',
        },
    // Browsers may call from these origins; a bearer key (never a cookie) is the credential.
    cors: { origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins, credentials: false },
    // Batching stays off: one operation per request, so limits and costs apply per request.
    batching: false,
    // bodySizePlugin is the one body limit (it counts only bodies without a declared length).
    maxRequestBodySize: false,
    // A trusted document is named by documentId instead of a query.
    extraParamNames: ['documentId'],
    parserAndValidationCache: documentCaches(),
    plugins: [
      // Before all: its instrumentation wraps the whole request, so every hook runs inside the request's span.
      ...(deps.tracing ? [deps.tracing] : []),
      // First: the request's facts (and its SQL statement count) start before any other hook runs.
      requestFactsPlugin(),
      ...(deps.metrics ?? []),
      bodySizePlugin(config.limits.maxBodyBytes),
      requestParamsPlugin(),
      ...deps.trustedDocuments.resolve,
      // A browser form or GET from another site cannot carry these headers without a preflight.
      useCSRFPrevention({ requestHeaders: ['authorization', 'x-graphql-yoga-csrf'] }),
      deps.requestLog,
      retryablePlugin(),
      textInputGuardPlugin(),
      subscriptionQuotaPlugin(deps.quota),
      ...limitPlugins({ ...config.limits, bucket: deps.bucket, onCost: (request, cost) => void (factsOf(request).cost = cost) }),
      rateLimitHeadersPlugin(),
      ...deps.routes,
      ...(config.production ? [noSuggestionsPlugin()] : [readPathHeaderPlugin()]),
      deps.trustedDocuments.enforce,
      // After the limits: a refused request claims no key.
      idempotencyPlugin(deps.idempotency, { maskError: deps.quietMaskError }),
      ...(deps.compiledReads ? [deps.compiledReads] : []),
      // After the compiled reads: it bounds whichever execution they leave in place.
      requestDeadlinePlugin(config.requestTimeoutMs),
      useReadinessCheck({ endpoint: '/readyz', check: deps.ready }),
    ],
    context: deps.context,
  });
}
