// Traces: with OTEL_EXPORTER_OTLP_ENDPOINT set, a mutation sent over HTTP with a caller's
// traceparent is exported over OTLP/HTTP (received here by a small collector on
// 127.0.0.1) as one span tree continuing the caller's trace; without it nothing is sent.
// The event the mutation writes is delivered to a webhook and to a live subscription
// in spans of their own traces, each linked to the mutation's span that wrote it.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { startTracing } from '../../src/http/tracing.js';
import { createLogger } from '../../src/logger.js';
import { testConfig, testApp } from '../support/app.js';
import { attached, subscribe, until, wsClient } from '../support/subscribe.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');
const ADJUST = `mutation Adjust($input: StockAdjustInput!) { stockAdjust(input: $input) { __typename } }`;
// The caller's trace (W3C trace context: version, trace id, parent span id, sampled).
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether a Redis answers at REDIS_URL (the test across instances needs one). */
async function redisAnswers(): Promise<boolean> {
  const { hostname, port } = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname, () => (socket.destroy(), resolve(true)));
    socket.setTimeout(500, () => (socket.destroy(), resolve(false)));
    socket.on('error', () => resolve(false));
  });
}
const withRedis = await redisAnswers();
const CALLER_SPAN = '00f067aa0ba902b7';

interface Attribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number };
}
interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  attributes?: Attribute[];
  links?: Array<{ traceId: string; spanId: string }>;
}

