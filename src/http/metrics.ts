// Prometheus metrics on /metrics: one registry per app, fed by small hooks: GraphQL
// phase and request timings, requests by operation and outcome, errors by code, the
// read path, cost, SQL statements per request, live connections and subscriptions,
// events and webhook attempts, and prom-client's process metrics. Domain cores know
// nothing of this: they expose callbacks, and this transport counts.
//
// @graphql-yoga/plugin-prometheus would time the phases too, but with it the order
// list took 1.21 times the CPU per request of metrics off (bench:metrics), against
// about 1.07 with these hooks on the same busy machine; the target is at most 5 %.
import { timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Context } from '../graphql/context.js';
import type { WebhookPost } from '../webhooks/relay.js';
import { factsOf, gatheredFacts, type Phase } from './request-facts.js';

export const METRICS_PATH = '/metrics';
/** Seconds: from a cached parse (microseconds) to a slow request. */
const SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
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
  /** A subscription result sent to one subscriber over graphql-ws (SSE is counted by the plugin). */
  liveEventDelivered(): void;
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
  const delivered = new Counter({
    name: 'ordergraph_live_events_delivered_total',
    help: 'Subscription results sent to subscribers, by transport (websocket, sse).',
    labelNames: ['transport'] as const,
    registers: [registry],
  });
  const deliveredOverWebSocket = delivered.labels({ transport: 'websocket' });
  const deliveredOverSse = delivered.labels({ transport: 'sse' });
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

  const phases = new Histogram({
    name: 'ordergraph_graphql_phase_duration_seconds',
    help: 'Seconds spent in each GraphQL phase (parse, validate, context, execute, subscribe), by operation type.',
    labelNames: ['phase', 'type'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  const requestSeconds = new Histogram({
    name: 'ordergraph_graphql_request_duration_seconds',
    help: 'Seconds from a GraphQL request\'s arrival to its response (its headers, for a stream), by operation type and status.',
    labelNames: ['type', 'status'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });

  // Label sets looked up once: prom-client hashes the labels of every observe otherwise, and there are six per request.
  const phaseOf = children(phases);
  const requestSecondsOf = children(requestSeconds);

  const names = new Set<string>();
  const operationLabel = (name: string | undefined) => {
    if (!name) return 'anonymous';
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES) return 'other';
    names.add(name);
    return name;
  };

  /** Times a phase into the request's facts; observed with its operation type once the response is out. */
  const timed = (request: Request | undefined, phase: Phase) => {
    const started = performance.now();
    return () => {
      if (request) (factsOf(request).timings ??= {})[phase] = (performance.now() - started) / 1000;
    };
  };

  const recorder: Plugin<Context> = {
    onParse: ({ context }) => timed(context.request, 'parse'),
    onValidate: ({ context }) => timed(context.request, 'validate'),
    onContextBuilding: ({ context }) => timed(context.request, 'context'),
    onExecute({ args }) {
      const done = timed(args.contextValue.request, 'execute');
      return { onExecuteDone: done };
    },
    onSubscribe({ args }) {
      const done = timed(args.contextValue.request, 'subscribe');
      return {
        onSubscribeResult: () => {
          done();
          // Yoga's subscribe serves SSE; graphql-ws subscriptions are counted where they are sent (liveEventDelivered).
          return { onNext: () => deliveredOverSse.inc() };
        },
      };
    },
    onResponse({ request, response }) {
      const facts = gatheredFacts(request);
      // Not a GraphQL result (REST routes, probes, /metrics itself).
      if (!facts?.outcome) return;
      const type = facts.operationType ?? 'none';
      requests.inc({ operation: operationLabel(facts.operationName), type, outcome: facts.outcome });
      requestSecondsOf(`${type}|${response.status}`, () => ({ type, status: String(response.status) })).observe((performance.now() - facts.at) / 1000);
      const timings = facts.timings;
      if (timings) for (const phase in timings) phaseOf(`${phase}|${type}`, () => ({ phase, type })).observe(timings[phase as Phase]!);
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
    liveEventDelivered: () => deliveredOverWebSocket.inc(),
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

/** The histogram's child for a label set, found by a key the caller builds cheaply. */
function children<T extends string>(histogram: Histogram<T>) {
  const cache = new Map<string, { observe(value: number): void }>();
  return (key: string, labels: () => Partial<Record<T, string>>) => {
    let child = cache.get(key);
    if (!child) cache.set(key, (child = histogram.labels(labels())));
    return child;
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
