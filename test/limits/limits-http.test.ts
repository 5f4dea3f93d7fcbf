// No request may take the server down: limits as a client meets them over HTTP
// (and the WebSocket's origin check), on an app with small limits of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApp, type App } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { testConfig, testApp } from '../support/app.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

let app: App;
let t: TestTenant;

beforeAll(async () => {
  const { app: shared } = await testApp();
  const config = testConfig({
    API_KEY_CACHE_MS: '0',
    QUERY_MAX_DEPTH: '6',
    QUERY_MAX_ALIASES: '5',
    QUERY_MAX_COST: '500',
    RATE_LIMIT_CAPACITY: '100',
    RATE_LIMIT_RESTORE_RATE: '1',
    MAX_BODY_BYTES: '2048',
    CORS_ORIGINS: 'https://shop.example.com',
  });
  app = await createApp(config, { database: shared.db, logger: createLogger('silent') });
  t = await newTenant();
});
afterAll(() => app?.stop());

async function send(body: unknown, headers: Record<string, string> = {}, key = t.key) {
  const text = JSON.stringify(body);
  const response = await app.yoga.fetch('http://ordergraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
    body: text,
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as any };
}

describe('limits per request', () => {
  it('reports the cost and the bucket in extensions.cost', async () => {
    const key = await t.apiKey('VIEWER');
    const { json } = await send({ query: '{ viewer { role tenant { name } } }' }, {}, key);
    expect(json.errors).toBeUndefined();
    expect(json.extensions.cost).toEqual({
      requestedQueryCost: 2,
      throttleStatus: { maximumAvailable: 100, currentlyAvailable: 98, restoreRate: 1 },
    });
  });

  it('refuses a request that would cost more than the limit, before it runs', async () => {
    const { json } = await send({ query: '{ orders(first: 100) { edges { node { code customer { name } items { variation { sku } } } } } }' });
    expect(json.data).toBeUndefined();
    expect(json.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', cost: { maximumCost: 500 } });
  });

  it('throttles a key whose bucket is empty, with a retry-after, and leaves other keys alone', async () => {
    const key = await t.apiKey('STAFF');
    const page = { query: '{ orders(first: 30) { edges { node { code customer { name } } } } }' }; // 2 + 30 x 3 = 92 points
    expect((await send(page, {}, key)).json.errors).toBeUndefined();
    const throttled = await send(page, {}, key);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(throttled.json.errors[0].extensions).toMatchObject({ code: 'THROTTLED' });
    expect(throttled.json.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(92);
    const other = await send(page, {}, await t.apiKey('STAFF'));
    expect(other.json.errors).toBeUndefined();
  });

  it('refuses documents nested deeper than the limit', async () => {
    const { json } = await send({ query: '{ orders(first: 1) { edges { node { customer { category { customers(first: 1) { edges { node { name } } } } } } } } }' });
    expect(json.errors[0].message).toMatch(/depth/i);
    expect(json.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses a document nested deeper than 200 levels before parsing it (the parser would run out of stack)', async () => {
    const { json } = await send({ query: `{ node(id: ${'['.repeat(250)}"x"${']'.repeat(250)}) { id } }` });
    expect(json.errors[0]).toMatchObject({ message: 'Syntax Error: Nesting limit of 200 exceeded.', extensions: { code: 'QUERY_TOO_COMPLEX' } });
  });

  it('refuses more aliases than the limit', async () => {
    const { json } = await send({ query: `{ ${Array.from({ length: 6 }, (_, i) => `a${i}: viewer { role }`).join(' ')} }` });
    expect(json.errors[0].message).toMatch(/aliases/i);
    expect(json.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('answers 413 to a body above MAX_BODY_BYTES', async () => {
    const query = `{ viewer { role } } # ${'x'.repeat(3000)}`;
    const body = JSON.stringify({ query });
    const response = await app.yoga.fetch('http://ordergraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.key}`, 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  // A chunked body declares no length: it is counted as it arrives.
  const chunked = (text: string) =>
    app.yoga.fetch('http://ordergraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.key}` },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < text.length; i += 500) controller.enqueue(new TextEncoder().encode(text.slice(i, i + 500)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);

  it('answers 413 to a chunked body that grows above MAX_BODY_BYTES, and reads one below it', async () => {
    const big = await chunked(JSON.stringify({ query: `{ viewer { role } } # ${'x'.repeat(3000)}` }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const small = await chunked(JSON.stringify({ query: `{ viewer { role } } # ${'x'.repeat(1000)}` }));
    expect(small.status).toBe(200);
    expect(((await small.json()) as any).data.viewer.role).toBeDefined();
  });
});

describe('tenant and origin checks', () => {
  it("answers FORBIDDEN when X-Tenant-Id names another tenant than the key's", async () => {
    const wrong = await send({ query: '{ viewer { role } }' }, { 'x-tenant-id': String(t.id + 100_000) });
    expect(wrong.status).toBe(403);
    expect(wrong.json.errors[0].extensions.code).toBe('FORBIDDEN');
    const right = await send({ query: '{ viewer { role } }' }, { 'x-tenant-id': String(t.id) });
    expect(right.json.data.viewer.role).toBe('OWNER');
  });

  it('allows only the configured browser origins (CORS)', async () => {
    const preflight = (origin: string) =>
      app.yoga.fetch('http://ordergraph.test/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    expect((await preflight('https://shop.example.com')).headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });

  it('refuses a cross-site GET without a header a form cannot send (CSRF)', async () => {
    const response = await app.yoga.fetch('http://ordergraph.test/graphql?query=%7Bviewer%7Brole%7D%7D', { method: 'GET' });
    expect(response.status).toBe(403);
  });

  it('refuses a WebSocket from a page of another origin', async () => {
    const port = await app.start(0, '127.0.0.1');
    const opened = (origin: string) =>
      new Promise<boolean>((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws', { origin });
        socket.once('open', () => {
          socket.close();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
    expect(await opened('https://evil.example')).toBe(false);
    expect(await opened('https://shop.example.com')).toBe(true);
  });
});
