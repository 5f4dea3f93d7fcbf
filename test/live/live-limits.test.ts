// Subscriptions under the same rules as queries: the cost limit at subscribe over
// WebSocket and SSE, every delivered event paid for out of the key's bucket, a
// ceiling on the live cost a key and a tenant hold open, and WebSocket frames no
// larger than an HTTP body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { createApp, type App } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { testConfig, testApp } from '../support/app.js';
import { newTenant, type TestTenant } from '../support/tenant.js';
import { attached, collect, until, withDeadline, wsClient, type WsClient } from '../support/subscribe.js';

let app: App;
let url: string;
let http: string;
const clients: WsClient[] = [];
const track = (client: WsClient) => (clients.push(client), client);

beforeAll(async () => {
  const { app: shared } = await testApp();
  const config = testConfig({
    API_KEY_CACHE_MS: '0',
    QUERY_MAX_COST: '500',
    RATE_LIMIT_CAPACITY: '100',
    RATE_LIMIT_RESTORE_RATE: '1',
    MAX_BODY_BYTES: '2048',
    LIVE_MAX_COST_PER_KEY: '60',
    LIVE_MAX_COST_PER_TENANT: '100',
  });
  app = await createApp(config, { database: shared.db, logger: createLogger('silent') });
  const port = await app.start(0, '127.0.0.1');
  url = `ws://127.0.0.1:${port}/graphql`;
  http = `http://127.0.0.1:${port}/graphql`;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await app?.stop();
});

// 1 + 1 + 1 + 1 (orders) + 100 x (1 edge + 1 node + 1 customer + 1 orders + 5 x 2) = 1,404 points.
const COSTLY = 'subscription { orderCreated { order { customer { orders(first: 100) { edges { node { customer { orders(first: 5) { edges { node { code } } } } } } } } } } }';
// orderCreated 1 + order 1 + customer 1 + orders 1 + 10 x (edge 1 + node 1) = 24 points.
const TWENTY_FOUR = 'subscription { orderCreated { order { customer { orders(first: 10) { edges { node { code } } } } } } }';

const sse = (key: string, query: string, signal?: AbortSignal) =>
  fetch(http, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
    signal,
  });

async function post(key: string, query: string) {
  const response = await fetch(http, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) });
  return { status: response.status, json: (await response.json()) as any };
}

async function shopWithOrder(t: TestTenant) {
  const customer = await t.customer();
  const { variations } = await t.product();
  return t.order({ customerId: customer.id, items: [{ variationId: variations[0]!.id, quantity: 1 }] });
}

describe('the cost limit at subscribe', () => {
  it('refuses a subscription that costs more than QUERY_MAX_COST over WebSocket, as over HTTP', async () => {
    const t = await newTenant();
    const sub = collect(track(wsClient(url, t.key)), COSTLY);
    await until(() => sub.ended(), 'subscription refused');
    expect(sub.results).toHaveLength(1);
    expect(sub.results[0]!.errors![0]).toMatchObject({
      extensions: { code: 'QUERY_TOO_COSTLY', cost: { requestedQueryCost: 1404, maximumCost: 500 } },
    });
    expect(app.events.subscriberCount?.(t.id)).toBe(0);
  });

  it('refuses it over SSE too', async () => {
    const t = await newTenant();
    const response = await sse(t.key, COSTLY);
    const text = await response.text();
    expect(text).toContain('QUERY_TOO_COSTLY');
    expect(text).toContain('1404');
    expect(app.events.subscriberCount?.(t.id)).toBe(0);
  });
});

