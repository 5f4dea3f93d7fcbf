// npm run bench:live — live subscriptions under load on one instance.
//
// The server runs in a child process (so its memory is its own): the app over
// in-process PGlite (or DATABASE_URL), one tenant, a few orders. This process
// opens 1,000, 5,000 and 10,000 graphql-ws subscribers (one connection each,
// `orderStatusChanged` selecting the order's code and status), then asks the
// server to drive status transitions at a steady rate. The server reports each
// commit time (an after-commit hook that runs before the event is published);
// latency is commit -> receipt by the client. Both processes are on this machine,
// so they share the clock.
//
// Knobs (environment): STEPS=1000,5000,10000  RATE=2 (transitions/s)  SECONDS=10
//   QUERY=full|small  DATABASE_URL (default: PGlite in memory)  PROFILE=1
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
// Wall clock: both processes read the same one (performance.timeOrigin differs per process).
const now = () => Date.now();

type ToServer = { type: 'count'; id: number } | { type: 'memory'; id: number } | { type: 'cpu'; id: number } | { type: 'drive'; id: number; rate: number; seconds: number } | { type: 'stop'; id: number };
type FromServer =
  | { type: 'ready'; port: number; key: string }
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'commit'; eventId: number; at: number };

// ---------------------------------------------------------------- server role
async function server() {
  const { createApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/config.js');
  const { createLogger } = await import('../src/logger.js');
  const { createApiKey } = await import('../src/auth/api-keys.js');
  const { transaction } = await import('../src/db/transaction.js');
  const { appendOrderEvent } = await import('../src/orders/order-event-log.js');

  const config = loadConfig({
    ...process.env,
    DEMO: 'false',
    LOG_LEVEL: 'warn',
    DATA_DIR: 'memory://',
    NODE_ENV: 'production',
    DOCUMENT_URL_SECRET: process.env.DOCUMENT_URL_SECRET ?? 'bench-document-url-secret-0123456789abcdef',
    EXPORT_URL_SECRET: 'bench-export-url-secret-0123456789abcdef',
    LIVE_MAX_SUBSCRIPTIONS_PER_KEY: '1000000',
    // One key holds every subscriber: the fan-out is measured here, not the key's budget
    // (each delivered event would be charged to it, and the live cost capped).
    LIVE_MAX_COST_PER_KEY: '100000000',
    LIVE_MAX_COST_PER_TENANT: '1000000000',
    RATE_LIMIT_RESTORE_RATE: '0',
  });
  const app = await createApp(config, { logger: createLogger('warn') });
  const prisma = app.db.prisma;
  const tenant = await prisma.tenant.create({ data: { slug: `bench-${Date.now()}`, name: 'Bench' } });
  const { key } = await createApiKey(prisma, { tenantId: tenant.id, name: 'bench', role: 'OWNER' });
  const customer = await prisma.customer.create({ data: { tenantId: tenant.id, name: 'Budi Santoso', phone: '081234567890' } });
  const orders: Array<{ id: number }> = [];
  for (let i = 0; i < 20; i++) {
    orders.push(await prisma.order.create({ data: { tenantId: tenant.id, code: `B-${i}`, status: 'CONFIRMED', customerId: customer.id } }));
  }
  const port = await app.start(0, '127.0.0.1');
  const send = (message: FromServer) => process.send!(message);
  send({ type: 'ready', port, key });

  let turn = 0;
  const transition = async () => {
    const order = orders[turn++ % orders.length]!;
    const current = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true } });
    const to = current.status === 'CONFIRMED' ? 'PROCESSING' : 'CONFIRMED';
    let committedAt = 0;
    const event = await transaction({ prisma, events: app.events, log: app.log }, async (scope) => {
      // Registered before appendOrderEvent queues the publish: runs first after COMMIT.
      scope.afterCommit(() => {
        committedAt = now();
      });
      await scope.tx.order.update({ where: { id: order.id }, data: { status: to } });
      return appendOrderEvent(scope, { tenantId: tenant.id, orderId: order.id, type: 'bench', fromStatus: current.status, toStatus: to });
    });
    send({ type: 'commit', eventId: event.id, at: committedAt });
  };

  // Event loop delay while driving: how long a fan-out holds the loop.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();

  // The bench process went away (crash, Ctrl-C): do not linger.
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (message: ToServer) => {
    const reply = (value: unknown) => send({ type: 'reply', id: message.id, value });
    if (message.type === 'count') reply(app.events.subscriberCount?.() ?? 0);
    if (message.type === 'memory') {
      global.gc?.();
      global.gc?.();
      reply(process.memoryUsage());
    }
    if (message.type === 'cpu') {
      // CPU since start (user + system, µs) and the loop delay since the last ask (then reset).
      const ms = (ns: number) => Math.round(ns / 1e5) / 10;
      reply({ cpu: process.cpuUsage(), loopP99Ms: ms(loopDelay.percentile(99)), loopMaxMs: ms(loopDelay.max) });
      loopDelay.reset();
    }
    if (message.type === 'drive') {
      const interval = 1000 / message.rate;
      const total = Math.round(message.rate * message.seconds);
      const start = now();
      let lag = 0;
      for (let i = 0; i < total; i++) {
        const due = start + i * interval;
        const wait = due - now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        else lag = Math.max(lag, -wait);
        await transition();
      }
      reply({ transitions: total, seconds: (now() - start) / 1000, maxStartLagMs: Math.round(lag) });
    }
    if (message.type === 'stop') {
      await app.stop({ timeoutMs: 5_000 });
      reply(true);
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------- client role
async function main() {
  const { createClient } = await import('graphql-ws');
  const { default: WebSocket } = await import('ws');
  const steps = (process.env.STEPS ?? '1000,5000,10000').split(',').map(Number);
  const rate = Number(process.env.RATE ?? 2);
  const seconds = Number(process.env.SECONDS ?? 10);
  const query =
    process.env.QUERY === 'small'
      ? 'subscription { orderStatusChanged { eventId to } }'
      : 'subscription { orderStatusChanged { eventId sequence from to at order { code status customer { name } } } }';

  // PROFILE=1: the server writes a V8 CPU profile into bench/profiles/ (read it with bench/cpuprofile-top.mjs).
  const profile = process.env.PROFILE === '1' ? ['--cpu-prof', '--cpu-prof-dir', 'bench/profiles'] : [];
  const child: ChildProcess = fork(SELF, ['--server'], { execArgv: ['--import', 'tsx', '--expose-gc', ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const commits = new Map<number, number>();
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 1;
  const ready = new Promise<{ port: number; key: string }>((resolve) => {
    child.on('message', (message: FromServer) => {
      if (message.type === 'ready') resolve(message);
      if (message.type === 'commit') commits.set(message.eventId, message.at);
      if (message.type === 'reply') pending.get(message.id)?.(message.value), pending.delete(message.id);
    });
  });
  type Ask = ToServer extends infer M ? (M extends ToServer ? Omit<M, 'id'> : never) : never;
  const ask = <T>(message: Ask): Promise<T> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve as (v: unknown) => void);
      child.send({ ...message, id });
    });
  const { port, key } = await ready;
  const url = `ws://127.0.0.1:${port}/graphql`;

  // Received event ids (global ids decoded) with their receipt time, per measuring round.
  let receipts: Array<[number, number]> = [];
  const clients: Array<ReturnType<typeof createClient>> = [];
  let failures = 0;
  const open = () => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      // Under a burst of 10,000 connects a few are refused (listen backlog); they retry and re-subscribe.
      retryAttempts: 20,
      shouldRetry: () => true,
      keepAlive: 0,
      connectionParams: { authorization: `Bearer ${key}` },
      onNonLazyError: () => {},
    });
    client.subscribe(
      { query },
      {
        next: (result) => {
          const at = now();
          const gid = (result.data as { orderStatusChanged: { eventId: string } }).orderStatusChanged.eventId;
          const eventId = Number(Buffer.from(gid, 'base64').toString().split(':')[1]);
          receipts.push([eventId, at]);
        },
        error: () => {
          failures++;
        },
        complete: () => {},
      },
    );
    clients.push(client);
  };

  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const base = await ask<NodeJS.MemoryUsage>({ type: 'memory' });
  console.log(`server idle, no subscribers: rss ${mb(base.rss)} MB, heap ${mb(base.heapUsed)} MB`);
  console.log(`rate ${rate} transitions/s for ${seconds} s per step; query: ${query}\n`);
  const rows = [];
  for (const target of steps) {
    const openStart = now();
    while (clients.length < target) {
      const batch = Math.min(200, target - clients.length);
      for (let i = 0; i < batch; i++) open();
      // Let the batch connect before the next one (bounded listen backlog).
      while ((await ask<number>({ type: 'count' })) < clients.length) await new Promise((r) => setTimeout(r, 20));
    }
    const openSeconds = (now() - openStart) / 1000;
    const idle = await ask<NodeJS.MemoryUsage>({ type: 'memory' });

    receipts = [];
    commits.clear();
    type Cpu = { cpu: NodeJS.CpuUsage; loopP99Ms: number; loopMaxMs: number };
    const serverBefore = await ask<Cpu>({ type: 'cpu' });
    const clientBefore = process.cpuUsage();
    const drive = await ask<{ transitions: number; seconds: number; maxStartLagMs: number }>({ type: 'drive', rate, seconds });
    const expected = drive.transitions * target;
    const deadline = now() + 30_000;
    while (receipts.length < expected && now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const serverAfter = await ask<Cpu>({ type: 'cpu' });
    const clientCpu = process.cpuUsage(clientBefore);
    const busy = await ask<NodeJS.MemoryUsage>({ type: 'memory' });
    const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
    const serverCpuMs = cpuMs(serverAfter.cpu) - cpuMs(serverBefore.cpu);
    const latencies = receipts
      .map(([eventId, at]) => at - (commits.get(eventId) ?? NaN))
      .filter((ms) => Number.isFinite(ms))
      .sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
    const lastReceipt = receipts.reduce((max, [, at]) => Math.max(max, at), 0);
    const firstCommit = [...commits.values()].reduce((min, at) => Math.min(min, at), Infinity);
    const row = {
      subscribers: target,
      delivered: `${receipts.length}/${expected}`,
      'p50 ms': Math.round(pct(50)),
      'p99 ms': Math.round(pct(99)),
      'max ms': Math.round(latencies[latencies.length - 1] ?? NaN),
      'events/s': Math.round(receipts.length / ((lastReceipt - firstCommit) / 1000)),
      // Server CPU (PGlite included: it runs in the server) over the drive and the drain, per
      // transition and per 1,000 deliveries: steadier than latency when the machine is shared.
      'srv CPU ms/event': Math.round(serverCpuMs / drive.transitions),
      'srv CPU ms/1k deliv': Math.round((serverCpuMs / receipts.length) * 1000 * 10) / 10,
      'client CPU ms/1k deliv': Math.round((cpuMs(clientCpu) / receipts.length) * 1000 * 10) / 10,
      'loop p99/max ms': `${serverAfter.loopP99Ms}/${serverAfter.loopMaxMs}`,
      load: readFileSync('/proc/loadavg', 'utf8').split(' ')[0],
      'rss MB (idle)': mb(idle.rss),
      'heap MB (idle)': mb(idle.heapUsed),
      'KB/idle sub': Math.round(((idle.rss - base.rss) / target / 1024) * 10) / 10,
      'heap KB/idle sub': Math.round(((idle.heapUsed - base.heapUsed) / target / 1024) * 10) / 10,
      'rss MB (after load)': mb(busy.rss),
      'connect s': Math.round(openSeconds * 10) / 10,
      'failed subs': failures,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  console.log();
  console.table(rows);
  await Promise.all(clients.map((c) => c.dispose()));
  await ask({ type: 'stop' });
  process.exit(0);
}

if (process.argv.includes('--server')) await server();
else await main();
