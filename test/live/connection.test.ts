import { afterAll, describe, expect, it } from 'vitest';
import { parse, print } from 'graphql';
import { createApp, type App } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { createFanout, SlowConsumerError } from '../../src/events/fanout.js';
import { handedOut } from '../../src/events/turns.js';
import type { StockLevelChanged } from '../../src/events/topics.js';
import { LiveOrderStatusChangedDocument, LiveStockLevelChangedDocument } from '../generated/graphql.js';
import { testConfig, testApp } from '../support/app.js';
import { newTenant } from '../support/tenant.js';
import { attached, liveServer, subscribe, until, withDeadline, wsClient, type WsClient } from '../support/subscribe.js';

const clients: WsClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
});
function track(client: WsClient) {
  clients.push(client);
  return client;
}

/** A second app over the shared test database, with its own (small) live limits. */
async function appWith(env: Record<string, string>): Promise<{ app: App; url: string }> {
  const { app: shared } = await testApp();
  const config = testConfig({ API_KEY_CACHE_MS: '0', ...env }, process.env);
  const app = await createApp(config, { database: shared.db, logger: createLogger('silent') });
  const port = await app.start(0, '127.0.0.1');
  return { app, url: `ws://127.0.0.1:${port}/graphql` };
}

describe('connecting', () => {
  it.each([
    ['an unknown key', { authorization: 'Bearer og_unknown_key_00000000000000000000' }],
    ['a malformed key', { authorization: 'Bearer nope' }],
    ['no key', {}],
  ])('closes the socket with 4403 for %s', async (_name, params) => {
    const { url } = await liveServer();
    const client = track(wsClient(url, undefined, params));
    const closed = await withDeadline(client.closed, 5_000, 'socket closed');
    expect(closed.code).toBe(4403);
  });

  it('closes the socket with 4403 for a revoked key', async () => {
    const { url } = await liveServer();
    const t = await newTenant();
    const key = await t.apiKey('VIEWER');
    await t.prisma.apiKey.updateMany({ where: { tenantId: t.id, role: 'VIEWER' }, data: { revokedAt: new Date() } });
    const client = track(wsClient(url, key));
    expect((await withDeadline(client.closed, 5_000, 'socket closed')).code).toBe(4403);
  });

  it('accepts the key as connectionParams.apiKey or Authorization, as GraphiQL sends its headers', async () => {
    const { app, url } = await liveServer();
    const t = await newTenant();
    const viaApiKey = track(wsClient(url, undefined, { apiKey: t.key }));
    const viaHeader = track(wsClient(url, undefined, { Authorization: `Bearer ${t.key}` }));
    subscribe(viaApiKey, LiveOrderStatusChangedDocument, {});
    subscribe(viaHeader, LiveOrderStatusChangedDocument, {});
    await attached(app, t.id, 2);
  });
});

describe('queries over the socket', () => {
  it('runs a query through Yoga with the viewer of the connection', async () => {
    const { url } = await liveServer();
    const t = await newTenant();
    const result = await subscribe(track(wsClient(url, t.key)), parse('{ viewer { role tenant { slug } } }')).next();
    expect(result).toEqual({ data: { viewer: { role: 'OWNER', tenant: { slug: t.slug } } } });
  });
});

