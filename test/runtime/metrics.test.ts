// Operating the server: Prometheus metrics on /metrics (scraped and parsed as a
// collector would), the request log line, and the RateLimit headers, all through HTTP.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { createMetrics } from '../../src/http/metrics.js';
import { createLogger } from '../../src/logger.js';
import { parse } from 'graphql';
import { testConfig, testApp } from '../support/app.js';
import { attached, subscribe, wsClient } from '../support/subscribe.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');
const TOKEN = 'metrics-token-0123456789abcdef';

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** An app of its own over the shared test database, its log lines captured. */
async function appWith(env: Record<string, string>): Promise<{ app: App; lines: LogLine[] }> {
  const { app: shared, fixtures } = await testApp();
  const lines: LogLine[] = [];
  const config = testConfig({ LOG_LEVEL: 'info', ...env });
  const logger = createLogger(config.logLevel, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  const app = await createApp(config, { database: shared.db, ownerDatabase: fixtures, logger });
  return { app, lines };
}

async function send(app: App, key: string, query: string, variables?: Record<string, unknown>) {
  const response = await app.yoga.fetch('http://ordergraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as any };
}

function scrape(app: App, headers: Record<string, string> = {}) {
  return app.yoga.fetch('http://ordergraph.test/metrics', { headers });
}

/** Samples of the Prometheus text format: `name{labels} value` by the whole series text. */
async function samples(app: App): Promise<Map<string, number>> {
  const response = await scrape(app);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const map = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    map.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return map;
}

const delta = (before: Map<string, number>, after: Map<string, number>, series: string) => (after.get(series) ?? 0) - (before.get(series) ?? 0);

const ORDER_LIST = 'query OrderList { orders(first: 5) { edges { node { code } } } }';
// 100 orders with items and their variations: over QUERY_MAX_COST (500).
const HUGE = 'query Huge { orders(first: 100) { edges { node { code items { variation { sku } } } } } }';
const BROKEN = 'query Broken { noSuchField }';
const ADJUST = `mutation Adjust($input: StockAdjustInput!) { stockAdjust(input: $input) { __typename } }`;

describe('metrics on /metrics', () => {
  let app: App;
  let lines: LogLine[];
  let t: TestTenant;
  let adjustInput: Record<string, unknown>;

  beforeAll(async () => {
    ({ app, lines } = await appWith({ QUERY_MAX_COST: '500', RATE_LIMIT_CAPACITY: '1000', RATE_LIMIT_RESTORE_RATE: '1' }));
    t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [warehouse.id]: 10 } }] });
    await t.order({ items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    adjustInput = { variation: gid('Variation', variations[0]!.id), warehouse: gid('Warehouse', warehouse.id), quantity: 2, reason: 'recount' };
  });
  afterAll(() => app?.stop());

  it('counts requests by operation and outcome, errors by code, cost, the read path and statements', async () => {
    const key = await t.apiKey('OWNER');
    // Warm the key cache and the documents, so the counted requests are the steady state.
    await send(app, key, ORDER_LIST);
    const before = await samples(app);

    expect((await send(app, key, ORDER_LIST)).json.errors).toBeUndefined();
    expect((await send(app, key, ORDER_LIST)).json.errors).toBeUndefined();
    const adjusted = await send(app, key, ADJUST, { input: adjustInput });
    expect(adjusted.json.data.stockAdjust.__typename).toBe('StockAdjustPayload');
    const huge = await send(app, key, HUGE);
    expect(huge.json.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    const broken = await send(app, key, BROKEN);
    expect(broken.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const after = await samples(app);
    const requests = (operation: string, type: string, outcome: string) =>
      delta(before, after, `ordergraph_graphql_requests_total{operation="${operation}",type="${type}",outcome="${outcome}"}`);
    expect(requests('OrderList', 'query', 'ok')).toBe(2);
    expect(requests('Adjust', 'mutation', 'ok')).toBe(1);
    expect(requests('Huge', 'query', 'too_costly')).toBe(1);
    expect(requests('Broken', 'query', 'error')).toBe(1);
    expect(delta(before, after, 'ordergraph_graphql_errors_total{code="QUERY_TOO_COSTLY"}')).toBe(1);
    expect(delta(before, after, 'ordergraph_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(delta(before, after, 'ordergraph_cost_refused_total{reason="too_costly"}')).toBe(1);
    // The order list is one compiled statement; the mutation runs on the executor.
    expect(delta(before, after, 'ordergraph_graphql_read_path_total{path="compiled"}')).toBe(2);
    expect(delta(before, after, 'ordergraph_graphql_read_path_total{path="executor"}')).toBe(1);
    // orders(first: 5): 1 for the connection + 5 x (edge 1 + node 1) = 11 each; stockAdjust: 10 (a mutation) + 1 for its result.
    const orderListCost = 11;
    const adjustCost = 11;
    expect(adjusted.json.extensions.cost.requestedQueryCost).toBe(adjustCost);
    expect(delta(before, after, 'ordergraph_cost_points_spent_total')).toBe(2 * orderListCost + adjustCost);
    // Five GraphQL requests observed; each compiled read sent exactly one statement (the key is cached).
    expect(delta(before, after, 'ordergraph_sql_statements_per_request_count')).toBe(5);
    const logged = lines.filter((l) => l.msg === 'request' && l.path === '/graphql').slice(-5);
    expect(logged.map((l) => [l.operationName, l.readPath ?? null])).toEqual([
      ['OrderList', 'compiled'],
      ['OrderList', 'compiled'],
      ['Adjust', 'executor'],
      ['Huge', null],
      ['Broken', null],
    ]);
    expect(logged.map((l) => l.statements)).toEqual([1, 1, logged[2]!.statements, 0, 0]);
    expect(logged[2]!.statements).toBeGreaterThanOrEqual(2);
    expect(delta(before, after, 'ordergraph_sql_statements_per_request_sum')).toBe(2 + (logged[2]!.statements as number));
    expect(delta(before, after, 'ordergraph_sql_statements_per_request_bucket{le="1"}')).toBe(4);
    expect(delta(before, after, 'ordergraph_events_published_total{topic="stockLevelChanged"}')).toBe(1);
  });

  it('has latency histograms for parse, validate, execute and the whole request, and process metrics', async () => {
    await send(app, t.key, ORDER_LIST);
    const all = await samples(app);
    const has = (prefix: string) => [...all.keys()].some((series) => series.startsWith(prefix));
    for (const phase of ['parse', 'validate', 'context', 'execute']) {
      expect(all.get(`ordergraph_graphql_phase_duration_seconds_count{phase="${phase}",type="query"}`), phase).toBeGreaterThan(0);
      expect(has(`ordergraph_graphql_phase_duration_seconds_bucket{le="0.001",phase="${phase}",type="query"}`), phase).toBe(true);
    }
    expect(all.get('ordergraph_graphql_request_duration_seconds_count{type="query",status="200"}')).toBeGreaterThan(0);
    expect(has('ordergraph_graphql_request_duration_seconds_bucket{le="+Inf",type="query",status="200"}')).toBe(true);
    expect(all.get('ordergraph_live_connections')).toBe(0);
    expect(all.has('ordergraph_live_subscriptions')).toBe(true);
    // The pool is PostgreSQL's; PGlite has one connection and no pool.
    if (app.db.kind === 'postgres') {
      expect(all.get('ordergraph_db_pool_waiting')).toBe(0);
      expect(all.get('ordergraph_db_pool_in_use')).toBeGreaterThanOrEqual(0);
      expect(all.get('ordergraph_db_pool_idle')).toBeGreaterThanOrEqual(0);
    } else {
      expect(all.has('ordergraph_db_pool_in_use')).toBe(false);
    }
    expect(all.get('process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(has('nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('counts open WebSocket connections and subscriptions, events published and results delivered per transport', async () => {
    const port = await app.start(0, '127.0.0.1');
    const ws = wsClient(`ws://127.0.0.1:${port}/graphql`, t.key);
    const abort = new AbortController();
    try {
      const before = await samples(app);
      const live = subscribe(ws, parse('subscription { stockLevelChanged { onHand } }'));
      await attached(app, t.id);
      // A second subscriber over SSE, and a query over the same WebSocket (not a delivered event).
      const sse = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${t.key}` },
        body: JSON.stringify({ query: 'subscription { stockLevelChanged { onHand } }' }),
        signal: abort.signal,
      });
      expect(sse.status).toBe(200);
      await attached(app, t.id, 2);
      await send(app, t.key, ADJUST, { input: adjustInput });
      expect((await live.nextData()) as unknown).toMatchObject({ stockLevelChanged: { onHand: expect.any(Number) } });
      const reader = sse.body!.getReader();
      let text = '';
      while (!text.includes('"stockLevelChanged"')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      const after = await samples(app);
      expect(after.get('ordergraph_live_connections')).toBe(1);
      expect(delta(before, after, 'ordergraph_live_subscriptions')).toBe(2);
      expect(delta(before, after, 'ordergraph_events_published_total{topic="stockLevelChanged"}')).toBe(1);
      expect(delta(before, after, 'ordergraph_live_events_delivered_total{transport="websocket"}')).toBe(1);
      expect(delta(before, after, 'ordergraph_live_events_delivered_total{transport="sse"}')).toBe(1);
      live.unsubscribe();
    } finally {
      abort.abort();
      await ws.dispose();
    }
  });

  it('logs one line per request with tenant, key prefix, role, operation, cost, path, statements and duration', async () => {
    const key = await t.apiKey('STAFF');
    await send(app, key, ORDER_LIST);
    const line = lines.filter((l) => l.msg === 'request' && l.operationName === 'OrderList').at(-1)!;
    expect(line).toMatchObject({ tenantId: t.id, keyPrefix: key.slice(0, 10), role: 'STAFF', cost: 11, readPath: 'compiled', status: 200, path: '/graphql' });
    // A first request with a new key: the key lookup, then the compiled read.
    expect(line.statements).toBeGreaterThanOrEqual(2);
    expect(typeof line.ms).toBe('number');
    expect(line.documentHash).toBeUndefined();
  });

  it('sends RateLimit headers that agree with extensions.cost', async () => {
    const key = await t.apiKey('OWNER');
    const first = await send(app, key, ORDER_LIST);
    // A new key's bucket: 1000 points, less this request's 11; refilled at 1 point a second.
    expect(first.headers.get('ratelimit-policy')).toBe('"cost";q=1000;w=1000');
    expect(first.headers.get('ratelimit')).toBe('"cost";r=989;t=11');
    expect(first.json.extensions.cost.throttleStatus.currentlyAvailable).toBe(989);
  });

  it('counts a throttled request and tells the client through RateLimit and Retry-After', async () => {
    const key = await t.apiKey('OWNER');
    // 1 + 100 x (edge 1 + node 1 + customer 1 + items 1) = 401 points: two fit in 1000, the third does not.
    const big = 'query Big { orders(first: 100) { edges { node { code customer { name } items { sku } } } } }';
    const before = await samples(app);
    const runs = [await send(app, key, big), await send(app, key, big), await send(app, key, big)];
    const cost = 401;
    expect(runs[0]!.json.extensions.cost.requestedQueryCost).toBe(cost);
    expect(runs[1]!.status).toBe(200);
    const throttled = runs[2]!;
    expect(throttled.status).toBe(429);
    expect(throttled.json.errors[0].extensions.code).toBe('THROTTLED');
    const available = throttled.json.extensions.cost.throttleStatus.currentlyAvailable as number;
    expect(throttled.headers.get('ratelimit')).toBe(`"cost";r=${available};t=${1000 - available}`);
    expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
    const after = await samples(app);
    expect(delta(before, after, 'ordergraph_graphql_requests_total{operation="Big",type="query",outcome="throttled"}')).toBe(1);
    expect(delta(before, after, 'ordergraph_cost_refused_total{reason="throttled"}')).toBe(1);
    expect(delta(before, after, 'ordergraph_cost_points_spent_total')).toBe(2 * cost);
  });
});

describe('/metrics in production', () => {
  it('is not served without METRICS_TOKEN', async () => {
    const { app } = await appWith({ NODE_ENV: 'production', DOCUMENT_URL_SECRET: 'a-document-url-secret-of-at-least-32-characters', LOG_LEVEL: 'silent' });
    try {
      expect((await scrape(app)).status).toBe(404);
    } finally {
      await app.stop();
    }
  });

  it('needs the token as a bearer when METRICS_TOKEN is set, and logs slow requests with their document hash', async () => {
    const { app, lines } = await appWith({ NODE_ENV: 'production', DOCUMENT_URL_SECRET: 'a-document-url-secret-of-at-least-32-characters', METRICS_TOKEN: TOKEN, LOG_LEVEL: 'warn', SLOW_REQUEST_MS: '0' });
    try {
      expect((await scrape(app)).status).toBe(401);
      expect((await scrape(app, { authorization: 'Bearer not-the-token-at-all-000' })).status).toBe(401);
      const ok = await scrape(app, { authorization: `Bearer ${TOKEN}` });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('# TYPE ordergraph_graphql_requests_total counter');

      const t = await newTenant();
      await send(app, t.key, ORDER_LIST);
      const slow = lines.find((l) => l.msg === 'slow request' && l.operationName === 'OrderList')!;
      expect(slow.level).toBe(40);
      expect(slow.documentHash).toBe(createHash('sha256').update(ORDER_LIST).digest('hex'));
      expect(slow.tenantId).toBe(t.id);
    } finally {
      await app.stop();
    }
  });

  it('is absent when METRICS is off', async () => {
    const { app } = await appWith({ METRICS: 'false', LOG_LEVEL: 'silent' });
    try {
      expect((await scrape(app)).status).toBe(404);
      expect(app.metrics).toBeUndefined();
    } finally {
      await app.stop();
    }
  });
});

describe('webhook attempts', () => {
  it('counts delivered and failed attempts of the webhook sender, with their latency', async () => {
    const metrics = createMetrics({ production: false });
    const answers = [
      { status: 200, excerpt: 'ok', error: null },
      { status: 500, excerpt: 'down', error: 'HTTP 500' },
      { status: 204, excerpt: null, error: null },
    ];
    const post = metrics.countedWebhookPost(async () => answers.shift()!);
    const request = { url: 'https://hooks.example.com/a', body: '{}', headers: {}, timeoutMs: 1000 };
    for (let i = 0; i < 3; i++) await post(request);
    await expect(metrics.countedWebhookPost(() => Promise.reject(new Error('socket hang up')))(request)).rejects.toThrow('socket hang up');
    const text = await metrics.registry.metrics();
    expect(text).toContain('ordergraph_webhook_attempts_total{result="delivered"} 2');
    expect(text).toContain('ordergraph_webhook_attempts_total{result="failed"} 2');
    expect(text).toContain('ordergraph_webhook_attempt_duration_seconds_count 4');
  });
});
