// Traces: with OTEL_EXPORTER_OTLP_ENDPOINT set, a mutation sent over HTTP with a caller's
// traceparent is exported over OTLP/HTTP (received here by a small collector on
// 127.0.0.1) as one span tree continuing the caller's trace; without it nothing is sent.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startTracing } from '../../src/http/tracing.js';
import { createLogger } from '../../src/logger.js';
import { testApp } from '../support/app.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');
const ADJUST = `mutation Adjust($input: StockAdjustInput!) { stockAdjust(input: $input) { __typename } }`;
// The caller's trace (W3C trace context: version, trace id, parent span id, sampled).
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
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
  attributes?: Attribute[];
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
  const config = loadConfig({ DEMO: 'false', NODE_ENV: 'test', WEBHOOKS_RELAY: 'false', CANCELLATION_EXPIRY_SWEEP_MS: '0', LOG_LEVEL: 'silent', ...env, DATA_DIR: 'memory://' });
  return createApp(config, { database: shared.db, ownerDatabase: fixtures, logger: createLogger('silent'), traceBatchDelayMs: 50 });
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

  async function adjust(app: App) {
    const port = await app.start(0, '127.0.0.1');
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        authorization: `Bearer ${t.key}`,
        traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01`,
        'x-request-id': 'trace-test-request-1',
      },
      body: JSON.stringify({ query: ADJUST, variables: { input } }),
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

  it('sends nothing and answers no traceparent without OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const before = otlp.contentTypes.length;
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
