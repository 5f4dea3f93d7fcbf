// Webhooks from the outbox, through the API as a partner's admin uses them, to a
// real HTTP receiver on 127.0.0.1: signed requests (checked here with an HMAC of
// the test's own), order per order, retries until acknowledged, an endpoint
// disabled after failing in a row, the integration log, a resend, two relays on one
// database, and server-side request forgery refused.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type WebhooksConfig } from '../../src/config.js';
import { webhookClient } from '../../src/http/webhook-client.js';
import { startOutboxRelay, type OutboxRelay } from '../../src/webhooks/relay.js';
import { testApp } from '../support/app.js';
import { execute } from '../support/execute.js';
import { newTenant, tenantsCreatedHere, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: { id: string; type: string; sequence: number; createdAt: string; data: Record<string, unknown> };
  answered: number;
}

/** An HTTP receiver: answers each request with what `answer` says (status, delay), and records everything. */
class Receiver {
  server: Server;
  received: Received[] = [];
  answer: (request: Received, index: number) => { status: number; delayMs?: number } = () => ({ status: 200 });
  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const entry: Received = { headers: req.headers, body, json: JSON.parse(body), answered: 0 };
        const { status, delayMs = 0 } = this.answer(entry, this.received.length);
        entry.answered = status;
        this.received.push(entry);
        setTimeout(() => res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `failing on purpose (${status})`), delayMs);
      });
    });
  }
  async listen() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }
  close() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
  /** Requests acknowledged (2xx), by event id. */
  acknowledged() {
    const ids = new Map<string, number>();
    for (const r of this.received) if (r.answered < 300) ids.set(r.json.id, (ids.get(r.json.id) ?? 0) + 1);
    return ids;
  }
}

let relays: OutboxRelay[] = [];
const receivers: Receiver[] = [];

async function relay(overrides: Partial<WebhooksConfig> = {}) {
  const { app } = await testApp();
  const config: WebhooksConfig = {
    ...loadConfig({}).webhooks,
    pollMs: 50,
    retryBaseMs: 20,
    retryMaxMs: 100,
    timeoutMs: 5_000, // a loaded machine answers slowly; a timeout here would be a retry, not a failure
    disableAfterFailures: 50,
    allowedPrivateHosts: ['127.0.0.1'],
    requireHttps: false,
    relayTenants: tenantsCreatedHere,
    ...overrides,
  };
  const started = await startOutboxRelay({ db: app.db, events: app.events, log: app.log, config, post: webhookClient(config) });
  relays.push(started);
  return started;
}

async function receiver() {
  const r = new Receiver();
  receivers.push(r);
  return { r, url: await r.listen() };
}

afterAll(async () => {
  await Promise.all(relays.map((r) => r.stop()));
  relays = [];
  await Promise.all(receivers.map((r) => r.close()));
});