describe('events paid from the bucket', () => {
  it("takes each delivered event's cost from the key's bucket: a later query is throttled, the subscription ends THROTTLED", async () => {
    const t = await newTenant();
    const order = await shopWithOrder(t);
    const key = await t.apiKey('OWNER');
    const sub = collect(track(wsClient(url, key)), TWENTY_FOUR);
    await attached(app, t.id);
    const publish = () => app.events.publish('orderCreated', { tenantId: t.id, orderId: order.id, status: 'PENDING', at: new Date().toISOString() });
    // 4 events x 24 points: 4 of the bucket's 100 points are left (it refills 1 point a second).
    for (let i = 1; i <= 4; i++) {
      publish();
      await until(() => sub.results.length === i, `event ${i} delivered`);
      expect(sub.results[i - 1]!.errors).toBeUndefined();
    }
    // 1 + 15 x 2 = 31 points: throttled now, although this key sent no query before.
    const page = await post(key, '{ orders(first: 15) { edges { node { code } } } }');
    expect(page.status).toBe(429);
    expect(page.json.errors[0].extensions.code).toBe('THROTTLED');
    expect(page.json.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(31);
    // Another key of the same tenant has its own bucket.
    expect((await post(await t.apiKey('OWNER'), '{ orders(first: 15) { edges { node { code } } } }')).status).toBe(200);
    // The next event does not fit either: the subscription ends with THROTTLED.
    publish();
    await until(() => sub.ended(), 'subscription ended');
    expect(sub.results).toHaveLength(5);
    expect(sub.results[4]!.errors![0]).toMatchObject({ extensions: { code: 'THROTTLED' } });
    await until(() => (app.events.subscriberCount?.(t.id) ?? 0) === 0, 'subscription detached');
  });

  it('charges SSE events to the same bucket', async () => {
    const t = await newTenant();
    const order = await shopWithOrder(t);
    const key = await t.apiKey('OWNER');
    const abort = new AbortController();
    const response = await sse(key, TWENTY_FOUR, abort.signal);
    expect(response.status).toBe(200);
    await attached(app, t.id);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (let i = 1; i <= 4; i++) {
      app.events.publish('orderCreated', { tenantId: t.id, orderId: order.id, status: 'PENDING', at: new Date().toISOString() });
      while ((text.match(/event: next/g) ?? []).length < i) text += decoder.decode((await withDeadline(reader.read(), 5_000, 'SSE event')).value);
    }
    abort.abort();
    const page = await post(key, '{ orders(first: 15) { edges { node { code } } } }');
    expect(page.status).toBe(429);
    expect(page.json.errors[0].extensions.code).toBe('THROTTLED');
  });
});

describe('the live cost ceiling', () => {
  it('refuses a subscription past the live cost of its key (60) or its tenant (100) with LIVE_COST_EXCEEDED, on both transports', async () => {
    const t = await newTenant();
    const [a, b, c] = [await t.apiKey('OWNER'), await t.apiKey('OWNER'), await t.apiKey('OWNER')];
    const wsA = track(wsClient(url, a));
    const a1 = collect(wsA, TWENTY_FOUR);
    collect(wsA, TWENTY_FOUR);
    await attached(app, t.id, 2);
    // Key a holds 48 of its 60.
    const a3 = collect(wsA, TWENTY_FOUR);
    await until(() => a3.ended(), 'third refused');
    expect(a3.results[0]!.errors![0]).toMatchObject({
      extensions: { code: 'LIVE_COST_EXCEEDED', liveCost: { requested: 24, held: 48, maximum: 60, scope: 'API_KEY' } },
    });
    // The tenant holds 72 with key b's one, 96 with key c's.
    collect(track(wsClient(url, b)), TWENTY_FOUR);
    const abort = new AbortController();
    expect((await sse(c, TWENTY_FOUR, abort.signal)).status).toBe(200);
    await attached(app, t.id, 4);
    // Key c holds 24 of its 60, but the tenant's 96 + 24 pass 100: refused over SSE and WebSocket alike.
    const overSse = await (await sse(c, TWENTY_FOUR)).text();
    expect(overSse).toContain('LIVE_COST_EXCEEDED');
    expect(overSse).toContain('"held":96');
    const overWs = collect(track(wsClient(url, c)), TWENTY_FOUR);
    await until(() => overWs.ended(), 'refused over WebSocket');
    expect(overWs.results[0]!.errors![0]).toMatchObject({ extensions: { code: 'LIVE_COST_EXCEEDED', liveCost: { held: 96, maximum: 100, scope: 'TENANT' } } });
    // Closing one gives its cost back.
    a1.unsubscribe();
    await until(() => app.events.subscriberCount?.(t.id) === 3, 'one detached');
    const again = collect(track(wsClient(url, c)), TWENTY_FOUR);
    await attached(app, t.id, 4);
    expect(again.results).toHaveLength(0);
    abort.abort();
  });
});

describe('WebSocket frames', () => {
  it('closes the socket with 1009 for a frame larger than MAX_BODY_BYTES', async () => {
    const t = await newTenant();
    const socket = new WebSocket(url, 'graphql-transport-ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.key}` } }));
    await new Promise((resolve) => socket.once('message', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'subscribe', id: '1', payload: { query: `{ viewer { role } } # ${'x'.repeat(3000)}` } }));
    expect(await withDeadline(closed, 5_000, 'socket closed')).toBe(1009);
  });

  it('closes it on the frame header alone: a frame announcing 64 MiB is refused before any of it is sent, so nothing is buffered', async () => {
    const port = new URL(url).port;
    const tcp = connect(Number(port), '127.0.0.1');
    const received: Buffer[] = [];
    tcp.on('data', (chunk) => received.push(chunk));
    const ended = new Promise<void>((resolve) => tcp.once('close', () => resolve()));
    await new Promise((resolve) => tcp.once('connect', resolve));
    tcp.write(
      'GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n',
    );
    await until(() => Buffer.concat(received).includes('\r\n\r\n'), 'upgrade answered');
    expect(Buffer.concat(received).toString()).toMatch(/^HTTP\/1\.1 101/);
    received.length = 0;
    // FIN + text, masked, 64-bit length 2^26 (below ws's default limit of 100 MiB), mask key; no payload follows.
    const header = Buffer.alloc(14);
    header[0] = 0x81;
    header[1] = 0xff;
    header.writeBigUInt64BE(2n ** 26n, 2);
    header.writeUInt32BE(0x01020304, 10);
    tcp.write(header);
    await withDeadline(ended, 5_000, 'server closed the connection');
    const frame = Buffer.concat(received);
    // A close frame (opcode 8) with status 1009 (message too big).
    expect(frame[0]! & 0x0f).toBe(8);
    expect(frame.readUInt16BE(2)).toBe(1009);
  });
});
