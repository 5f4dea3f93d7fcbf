// What subscribers and partners get when Redis goes away for a while (PostgreSQL;
// a Redis of the test's own, killed with SIGKILL and started again):
// live events published during the outage are lost on the pub/sub, but nothing a
// client needs is: a subscriber resuming with `after` gets the missed status
// changes from the order history, in order, then live ones, without gap or
// duplicate; webhooks come from the outbox and never touch Redis, so every
// change reaches the partner's endpoint during the outage too.
import { createServer as createHttpServer } from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createApp, type App } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { createRedisBus } from '../../src/events/redis-bus.js';
import { LiveOrderStatusChangedDocument } from '../generated/graphql.js';
import { testConfig, testApp } from '../support/app.js';
import { newTenant, tenantsCreatedHere } from '../support/tenant.js';
import { attached, subscribe, until, wsClient } from '../support/subscribe.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

/** A Redis of the test's own, on a free port: started, killed (SIGKILL) and started again on the same port. */
async function ownRedis() {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    // Ready once it accepts a connection.
    for (let i = 0; i < 200; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
      });
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  const kill = async () => {
    const dying = child!;
    await new Promise<void>((resolve) => {
      dying.once('exit', () => resolve());
      dying.kill('SIGKILL');
    });
  };
  await start();
  return { start, kill, url: `redis://127.0.0.1:${port}` };
}

/** A webhook receiver on 127.0.0.1 that acknowledges everything and keeps the bodies. */
async function webhookReceiver() {
  const bodies: Array<{ id: string; type: string; data: { order: string; to?: string } }> = [];
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { bodies, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks` };
}

async function gql(app: App, key: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await app.yoga.fetch('http://ordergraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, { __typename: string; secret?: string }>; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

describe.skipIf(!process.env.DATABASE_URL)('a Redis outage', () => {
  it('loses no status change for a subscriber that resumes with `after`, nor for a webhook endpoint', async () => {
    const redis = await ownRedis();
    cleanups.push(() => redis.kill());
    const logged: string[] = [];
    const note = (_o: unknown, m: string) => void logged.push(m);
    const events = createRedisBus(redis.url, { log: { warn: note, info: note, error: note } as never, redis: { retryStrategy: () => 20 } });
    cleanups.push(() => events.close!());
    const { app: shared } = await testApp();
    const config = testConfig(
      {
        API_KEY_CACHE_MS: '0',
        WEBHOOKS_RELAY: 'true',
        WEBHOOKS_POLL_MS: '50',
        WEBHOOKS_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
      },
      process.env,
    );
    // Other test files share the database: this app relays for the tenants this file creates.
    config.webhooks.relayTenants = tenantsCreatedHere;
    const app = await createApp(config, { database: shared.db, events, logger: createLogger('silent') });
    const port = await app.start(0, '127.0.0.1');
    cleanups.push(() => app.stop());
    await events.ready!();

    const t = await newTenant();
    const { variations } = await t.product();
    const orders = await Promise.all([1, 2, 3, 4].map(() => t.order({ items: [{ variationId: variations[0]!.id, quantity: 1 }] })));
    const receiver = await webhookReceiver();
    const created = await gql(app, t.key, `mutation ($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) { __typename } }`, {
      input: { url: receiver.url, eventTypes: ['order.status_changed'] },
    });
    expect(created.webhookEndpointCreate!.__typename).toBe('WebhookEndpointSecretPayload');
    const confirm = async (orderId: number) => {
      const data = await gql(app, t.key, `mutation ($input: OrderConfirmInput!) { orderConfirm(input: $input) { __typename } }`, {
        input: { order: encodeGlobalID('Order', orderId) },
      });
      expect(data.orderConfirm!.__typename).toBe('OrderConfirmPayload');
    };

    const url = `ws://127.0.0.1:${port}/graphql`;
    const first = wsClient(url, t.key);
    cleanups.push(() => first.dispose());
    const live = subscribe(first, LiveOrderStatusChangedDocument, {});
    await attached(app, t.id);
    await confirm(orders[0]!.id);
    const seen = (await live.nextData()).orderStatusChanged;
    expect(seen).toMatchObject({ to: 'CONFIRMED', replayed: false, order: { code: orders[0]!.code } });

    // Redis is killed; writes go on.
    await redis.kill();
    await until(() => logged.some((m) => m.startsWith('Redis unreachable')), 'outage logged');
    await confirm(orders[1]!.id);
    await confirm(orders[2]!.id);

    // Redis is started again (empty: it kept nothing); the client reconnects and resumes after the last event it saw.
    const restartedAt = Date.now();
    await redis.start();
    await until(() => logged.some((m) => m.startsWith('Redis reachable again')), 'recovery logged', 10_000);
    await first.dispose();
    const second = wsClient(url, t.key);
    cleanups.push(() => second.dispose());
    const resumed = subscribe(second, LiveOrderStatusChangedDocument, { after: seen.eventId });
    const missed = [(await resumed.nextData()).orderStatusChanged, (await resumed.nextData()).orderStatusChanged];
    expect(missed.map((e) => [e.order.code, e.to, e.replayed])).toEqual([
      [orders[1]!.code, 'CONFIRMED', true],
      [orders[2]!.code, 'CONFIRMED', true],
    ]);
    // Then live again, once the bus's re-SUBSCRIBE after the reconnect has landed:
    // probe it with an internal event until one comes back through Redis.
    const probe = app.events.subscribe('apiKeyRevoked', t.id);
    let back = false;
    void probe.next().then(() => (back = true));
    for (let i = 0; i < 100 && !back; i++) {
      app.events.publish('apiKeyRevoked', { tenantId: t.id, apiKeyId: -1, at: new Date().toISOString() });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await probe.return?.();
    expect(back).toBe(true);
    console.log(`Redis outage: writes went on; live events through Redis again ${Date.now() - restartedAt} ms after Redis restarted`);
    await confirm(orders[3]!.id);
    const next = (await resumed.nextData(5_000)).orderStatusChanged;
    expect([next.order.code, next.to, next.replayed]).toEqual([orders[3]!.code, 'CONFIRMED', false]);

    // The partner's endpoint heard of all four, Redis or not.
    await until(() => receiver.bodies.length >= 4, 'four webhook requests', 10_000);
    const codes = new Set(orders.map((o) => encodeGlobalID('Order', o.id)));
    expect(receiver.bodies.map((b) => b.type)).toEqual(Array(4).fill('order.status_changed'));
    expect(new Set(receiver.bodies.map((b) => b.data.order))).toEqual(codes);
    expect(new Set(receiver.bodies.map((b) => b.id)).size).toBe(4);
  });
});