/** Drains the relays until the tenant has nothing left to relay or send (retries included), or fails after 60 s (CI machines can be loaded). */
async function settle(t: TestTenant, ...running: OutboxRelay[]) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await Promise.all(running.map((r) => r.drain()));
    const [unrelayed, pending] = await Promise.all([
      t.prisma.outboxEvent.count({ where: { tenantId: t.id, relayedAt: null } }),
      t.prisma.webhookDelivery.count({ where: { tenantId: t.id, status: 'PENDING', endpoint: { enabled: true } } }),
    ]);
    if (!unrelayed && !pending) return;
    if (Date.now() > deadline) throw new Error(`not settled: ${unrelayed} events not relayed, ${pending} deliveries pending`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function gql<T = Record<string, Record<string, unknown>>>(key: string, document: string, variables: Record<string, unknown> = {}) {
  const response = await execute<T, Record<string, unknown>>(key, document, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

async function createEndpoint(t: TestTenant, url: string, eventTypes: string[]) {
  const data = await gql<{ webhookEndpointCreate: { __typename: string; secret: string; endpoint: { id: string; enabled: boolean } } }>(
    t.key,
    `mutation ($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) { __typename ... on WebhookEndpointSecretPayload { secret endpoint { id enabled } } ... on Error { message } } }`,
    { input: { url, eventTypes } },
  );
  expect(data.webhookEndpointCreate.__typename).toBe('WebhookEndpointSecretPayload');
  return data.webhookEndpointCreate;
}

/** A shop with stock and a customer; orders are created and moved through the API. */
async function shop() {
  const t = await newTenant();
  const warehouse = await t.warehouse();
  const { variations } = await t.product({ variations: [{ price: '10000', stock: { [warehouse.id]: 1000 } }] });
  const customer = await t.customer();
  return { t, variation: variations[0]!.id, customer: customer.id };
}

async function createOrder(s: Awaited<ReturnType<typeof shop>>) {
  const data = await gql<{ orderCreate: { order: { id: string } } }>(
    s.t.key,
    `mutation { orderCreate(input: { customer: "${gid('Customer', s.customer)}", items: [{ variation: "${gid('Variation', s.variation)}", quantity: 1 }] }) { ... on OrderCreatePayload { order { id } } } }`,
  );
  return data.orderCreate.order.id;
}

async function transition(key: string, mutation: string, order: string, extra = '') {
  const data = await gql(key, `mutation { ${mutation}(input: { order: "${order}"${extra} }) { __typename } }`);
  expect(data[mutation]!.__typename, mutation).not.toMatch(/Error$/);
}

function hmacHex(secret: string, payload: string) {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

describe('webhook endpoints', () => {
  it('refuses URLs that would reach the server\'s own network, unknown event types, and shows the secret once', async () => {
    const t = await newTenant();
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://10.1.2.3/hook', 'http://localhost:8080/x', 'http://[::1]/x', 'ftp://partner.example.com/x', 'https://user:pw@partner.example.com/x']) {
      const data = await gql<{ webhookEndpointCreate: { __typename: string; problems: Array<{ path: string[]; message: string }> } }>(
        t.key,
        `mutation ($url: String!) { webhookEndpointCreate(input: { url: $url, eventTypes: ["*"] }) { __typename ... on ValidationError { problems { path message } } } }`,
        { url },
      );
      expect(data.webhookEndpointCreate, url).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['url'] }] });
    }
    const unknown = await gql<{ webhookEndpointCreate: { __typename: string; problems: Array<{ path: string[] }> } }>(
      t.key,
      `mutation { webhookEndpointCreate(input: { url: "https://partner.example.com/x", eventTypes: ["order.created", "order.teleported"] }) { __typename ... on ValidationError { problems { path } } } }`,
    );
    expect(unknown.webhookEndpointCreate).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['eventTypes', '1'] }] });
    expect(await t.prisma.webhookEndpoint.count({ where: { tenantId: t.id } })).toBe(0);

    const created = await createEndpoint(t, 'https://partner.example.com/hooks', ['order.created']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    const read = await gql<{ webhookEndpoints: { totalCount: number; edges: Array<Record<string, unknown>> } }>(
      t.key,
      `{ webhookEndpoints { totalCount edges { node { url eventTypes enabled consecutiveFailures } } } }`,
    );
    expect(read.webhookEndpoints).toEqual({ totalCount: 1, edges: [{ node: { url: 'https://partner.example.com/hooks', eventTypes: ['order.created'], enabled: true, consecutiveFailures: 0 } }] });
  });
});

