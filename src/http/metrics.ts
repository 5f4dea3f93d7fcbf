// Prometheus metrics on /metrics: one registry per app, fed by small hooks. The
// GraphQL phases (parse, validate, context, execute) and the whole HTTP request are
// timed by @graphql-yoga/plugin-prometheus; requests by operation and outcome, errors
// by code, the read path, cost, SQL statements per request, live connections and
// subscriptions, events and webhook attempts are ours. Domain cores know nothing of
// this: they expose callbacks, and this transport counts.
import { timingSafeEqual } from 'node:crypto';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Context } from '../graphql/context.js';
import type { WebhookPost } from '../webhooks/relay.js';
import { gatheredFacts } from './request-facts.js';

export const METRICS_PATH = '/metrics';
/** Operation names are the client's: past this many distinct ones, new names count as "other". */
const MAX_OPERATION_NAMES = 500;

export interface MetricsOptions {
  production: boolean;
  /** Bearer token /metrics requires; without one, production answers /metrics with 404. */
  token?: string;
}

/** Read at each scrape. */
export interface MetricSources {
  liveConnections(): number;
  subscriptions(): number;
  /** The database pool (PostgreSQL), when there is one. */
  pool?(): { total: number; idle: number; waiting: number };
}

export interface Metrics {
  registry: Registry;
  /** The Yoga plugins: phase timings, the per-request recorder and the /metrics route. */
  plugins: Plugin<Context>[];
  /** Gauges read from the app's parts at each scrape. */
  observe(sources: MetricSources): void;
  eventPublished(topic: string): void;
  /** The webhook sender, counting its attempts and their latency. */
  countedWebhookPost(post: WebhookPost): WebhookPost;
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  // Process memory, CPU, handles and event-loop delay.
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'ordergraph_graphql_requests_total',
    help: 'GraphQL requests over HTTP by operation name, operation type and outcome (ok, error, throttled, too_costly).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [registry],
  });
  const errors = new Counter({ name: 'ordergraph_graphql_errors_total', help: 'GraphQL errors returned, by extensions.code.', labelNames: ['code'] as const, registers: [registry] });
  const reads = new Counter({
    name: 'ordergraph_graphql_read_path_total',
    help: 'Executed operations by the path that answered: compiled (one SQL statement) or executor.',
    labelNames: ['path'] as const,
    registers: [registry],
  });
  const costSpent = new Counter({ name: 'ordergraph_cost_points_spent_total', help: 'Query cost points of the requests that ran.', registers: [registry] });
  const costRefused = new Counter({
    name: 'ordergraph_cost_refused_total',
    help: 'Requests refused for their cost: throttled (the key bucket was short) or too_costly (over QUERY_MAX_COST).',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const statements = new Histogram({
    name: 'ordergraph_sql_statements_per_request',
    help: 'SQL statements sent per GraphQL request (API key lookup included).',
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100],
    registers: [registry],
  });
  const events = new Counter({ name: 'ordergraph_events_published_total', help: 'Live events published, by topic.', labelNames: ['topic'] as const, registers: [registry] });
  const webhookAttempts = new Counter({
    name: 'ordergraph_webhook_attempts_total',
    help: 'Webhook requests sent, by result: delivered (2xx) or failed.',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const webhookSeconds = new Histogram({
    name: 'ordergraph_webhook_attempt_duration_seconds',
    help: 'Time from sending a webhook request to its answer (or failure).',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  const names = new Set<string>();
  const operationLabel = (name: string | undefined) => {
    if (!name) return 'anonymous';
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES) return 'other';
    names.add(name);
    return name;
  };

  const recorder: Plugin<Context> = {
    onResponse({ request }) {
      const facts = gatheredFacts(request);
      // Not a GraphQL result (REST routes, probes, /metrics itself).
      if (!facts?.outcome) return;
      requests.inc({ operation: operationLabel(facts.operationName), type: facts.operationType ?? 'none', outcome: facts.outcome });
      for (const code of facts.errorCodes ?? []) errors.inc({ code });
      if (facts.path) reads.inc({ path: facts.path });
      if (facts.cost?.allowed) costSpent.inc(facts.cost.requested);
      if (facts.outcome === 'throttled' || facts.outcome === 'too_costly') costRefused.inc({ reason: facts.outcome });
      statements.observe(facts.statements);
    },
  };

  return {
    registry,
    plugins: [
      usePrometheus({
        registry,
        endpoint: false,
        skipIntrospection: true,
        // Histograms by operation type only: client-chosen names times buckets would be unbounded.
        labels: { operationName: false, url: false, method: false },
        metrics: {
          graphql_envelop_phase_parse: true,
          graphql_envelop_phase_validate: true,
          graphql_envelop_phase_context: true,
          graphql_envelop_phase_execute: true,
          graphql_envelop_phase_subscribe: true,
          graphql_yoga_http_duration: true,
          graphql_envelop_request: false,
          graphql_envelop_request_duration: false,
          graphql_envelop_request_time_summary: false,
          graphql_envelop_error_result: false,
          graphql_envelop_deprecated_field: false,
          graphql_envelop_schema_change: false,
          graphql_envelop_execute_resolver: false,
        },
      }) as Plugin<Context>,
      recorder,
      metricsRoute(registry, options),
    ],
    observe(sources) {
      gauge(registry, 'ordergraph_live_connections', 'Open WebSocket connections (graphql-ws).', sources.liveConnections);
      gauge(registry, 'ordergraph_live_subscriptions', 'Subscriptions attached on this instance (WebSocket and SSE).', sources.subscriptions);
      const pool = sources.pool;
      if (pool) {
        gauge(registry, 'ordergraph_db_pool_in_use', 'Database connections checked out of the pool.', () => {
          const stats = pool();
          return stats.total - stats.idle;
        });
        gauge(registry, 'ordergraph_db_pool_idle', 'Idle database connections in the pool.', () => pool().idle);
        gauge(registry, 'ordergraph_db_pool_waiting', 'Callers waiting for a database connection.', () => pool().waiting);
      }
    },
    eventPublished: (topic) => events.inc({ topic }),
    countedWebhookPost(post) {
      return async (request) => {
        const started = performance.now();
        try {
          const answer = await post(request);
          webhookAttempts.inc({ result: answer.error === null ? 'delivered' : 'failed' });
          return answer;
        } catch (error) {
          webhookAttempts.inc({ result: 'failed' });
          throw error;
        } finally {
          webhookSeconds.observe((performance.now() - started) / 1000);
        }
      };
    },
  };
}

function gauge(registry: Registry, name: string, help: string, read: () => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

function bearerMatches(header: string | null, token: string): boolean {
  const sent = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7).trim() : '');
  const wanted = Buffer.from(token);
  return sent.length === wanted.length && timingSafeEqual(sent, wanted);
}

/** GET /metrics: open in development; behind METRICS_TOKEN when one is set; absent (404) in production without one. */
function metricsRoute(registry: Registry, options: MetricsOptions): Plugin<Context> {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== METRICS_PATH) return;
      if (!options.token && options.production) return;
      if (options.token && !bearerMatches(request.headers.get('authorization'), options.token)) {
        endResponse(new fetchAPI.Response('Unauthorized: /metrics needs Authorization: Bearer <METRICS_TOKEN>.\n', { status: 401, headers: { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' } }));
        return;
      }
      if (request.method !== 'GET') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET' } }));
        return;
      }
      endResponse(new fetchAPI.Response(await registry.metrics(), { headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' } }));
    },
  };
}