/** A collector: POST /v1/traces, OTLP JSON; keeps the spans and the resources' service names. */
async function collector() {
  const spans: ExportedSpan[] = [];
  const services: string[] = [];
  const contentTypes: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      contentTypes.push(String(req.headers['content-type']));
      if (req.method === 'POST' && req.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const rs of body.resourceSpans ?? []) {
          const name = rs.resource?.attributes?.find((a: Attribute) => a.key === 'service.name')?.value.stringValue;
          if (name) services.push(name);
          for (const ss of rs.scopeSpans ?? []) spans.push(...ss.spans);
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, spans, services, contentTypes, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function appWith(env: Record<string, string>): Promise<App> {
  const { app: shared, fixtures } = await testApp();
  const config = testConfig(env);
  return createApp(config, { database: shared.db, ownerDatabase: fixtures, logger: createLogger('silent'), traceBatchDelayMs: 50 });
}

/** A webhook receiver on 127.0.0.1: answers 204 and keeps each request's headers. */
async function hookReceiver() {
  const received: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(req.headers);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const attribute = (span: ExportedSpan, key: string) => {
  const value = span.attributes?.find((a) => a.key === key)?.value;
  return value?.stringValue ?? value?.intValue;
};

describe('traces over OTLP/HTTP', () => {
  let t: TestTenant;
  let input: Record<string, unknown>;
  let otlp: Awaited<ReturnType<typeof collector>>;

  beforeAll(async () => {
    otlp = await collector();
    t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [warehouse.id]: 10 } }] });
    input = { variation: gid('Variation', variations[0]!.id), warehouse: gid('Warehouse', warehouse.id), quantity: 2, reason: 'recount' };
  });
  afterAll(() => otlp?.close());

  async function adjust(app: App, traceId = TRACE_ID, port?: number, tenant = t, variables = input) {
    port ??= await app.start(0, '127.0.0.1');
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        authorization: `Bearer ${tenant.key}`,
        traceparent: `00-${traceId}-${CALLER_SPAN}-01`,
        'x-request-id': 'trace-test-request-1',
      },
      body: JSON.stringify({ query: ADJUST, variables: { input: variables } }),
    });
    const json = (await response.json()) as { data?: { stockAdjust: { __typename: string } }; errors?: unknown };
    return { response, json };
  }

  it('exports the request as one span tree continuing the caller’s trace, and answers its traceparent', async () => {
    const app = await appWith({ OTEL_EXPORTER_OTLP_ENDPOINT: `${otlp.url}/`, OTEL_SERVICE_NAME: 'ordergraph-test' });
    try {
      const { response, json } = await adjust(app);
      expect(json.errors).toBeUndefined();
      expect(json.data?.stockAdjust.__typename).toBe('StockAdjustPayload');
      await app.tracing!.flush();

      expect(otlp.contentTypes).toContain('application/json');
      expect(otlp.services).toContain('ordergraph-test');
      const spans = otlp.spans.filter((s) => s.traceId === TRACE_ID);
      const root = spans.find((s) => s.parentSpanId === CALLER_SPAN);
      expect(root?.name).toBe('POST /graphql');
      expect(attribute(root!, 'ordergraph.request_id')).toBe('trace-test-request-1');
      expect(String(attribute(root!, 'http.response.status_code'))).toBe('200');
      const children = spans.filter((s) => s.parentSpanId === root!.spanId).map((s) => s.name);
      expect(children).toEqual(expect.arrayContaining(['graphql.parse', 'graphql.validate', 'graphql.execute']));
      const execute = spans.find((s) => s.parentSpanId === root!.spanId && s.name === 'graphql.execute')!;
      expect(attribute(execute, 'graphql.operation.name')).toBe('Adjust');
      expect(attribute(execute, 'graphql.operation.type')).toBe('mutation');
      // The mutation's statements: each a span somewhere below execute, with its SQL text.
      const below = (span: ExportedSpan): ExportedSpan[] => spans.filter((s) => s.parentSpanId === span.spanId).flatMap((s) => [s, ...below(s)]);
      const statements = below(execute).filter((s) => attribute(s, 'db.system.name') === 'postgresql');
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.some((s) => /stock/i.test(String(attribute(s, 'db.query.text'))))).toBe(true);

      // The answer names the request's span in the caller's trace.
      expect(response.headers.get('traceparent')).toBe(`00-${TRACE_ID}-${root!.spanId}-01`);
    } finally {
      await app.stop();
    }
  });

  it('links the webhook delivery and the live subscription result of an event to the mutation span that wrote it', async () => {
    const WRITE_TRACE = '0af7651916cd43dd8448eb211c80319c';
    // A tenant of its own: the relay has no other event of it to deliver.
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [warehouse.id]: 10 } }] });
    const variables = { variation: gid('Variation', variations[0]!.id), warehouse: gid('Warehouse', warehouse.id), quantity: 3, reason: 'recount' };
    const hooks = await hookReceiver();
    await t.prisma.webhookEndpoint.create({ data: { tenantId: t.id, url: hooks.url, secret: 'whsec_tracing_test', eventTypes: ['stock.level_changed'] } });
    const app = await appWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      WEBHOOKS_RELAY: 'true',
      WEBHOOKS_RELAY_TENANTS: String(t.id),
      WEBHOOKS_POLL_MS: '50',
      WEBHOOKS_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
      WEBHOOKS_REQUIRE_HTTPS: 'false',
    });
    const port = await app.start(0, '127.0.0.1');
    const ws = wsClient(`ws://127.0.0.1:${port}/graphql`, t.key);
    try {
      const live = subscribe<{ stockLevelChanged: { onHand: number } }, Record<string, never>>(ws, parse('subscription StockLive { stockLevelChanged { onHand } }'));
      await attached(app, t.id);
      const { json } = await adjust(app, WRITE_TRACE, port, t, variables);
      expect(json.errors).toBeUndefined();
      expect((await live.nextData()).stockLevelChanged.onHand).toBeGreaterThan(0);
      await until(() => hooks.received.length > 0, 'webhook delivered', 20_000);
      await app.relay!.drain();
      await app.tracing!.flush();

      // The mutation's spans, as exported: the request (child of the caller's span) and its execute phase.
      const writeSpans = otlp.spans.filter((s) => s.traceId === WRITE_TRACE);
      const request = writeSpans.find((s) => s.parentSpanId === CALLER_SPAN)!;
      expect(request.name).toBe('POST /graphql');
      const execute = writeSpans.find((s) => s.parentSpanId === request.spanId && s.name === 'graphql.execute')!;
      expect(execute).toBeDefined();
      // The outbox row remembers the span active when the transaction wrote it: the execute phase.
      const [row] = await t.prisma.outboxEvent.findMany({ where: { tenantId: t.id, type: 'stock.level_changed' }, orderBy: { id: 'desc' }, take: 1 });
      expect(row?.traceparent).toBe(`00-${WRITE_TRACE}-${execute.spanId}-01`);

      // The delivery: a root span of its own trace (the relay runs outside the request), linked to the write.
      const deliver = otlp.spans.filter((s) => s.name === 'webhook.deliver');
      expect(deliver).toHaveLength(1);
      expect(deliver[0]!.parentSpanId ?? '').toBe('');
      expect(deliver[0]!.traceId).not.toBe(WRITE_TRACE);
      expect(deliver[0]!.links).toEqual([expect.objectContaining({ traceId: WRITE_TRACE, spanId: execute.spanId })]);
      // Its POST is its child, and the request the receiver got names that POST span.
      const post = otlp.spans.find((s) => s.name === 'POST webhook' && s.parentSpanId === deliver[0]!.spanId)!;
      expect(post).toMatchObject({ traceId: deliver[0]!.traceId });
      expect(hooks.received[0]!.traceparent).toBe(`00-${post.traceId}-${post.spanId}-01`);
      // Nothing of the relay ended up in the mutation's trace.
      expect(writeSpans.filter((s) => /outbox|webhook/i.test(String(attribute(s, 'db.query.text')))).map((s) => attribute(s, 'db.query.text'))).toEqual([
        expect.stringMatching(/INSERT INTO ("public"\.)?"OutboxEvent"/),
      ]);

      // The subscription's result: its own span, linked to the same write.
      const delivered = otlp.spans.filter((s) => s.name === 'subscription.deliver');
      expect(delivered).toHaveLength(1);
      expect(delivered[0]!.parentSpanId ?? '').toBe('');
      expect(delivered[0]!.traceId).not.toBe(WRITE_TRACE);
      expect(delivered[0]!.links).toEqual([expect.objectContaining({ traceId: WRITE_TRACE, spanId: execute.spanId })]);
      expect(attribute(delivered[0]!, 'graphql.operation.name')).toBe('StockLive');
      live.unsubscribe();
    } finally {
      await ws.dispose();
      await app.stop();
      await hooks.close();
    }
  });

  it('links a subscription result over server-sent events to the write, as over WebSocket', async () => {
    const WRITE_TRACE = '5b8aa5a2d2c872e8321cf37308d69df2';
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [warehouse.id]: 10 } }] });
    const variables = { variation: gid('Variation', variations[0]!.id), warehouse: gid('Warehouse', warehouse.id), quantity: 2, reason: 'recount' };
    const app = await appWith({ OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url });
    const port = await app.start(0, '127.0.0.1');
    const abort = new AbortController();
    try {
      const stream = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${t.key}` },
        body: JSON.stringify({ query: 'subscription StockOverSse { stockLevelChanged { onHand } }' }),
        signal: abort.signal,
      });
      expect(stream.status).toBe(200);
      await attached(app, t.id);
      const { json } = await adjust(app, WRITE_TRACE, port, t, variables);
      expect(json.errors).toBeUndefined();
      // The first event's data line.
      const reader = stream.body!.getReader();
      let text = '';
      while (!/data: \{"data"/.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      expect(text).toContain('"stockLevelChanged":{"onHand":12}');
      await app.tracing!.flush();
      const writeSpans = otlp.spans.filter((s) => s.traceId === WRITE_TRACE);
      const request = writeSpans.find((s) => s.parentSpanId === CALLER_SPAN)!;
      const execute = writeSpans.find((s) => s.parentSpanId === request.spanId && s.name === 'graphql.execute')!;
      expect(execute).toBeDefined();
      const delivered = otlp.spans.filter((s) => s.name === 'subscription.deliver' && attribute(s, 'graphql.operation.name') === 'StockOverSse');
      expect(delivered).toHaveLength(1);
      expect(delivered[0]!.parentSpanId ?? '').toBe('');
      expect(delivered[0]!.traceId).not.toBe(WRITE_TRACE);
      expect(delivered[0]!.links).toEqual([expect.objectContaining({ traceId: WRITE_TRACE, spanId: execute.spanId })]);
    } finally {
      abort.abort();
      await app.stop();
    }
  });

  it.skipIf(!withRedis)('links a subscription result on another instance (through Redis) to the write', async () => {
    const WRITE_TRACE = '1bf92f3577b34da6a3ce929d0e0e4737';
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [warehouse.id]: 10 } }] });
    const variables = { variation: gid('Variation', variations[0]!.id), warehouse: gid('Warehouse', warehouse.id), quantity: 4, reason: 'recount' };
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, REDIS_URL, REDIS_PREFIX: `tracing-test-${process.pid}-${t.id}` };
    const a = await appWith(env);
    const b = await appWith(env);
    const portA = await a.start(0, '127.0.0.1');
    const portB = await b.start(0, '127.0.0.1');
    await Promise.all([a.events.ready!(), b.events.ready!()]);
    const ws = wsClient(`ws://127.0.0.1:${portB}/graphql`, t.key);
    try {
      const live = subscribe<{ stockLevelChanged: { onHand: number } }, Record<string, never>>(ws, parse('subscription StockElsewhere { stockLevelChanged { onHand } }'));
      await attached(b, t.id);
      const { json } = await adjust(a, WRITE_TRACE, portA, t, variables);
      expect(json.errors).toBeUndefined();
      expect((await live.nextData()).stockLevelChanged.onHand).toBe(14);
      await Promise.all([a.tracing!.flush(), b.tracing!.flush()]);

      const request = otlp.spans.find((s) => s.traceId === WRITE_TRACE && s.parentSpanId === CALLER_SPAN)!;
      const execute = otlp.spans.find((s) => s.traceId === WRITE_TRACE && s.parentSpanId === request.spanId && s.name === 'graphql.execute')!;
      const delivered = otlp.spans.filter((s) => s.name === 'subscription.deliver' && attribute(s, 'graphql.operation.name') === 'StockElsewhere');
      expect(delivered).toHaveLength(1);
      expect(delivered[0]!.links).toEqual([expect.objectContaining({ traceId: WRITE_TRACE, spanId: execute.spanId })]);
      live.unsubscribe();
    } finally {
      await ws.dispose();
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('sends nothing, answers no traceparent and stores none without OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const before = otlp.contentTypes.length;
    const [last] = await t.prisma.outboxEvent.findMany({ where: { tenantId: t.id }, orderBy: { id: 'desc' }, take: 1, select: { id: true } });
    const app = await appWith({});
    try {
      const { response, json } = await adjust(app);
      expect(json.data?.stockAdjust.__typename).toBe('StockAdjustPayload');
      expect(app.tracing).toBeUndefined();
      expect(response.headers.get('traceparent')).toBeNull();
    } finally {
      await app.stop();
    }
    expect(otlp.contentTypes.length).toBe(before);
    const written = await t.prisma.outboxEvent.findMany({ where: { tenantId: t.id, id: { gt: last?.id ?? 0n } }, select: { traceparent: true } });
    expect(written.length).toBeGreaterThan(0);
    expect(written.every((r) => r.traceparent === null)).toBe(true);
  });

  it('sends a webhook POST with the traceparent of its own exported client span', async () => {
    const tracing = startTracing({ endpoint: otlp.url, serviceName: 'ordergraph-test' }, { requestIdOf: () => 'unused' });
    const sent: Record<string, string>[] = [];
    const post = tracing.webhookPost(async ({ headers }) => (sent.push(headers), { status: 204, excerpt: null, error: null }));
    const result = await post({ url: 'https://hooks.example.com/in', body: '{}', headers: { 'content-type': 'application/json' }, timeoutMs: 1_000 });
    expect(result.status).toBe(204);
    await tracing.shutdown();

    expect(sent).toHaveLength(1);
    expect(sent[0]!['content-type']).toBe('application/json');
    const [, traceId, spanId, flags] = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(sent[0]!.traceparent ?? '') ?? [];
    expect(flags).toBe('01');
    const span = otlp.spans.find((s) => s.spanId === spanId);
    expect(span).toMatchObject({ traceId, name: 'POST webhook' });
    expect(String(attribute(span!, 'http.response.status_code'))).toBe('204');
  });
});
