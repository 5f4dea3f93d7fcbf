// kill -9 of the server in the middle of a burst of writes, then a restart: every
// change that committed reaches the webhook receiver (at least once, de-duplicated
// by event id), and nothing that did not commit is sent. The real server process
// on PostgreSQL (several processes share the database), so it runs in CI's
// PostgreSQL pass only.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_BACKGROUND_WORK } from '../support/app.js';
import { newTenant } from '../support/tenant.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const onPostgres = !!process.env.DATABASE_URL;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function startServer(port: number, tenantId: number): ChildProcess {
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO: 'false',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    API_KEY_CACHE_MS: '0',
    RATE_LIMIT_RESTORE_RATE: '0',
    WEBHOOKS_POLL_MS: '100',
    WEBHOOKS_TIMEOUT_MS: '1000',
    WEBHOOKS_RETRY_BASE_MS: '50',
    WEBHOOKS_RETRY_MAX_MS: '200',
    WEBHOOKS_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
    // Other test files share the database: this server relays this test's tenant only, and runs no other background work.
    ...NO_BACKGROUND_WORK,
    WEBHOOKS_RELAY: 'true',
    WEBHOOKS_RELAY_TENANTS: String(tenantId),
  };
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: 'ignore' });
}

async function waitReady(port: number, deadlineMs = 90_000) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server not ready');
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe.skipIf(!onPostgres)('webhooks across a crash', () => {
  it('delivers every committed change after kill -9 and a restart, and nothing that did not commit', async () => {
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ price: '5000', stock: { [warehouse.id]: 10_000 } }] });
    const customer = await t.customer();

    // A slow receiver: deliveries are still queued or in flight when the server dies.
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(body);
        setTimeout(() => res.end('ok'), 20);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

    const port = await freePort();
    const first = startServer(port, t.id);
    children.push(first);
    await waitReady(port);
    const post = (query: string) =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      }).then((r) => r.json() as Promise<{ data?: Record<string, { order?: { id: string } }> }>);
    const created = await post(`mutation { webhookEndpointCreate(input: { url: "${url}", eventTypes: ["order.created"] }) { __typename } }`);
    expect(created.data?.webhookEndpointCreate).toEqual({ __typename: 'WebhookEndpointSecretPayload' });

    // A burst of 60 order creations, 6 at a time; the server is killed after the 25th answer.
    const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');
    const create = `mutation { orderCreate(input: { customer: "${gid('Customer', customer.id)}", items: [{ variation: "${gid('Variation', variations[0]!.id)}", quantity: 1 }] }) { ... on OrderCreatePayload { order { id } } } }`;
    const acknowledged = new Set<string>();
    let answers = 0;
    const worker = async () => {
      for (let i = 0; i < 10; i++) {
        const answer = await post(create).catch(() => undefined);
        const id = answer?.data?.orderCreate?.order?.id;
        if (id) acknowledged.add(id);
        if (++answers === 25) first.kill('SIGKILL');
        if (first.exitCode !== null || first.signalCode) return;
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    if (first.exitCode === null && first.signalCode === null) await once(first, 'exit');
    expect(first.signalCode).toBe('SIGKILL');
    const deliveredBeforeRestart = received.length;

    // Restarted, the server sends what the dead one had not: leases of requests it had in flight expire and are taken over.
    const second = startServer(port, t.id);
    children.push(second);
    await waitReady(port);
    const committed = (await t.prisma.order.findMany({ where: { tenantId: t.id }, select: { id: true } })).map((o) => gid('Order', o.id));
    const until = Date.now() + 60_000;
    const deliveredOrders = () => new Set(received.map((body) => (JSON.parse(body) as { data: { order: string } }).data.order));
    while (Date.now() < until && committed.some((id) => !deliveredOrders().has(id))) await new Promise((r) => setTimeout(r, 100));
    second.kill('SIGTERM');
    receiver.close();

    const delivered = deliveredOrders();
    // Every acknowledged write committed; every committed order was delivered; nothing else was.
    for (const id of acknowledged) expect(committed).toContain(id);
    expect([...delivered].sort()).toEqual([...committed].sort());
    const ids = received.map((body) => (JSON.parse(body) as { id: string }).id);
    console.info(
      `crash: ${acknowledged.size} writes acknowledged before kill -9, ${committed.length} committed, ` +
        `${deliveredBeforeRestart} requests before the restart, ${received.length} in all (${received.length - new Set(ids).size} repeats, de-duplicated by event id)`,
    );
  }, 180_000);
});