describe('a tenant without endpoints', () => {
  it('leaves its commits to the poll, and has its events sent at once again when it makes an endpoint', async () => {
    // The only relay running in this file now; a poll far away, so whatever happens sooner was woken.
    const quiet = await relay({ pollMs: 60_000 });
    const s = await shop();
    const unrelayed = () => s.t.prisma.outboxEvent.count({ where: { tenantId: s.t.id, relayedAt: null } });
    const until = async (what: string, done: () => Promise<boolean>) => {
      const deadline = Date.now() + 20_000;
      while (!(await done())) {
        if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    // The first commit starts a round, which finds no endpoint ...
    await createOrder(s);
    await until('the first order relayed', async () => (await unrelayed()) === 0);
    // ... so the next commits wait for the poll.
    await createOrder(s);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await unrelayed()).toBeGreaterThan(0);

    // An endpoint made through the API wakes the relay: what waited is numbered, and what follows is sent at once.
    const { r, url } = await receiver();
    await createEndpoint(s.t, url, ['order.created']);
    await until('the waiting events relayed', async () => (await unrelayed()) === 0);
    const order = await createOrder(s);
    await until('the new order sent', async () => r.received.some((x) => x.json.data.order === order));
    await quiet.stop();
    relays = relays.filter((x) => x !== quiet);
  });
});

describe('webhook delivery', () => {
  let relayed: OutboxRelay;
  beforeAll(async () => {
    relayed = await relay();
  });
  afterAll(() => relayed.stop());

  it('sends each committed event once, signed with the endpoint secret (Stripe scheme), with global ids', async () => {
    const s = await shop();
    const { r, url } = await receiver();
    const { secret } = await createEndpoint(s.t, url, ['order.created', 'order.status_changed']);
    const order = await createOrder(s);
    await transition(s.t.key, 'orderConfirm', order);
    await settle(s.t, relayed);

    // Creation is the order's first event (into PENDING), then the confirmation.
    expect(r.received.map((x) => [x.json.type, x.json.data.to ?? x.json.data.status])).toEqual([
      ['order.created', 'PENDING'],
      ['order.status_changed', 'PENDING'],
      ['order.status_changed', 'CONFIRMED'],
    ]);
    for (const request of r.received) {
      const header = String(request.headers['ordergraph-signature']);
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
      expect(v1, header).toBe(hmacHex(secret, `${t}.${request.body}`));
      expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(60);
      expect(request.headers['ordergraph-event-id']).toBe(request.json.id);
      expect(request.json.data.order).toBe(order);
      expect(request.json.data.orderId).toBeUndefined();
    }
    expect(r.received[2]!.json.data).toMatchObject({ from: 'PENDING', to: 'CONFIRMED', transition: 'confirm' });
    // Each status change names its entry of the order's history, with the entry's number and time; the creation carries the first entry's time.
    const history = await gql<{ node: { events: Array<{ id: string; sequence: number; createdAt: string }> } }>(
      s.t.key,
      `query ($id: ID!) { node(id: $id) { ... on Order { events { id sequence createdAt } } } }`,
      { id: order },
    );
    const [first, second] = history.node.events;
    expect(r.received.map((x) => x.json.data)).toEqual([
      expect.objectContaining({ at: first!.createdAt }),
      expect.objectContaining({ orderEvent: first!.id, sequence: 1, at: first!.createdAt }),
      expect.objectContaining({ orderEvent: second!.id, sequence: 2, at: second!.createdAt }),
    ]);
    expect(Object.keys(r.received[0]!.json.data).sort()).toEqual(['at', 'order', 'status']);
    // Per tenant, the relay numbers events 1, 2, ... in the order it took them.
    expect(r.received.map((x) => x.json.sequence)).toEqual([1, 2, 3]);
  });

  it('keeps each order\'s events in order while requests to a slow receiver overlap', async () => {
    const s = await shop();
    const { r, url } = await receiver();
    // Random slowness: requests of different orders overtake each other, those of one order must not.
    r.answer = (_req, i) => ({ status: 200, delayMs: (i * 37) % 60 });
    await createEndpoint(s.t, url, ['order.status_changed']);
    const orders = await Promise.all(Array.from({ length: 6 }, () => createOrder(s)));
    await Promise.all(
      orders.map(async (order) => {
        await transition(s.t.key, 'orderConfirm', order);
        await transition(s.t.key, 'orderProcess', order);
        await transition(s.t.key, 'orderPack', order);
        await transition(s.t.key, 'orderCancel', order, ', reason: OTHER');
      }),
    );
    await settle(s.t, relayed);
    for (const order of orders) {
      const mine = r.received.filter((x) => x.json.data.order === order).map((x) => x.json.data.to);
      expect(mine, order).toEqual(['PENDING', 'CONFIRMED', 'PROCESSING', 'PACKED', 'CANCELLED']);
    }
    expect(r.received).toHaveLength(30);
  });

  it('retries a failing receiver with backoff until it acknowledges: every event once, every attempt in the log', async () => {
    const s = await shop();
    const { r, url } = await receiver();
    // The first 5 requests fail (500), then the receiver is back.
    r.answer = (_req, i) => ({ status: i < 5 ? 500 : 200 });
    await createEndpoint(s.t, url, ['order.created']);
    const orders = [await createOrder(s), await createOrder(s)];
    await settle(s.t, relayed);

    // Two events; requests failed until the receiver was back, then each was acknowledged once.
    expect([...r.acknowledged().values()]).toEqual([1, 1]);
    expect(r.received).toHaveLength(7);
    let attempts = 0;
    for (const order of orders) {
      const log = await gql<{ order: { integrationLog: { totalCount: number; edges: Array<{ node: { statusCode: number; error: string | null; latencyMs: number } }> } } }>(
        s.t.key,
        `query ($id: ID!) { order(id: $id) { integrationLog(first: 20) { totalCount edges { node { statusCode error latencyMs } } } } }`,
        { id: order },
      );
      const codes = log.order.integrationLog.edges.map((e) => e.node.statusCode);
      attempts += log.order.integrationLog.totalCount;
      // Latest first: the success, then the failures before it, each with the receiver's status and why it failed.
      expect(codes, order).toEqual([200, ...Array(codes.length - 1).fill(500)]);
      expect(log.order.integrationLog.edges.slice(1).every((e) => e.node.error === 'answered HTTP 500')).toBe(true);
      expect(log.order.integrationLog.edges[0]!.node.error).toBeNull();
    }
    expect(attempts).toBe(7);
    const endpoint = await s.t.prisma.webhookEndpoint.findFirstOrThrow({ where: { tenantId: s.t.id } });
    expect(endpoint.consecutiveFailures).toBe(0);
  });

  it('sends a delivered event again on request (same event id), and refuses while one is still pending', async () => {
    const s = await shop();
    const { r, url } = await receiver();
    await createEndpoint(s.t, url, ['order.created']);
    await createOrder(s);
    await settle(s.t, relayed);
    const delivery = await s.t.prisma.webhookDelivery.findFirstOrThrow({ where: { tenantId: s.t.id } });
    const retried = await gql<{ webhookDeliveryRetry: { __typename: string; delivery: { status: string } } }>(
      s.t.key,
      `mutation ($id: ID!) { webhookDeliveryRetry(input: { delivery: $id }) { __typename ... on WebhookDeliveryRetryPayload { delivery { status } } } }`,
      { id: gid('WebhookDelivery', delivery.id) },
    );
    expect(retried.webhookDeliveryRetry).toEqual({ __typename: 'WebhookDeliveryRetryPayload', delivery: { status: 'PENDING' } });
    const again = await gql<{ webhookDeliveryRetry: { __typename: string } }>(
      s.t.key,
      `mutation ($id: ID!) { webhookDeliveryRetry(input: { delivery: $id }) { __typename } }`,
      { id: gid('WebhookDelivery', delivery.id) },
    );
    expect(again.webhookDeliveryRetry.__typename).toBe('WebhookDeliveryPendingError');
    await settle(s.t, relayed);
    expect(r.received.map((x) => x.json.id)).toEqual([`evt_${delivery.eventId}`, `evt_${delivery.eventId}`]);
  });
});

describe('a backlog of one order', () => {
  it('is sent in order, one request after the other, and a failure in the middle holds back the rest until it is acknowledged', async () => {
    const s = await shop();
    const { r, url } = await receiver();
    await createEndpoint(s.t, url, ['order.status_changed']);
    // Written while no relay runs: the order's five events wait together and are claimed together.
    const order = await createOrder(s);
    await transition(s.t.key, 'orderConfirm', order);
    await transition(s.t.key, 'orderProcess', order);
    await transition(s.t.key, 'orderPack', order);
    await transition(s.t.key, 'orderCancel', order, ', reason: OTHER');
    // The second request (CONFIRMED) fails once.
    r.answer = (_req, i) => ({ status: i === 1 ? 503 : 200 });
    const late = await relay();
    await settle(s.t, late);
    expect(r.received.map((x) => [x.json.data.to, x.answered])).toEqual([
      ['PENDING', 200],
      ['CONFIRMED', 503],
      ['CONFIRMED', 200],
      ['PROCESSING', 200],
      ['PACKED', 200],
      ['CANCELLED', 200],
    ]);
    expect([...r.acknowledged().values()]).toEqual([1, 1, 1, 1, 1]);
    const deliveries = await s.t.prisma.webhookDelivery.findMany({ where: { tenantId: s.t.id }, orderBy: { eventId: 'asc' } });
    expect(deliveries.map((d) => [d.status, d.attempts, d.leaseUntil])).toEqual([
      ['DELIVERED', 1, null],
      ['DELIVERED', 2, null],
      ['DELIVERED', 1, null],
      ['DELIVERED', 1, null],
      ['DELIVERED', 1, null],
    ]);
    await late.stop();
  });
});

describe('an endpoint that keeps failing', () => {
  it('is disabled after the configured failures in a row, and the tenant hears of it on its other endpoints', async () => {
    const relayed = await relay({ disableAfterFailures: 4 });
    const s = await shop();
    const failing = await receiver();
    failing.r.answer = () => ({ status: 503 });
    const watcher = await receiver();
    const bad = await createEndpoint(s.t, failing.url, ['order.created']);
    await createEndpoint(s.t, watcher.url, ['webhook.endpoint_disabled']);
    await createOrder(s);
    await settle(s.t, relayed);

    expect(failing.r.received).toHaveLength(4);
    const read = await gql<{ webhookEndpoint: { enabled: boolean; disabledReason: string; consecutiveFailures: number } }>(
      s.t.key,
      `query ($id: ID!) { webhookEndpoint(id: $id) { ... on WebhookEndpoint { enabled disabledReason consecutiveFailures } } }`,
      { id: bad.endpoint.id },
    );
    expect(read.webhookEndpoint).toEqual({ enabled: false, disabledReason: '4 failed attempts in a row; last: answered HTTP 503', consecutiveFailures: 4 });
    expect(watcher.r.received.map((x) => [x.json.type, x.json.data.endpoint, x.json.data.consecutiveFailures])).toEqual([['webhook.endpoint_disabled', bad.endpoint.id, 4]]);

    // Enabled again, the waiting event goes out once the receiver is back.
    failing.r.answer = () => ({ status: 200 });
    await gql(s.t.key, `mutation ($id: ID!) { webhookEndpointEnable(input: { endpoint: $id }) { __typename } }`, { id: bad.endpoint.id });
    await settle(s.t, relayed);
    expect([...failing.r.acknowledged().values()]).toEqual([1]);
    await relayed.stop();
  });
});

describe('two relays on one database', () => {
  it('share the work without sending any event twice', async () => {
    const [a, b] = [await relay(), await relay()];
    const s = await shop();
    const { r, url } = await receiver();
    await createEndpoint(s.t, url, ['*']);
    const orders = await Promise.all(Array.from({ length: 8 }, () => createOrder(s)));
    await Promise.all(orders.map((order) => transition(s.t.key, 'orderConfirm', order)));
    await settle(s.t, a, b);
    const acknowledged = r.acknowledged();
    const events = await s.t.prisma.outboxEvent.count({ where: { tenantId: s.t.id } });
    // 8 created, 8 confirmed, and a stock change per confirm that reserves nothing: count from the outbox itself.
    expect(events).toBeGreaterThanOrEqual(16);
    expect(acknowledged.size).toBe(events);
    expect([...acknowledged.values()].every((n) => n === 1)).toBe(true);
    // The tenant's sequence has no gap and no repeat.
    const sequences = (await s.t.prisma.outboxEvent.findMany({ where: { tenantId: s.t.id }, select: { sequence: true } })).map((e) => e.sequence).sort((x, y) => x! - y!);
    expect(sequences).toEqual(Array.from({ length: events }, (_, i) => i + 1));
    await Promise.all([a.stop(), b.stop()]);
  });
});