describe('GraphiQL', () => {
  it('subscribes over graphql-ws out of the box', async () => {
    const { app } = await liveServer();
    const response = await app.yoga.fetch('http://ordergraph.test/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/"subscriptionsProtocol":"WS"/);
  });
});

describe('limits', () => {
  it('refuses an operation beyond the cap per connection with LIMIT_EXCEEDED, and frees the slot when one ends', async () => {
    const { app, url } = await appWith({ LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2' });
    try {
      const t = await newTenant();
      const client = track(wsClient(url, t.key));
      const one = subscribe(client, LiveOrderStatusChangedDocument, {});
      subscribe(client, LiveOrderStatusChangedDocument, {});
      await attached(app, t.id, 2);
      const third = subscribe(client, LiveOrderStatusChangedDocument, {});
      const refused = await third.next();
      expect(refused.errors?.[0]).toMatchObject({ message: 'At most 2 operations per connection', extensions: { code: 'LIMIT_EXCEEDED' } });

      one.unsubscribe();
      await until(() => app.events.subscriberCount!(t.id) === 1, 'one subscription left');
      subscribe(client, LiveOrderStatusChangedDocument, {});
      await attached(app, t.id, 2);
    } finally {
      await app.stop();
    }
  });

  it('refuses a subscription beyond the cap per API key, over all its connections', async () => {
    const { app, url } = await appWith({ LIVE_MAX_SUBSCRIPTIONS_PER_KEY: '2' });
    try {
      const t = await newTenant();
      subscribe(track(wsClient(url, t.key)), LiveOrderStatusChangedDocument, {});
      subscribe(track(wsClient(url, t.key)), LiveOrderStatusChangedDocument, {});
      await attached(app, t.id, 2);
      const refused = await subscribe(track(wsClient(url, t.key)), LiveOrderStatusChangedDocument, {}).next();
      expect(refused.errors?.[0]?.extensions).toEqual({ code: 'LIMIT_EXCEEDED' });
      // Another key of the same tenant has its own allowance.
      const other = await t.apiKey('VIEWER');
      subscribe(track(wsClient(url, other)), LiveOrderStatusChangedDocument, {});
      await attached(app, t.id, 3);
    } finally {
      await app.stop();
    }
  });

  it('counts SSE subscriptions toward the same cap per API key, and gives the place back when the stream ends', async () => {
    const { app, url } = await appWith({ LIVE_MAX_SUBSCRIPTIONS_PER_KEY: '2' });
    // Over a real connection: closing it is how a browser's EventSource goes away.
    const sse = (key: string, signal?: AbortSignal) =>
      fetch(url.replace('ws:', 'http:'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: print(LiveOrderStatusChangedDocument), variables: {} }),
        signal,
      });
    try {
      const t = await newTenant();
      subscribe(track(wsClient(url, t.key)), LiveOrderStatusChangedDocument, {});
      await attached(app, t.id, 1);
      const open = new AbortController();
      const stream = await sse(t.key, open.signal);
      expect(stream.status).toBe(200);
      await attached(app, t.id, 2);
      // The key holds two: one socket, one stream. A third is refused on either transport.
      expect(await (await sse(t.key)).text()).toContain('LIMIT_EXCEEDED');
      const refused = await subscribe(track(wsClient(url, t.key)), LiveOrderStatusChangedDocument, {}).next();
      expect(refused.errors?.[0]?.extensions).toEqual({ code: 'LIMIT_EXCEEDED' });
      // The client goes away: its place is free again.
      open.abort();
      await until(() => (app.events.subscriberCount?.(t.id) ?? 0) === 1, 'the stream detached');
      subscribe(track(wsClient(url, t.key)), LiveOrderStatusChangedDocument, {});
      await attached(app, t.id, 2);
    } finally {
      await app.stop();
    }
  });

  it('ends a subscription whose queue overflows with SLOW_CONSUMER instead of growing without bound', async () => {
    const fanout = createFanout({ maxQueued: 3 });
    const slow = fanout.subscribe('stockLevelChanged', 1);
    const event = (onHand: number): StockLevelChanged => ({ tenantId: 1, variationId: 1, warehouseId: 1, onHand, reserved: 0, at: '' });
    for (let i = 0; i < 4; i++) fanout.dispatch('stockLevelChanged', event(i));
    await expect(slow.next()).rejects.toBeInstanceOf(SlowConsumerError);
    expect(fanout.size()).toBe(0);
    // Others are not affected.
    const fast = fanout.subscribe('stockLevelChanged', 1);
    fanout.dispatch('stockLevelChanged', event(9));
    await expect(fast.next()).resolves.toEqual({ value: event(9), done: false });
  });

  it('wakes many subscribers in turns of the event loop, each one still getting every event in order', async () => {
    const fanout = createFanout();
    const n = 1_200; // more than two turns' worth (SLICE is 500)
    const subscribers = Array.from({ length: n }, () => fanout.subscribe('stockLevelChanged', 1));
    const received: number[][] = subscribers.map(() => []);
    const reading = subscribers.map(async (sub, i) => {
      for (let k = 0; k < 3; k++) received[i]!.push((await sub.next()).value!.onHand);
    });
    const event = (onHand: number): StockLevelChanged => ({ tenantId: 1, variationId: 1, warehouseId: 1, onHand, reserved: 0, at: '' });
    fanout.dispatch('stockLevelChanged', event(1));
    fanout.dispatch('stockLevelChanged', event(2));
    // Nothing is handed out while the dispatching turn runs; then at most 500 wake-ups per turn.
    expect(received.filter((r) => r.length > 0)).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    const afterOneTurn = received.filter((r) => r.length > 0).length;
    expect(afterOneTurn).toBeGreaterThan(0);
    expect(afterOneTurn).toBeLessThanOrEqual(500);
    // A small event dispatched while turns wait goes behind them.
    fanout.dispatch('stockLevelChanged', event(3));
    await Promise.all(reading);
    for (const r of received) expect(r).toEqual([1, 2, 3]);
  });

  it('hands a shared result to a few waiters as it comes, and to many in turns', async () => {
    const shared = (value: number) => {
      let resolve!: (v: number) => void;
      const promise = new Promise<number>((r) => (resolve = r));
      return { take: handedOut(promise), resolve: () => resolve(value) };
    };
    // Three waiters get it before the next turn of the event loop.
    const few = shared(7);
    const marks: string[] = [];
    const gotFew = Array.from({ length: 3 }, () => few.take().then((v) => marks.push(`got ${v}`)));
    few.resolve();
    setImmediate(() => marks.push('next turn'));
    await Promise.all(gotFew);
    await new Promise((resolve) => setImmediate(resolve));
    expect(marks).toEqual(['got 7', 'got 7', 'got 7', 'next turn']);
    // 1,200 waiters: none in the resolving turn, at most 500 a turn.
    const many = shared(8);
    let got = 0;
    const gotMany = Array.from({ length: 1_200 }, () => many.take().then(() => got++));
    many.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(got).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(got).toBeGreaterThan(0);
    expect(got).toBeLessThanOrEqual(500);
    await Promise.all(gotMany);
    expect(got).toBe(1_200);
  });

  it('hands an event only to subscribers of its tenant', async () => {
    const fanout = createFanout();
    const mine = fanout.subscribe('stockLevelChanged', 1);
    const theirs = fanout.subscribe('stockLevelChanged', 2);
    fanout.dispatch('stockLevelChanged', { tenantId: 2, variationId: 1, warehouseId: 1, onHand: 1, reserved: 0, at: '' });
    fanout.dispatch('stockLevelChanged', { tenantId: 1, variationId: 1, warehouseId: 1, onHand: 5, reserved: 0, at: '' });
    expect((await mine.next()).value?.onHand).toBe(5);
    expect((await theirs.next()).value?.onHand).toBe(1);
  });
});

describe('stopping', () => {
  it('closes WebSocket connections (1001) and ends subscriptions when the app stops', async () => {
    const { app, url } = await appWith({});
    const t = await newTenant();
    const client = track(wsClient(url, t.key));
    const sub = subscribe(client, LiveStockLevelChangedDocument, {});
    await attached(app, t.id);
    const started = Date.now();
    await app.stop({ timeoutMs: 10_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await withDeadline(client.closed, 5_000, 'socket closed')).code).toBe(1001);
    expect(app.liveConnections()).toBe(0);
    void sub;
  });
});
