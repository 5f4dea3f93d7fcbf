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
// Before any socket is opened, the open-file limit is checked against the largest
// step (bench/lib/fd-limit.ts): raised when it may be (the server, forked
// afterwards, inherits it), else the bench refuses to start and says how. Every
// wait has a deadline: connecting a step (CONNECT_TIMEOUT_S, default 30 s + 10 s
// per 1,000 subscribers), the drain after driving (30 s), each question to the
// server; a step that misses one reports what it reached (subscribers connected,
// connect errors, closes, missing deliveries) and the bench ends with exit 1
// instead of hanging. Each step prints its connect time (p50/p99 from a client's
// start to its connection_ack, and the wall time to open all of them).
//
// Knobs (environment): STEPS=1000,5000,10000  RATE=2 (transitions/s)  SECONDS=10
//   QUERY=full|small  DATABASE_URL (default: PGlite in memory)  PROFILE=1
//   DEFLATE=off|on|both: the server's permessage-deflate (LIVE_PER_MESSAGE_DEFLATE; the
//   clients offer it); "both" runs the steps on a server without, then on one with it
//   CONNECT_TIMEOUT_S  GC_FLAGS (the server's V8 flags; default package.json's config.nodeFlags, as `npm start`)
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { serverNodeFlags } from './lib/node-flags.js';

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
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pctOf = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

/** One subscriber: its connect time, failures and the event ids it received (with receipt times). */
interface Subscriber {
  startedAt: number;
  connectMs?: number;
  connectErrors: number;
  closes: number;
  subscriptionErrors: number;
  receipts: Map<number, number>;
  duplicates: number;
  dispose(): Promise<void>;
}

async function main() {
  const { ensureFileLimit } = await import('./lib/fd-limit.js');
  const steps = (process.env.STEPS ?? '1000,5000,10000').split(',').map(Number);
  if (steps.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`STEPS must list whole numbers, got '${process.env.STEPS}'`);
  const deflateModes = process.env.DEFLATE === 'both' ? [false, true] : [process.env.DEFLATE === 'on'];
  // The client process holds one socket per subscriber, and so does the server (forked below, same limit).
  ensureFileLimit(Math.max(...steps), { command: 'npm run bench:live' });
  let exitCode = 0;
  const all: Record<string, unknown>[] = [];
  for (const deflate of deflateModes) {
    const { rows, failed } = await series(steps, deflate);
    all.push(...rows);
    if (failed) exitCode = 1;
  }
  console.log();
  console.table(all);
  console.log(`load average: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  if (exitCode) console.error('bench: some step missed a deadline or lost deliveries (see "failures" above)');
  process.exit(exitCode);
}

/** One server (deflate on or off), the steps one after the other on it. */
async function series(steps: number[], deflate: boolean): Promise<{ rows: Record<string, unknown>[]; failed: boolean }> {
  const { createClient } = await import('graphql-ws');
  const { default: WebSocket } = await import('ws');
  const rate = Number(process.env.RATE ?? 2);
  const seconds = Number(process.env.SECONDS ?? 10);
  const query =
    process.env.QUERY === 'small'
      ? 'subscription { orderStatusChanged { eventId to } }'
      : 'subscription { orderStatusChanged { eventId sequence from to at order { code status customer { name } } } }';

  // PROFILE=1: the server writes a V8 CPU profile into bench/profiles/ (read it with bench/cpuprofile-top.mjs).
  const profile = process.env.PROFILE === '1' ? ['--cpu-prof', '--cpu-prof-dir', 'bench/profiles'] : [];
  // The V8 flags `npm start` runs the server with (GC_FLAGS replaces them, as in `npm run bench`; GC_FLAGS= for Node's defaults).
  const gcFlags = process.env.GC_FLAGS === undefined ? serverNodeFlags : process.env.GC_FLAGS.split(' ').filter(Boolean);
  const child: ChildProcess = fork(SELF, ['--server'], {
    execArgv: [...gcFlags, '--import', 'tsx', '--expose-gc', ...profile],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, LIVE_PER_MESSAGE_DEFLATE: deflate ? 'true' : 'false' },
  });
  const commits = new Map<number, number>();
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let serverGone: Error | undefined;
  child.on('exit', (code, signal) => {
    serverGone = new Error(`the server process exited (${signal ?? `code ${code}`})`);
    for (const { reject } of pending.values()) reject(serverGone);
    pending.clear();
  });
  const ready = new Promise<{ port: number; key: string }>((resolve, reject) => {
    child.once('exit', () => reject(serverGone));
    child.on('message', (message: FromServer) => {
      if (message.type === 'ready') resolve(message);
      if (message.type === 'commit') commits.set(message.eventId, message.at);
      if (message.type === 'reply') pending.get(message.id)?.resolve(message.value), pending.delete(message.id);
    });
  });
  type Ask = ToServer extends infer M ? (M extends ToServer ? Omit<M, 'id'> : never) : never;
  /** A question to the server, answered within timeoutMs or failed (never waited on forever). */
  const ask = <T>(message: Ask, timeoutMs = 60_000): Promise<T> =>
    new Promise((resolve, reject) => {
      if (serverGone) return reject(serverGone);
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`the server did not answer '${message.type}' within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v as T)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      child.send({ ...message, id });
    });
  const startDeadline = setTimeout(() => console.error('bench: the server has not started within 120 s'), 120_000);
  const { port, key } = await ready;
  clearTimeout(startDeadline);
  const url = `ws://127.0.0.1:${port}/graphql`;

  const subscribers: Subscriber[] = [];
  const open = (): Subscriber => {
    const sub: Subscriber = { startedAt: now(), connectErrors: 0, closes: 0, subscriptionErrors: 0, receipts: new Map(), duplicates: 0, dispose: async () => {} };
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      // Under a burst of connects a few are refused (listen backlog); they retry and re-subscribe.
      retryAttempts: 20,
      shouldRetry: () => true,
      keepAlive: 0,
      connectionParams: { authorization: `Bearer ${key}` },
      onNonLazyError: () => {},
      on: {
        connected: () => {
          sub.connectMs ??= now() - sub.startedAt;
        },
        error: () => {
          sub.connectErrors++;
        },
        closed: () => {
          sub.closes++;
        },
      },
    });
    client.subscribe(
      { query },
      {
        next: (result) => {
          const at = now();
          const gid = (result.data as { orderStatusChanged: { eventId: string } }).orderStatusChanged.eventId;
          const eventId = Number(Buffer.from(gid, 'base64').toString().split(':')[1]);
          if (sub.receipts.has(eventId)) sub.duplicates++;
          else sub.receipts.set(eventId, at);
        },
        error: () => {
          sub.subscriptionErrors++;
        },
        complete: () => {},
      },
    );
    sub.dispose = () => client.dispose() as Promise<void>;
    subscribers.push(sub);
    return sub;
  };

  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const rows: Record<string, unknown>[] = [];
  let failed = false;
  try {
    const base = await ask<NodeJS.MemoryUsage>({ type: 'memory' });
    console.log(`\nserver (permessage-deflate ${deflate ? 'on' : 'off'}) idle, no subscribers: rss ${mb(base.rss)} MB, heap ${mb(base.heapUsed)} MB`);
    console.log(`rate ${rate} transitions/s for ${seconds} s per step; query: ${query}\n`);
    for (const target of steps) {
      const connectTimeoutMs = Number(process.env.CONNECT_TIMEOUT_S ?? 30 + (10 * target) / 1000) * 1000;
      const openStart = now();
      const connectDeadline = openStart + connectTimeoutMs;
      let attached = await ask<number>({ type: 'count' });
      while (subscribers.length < target && now() < connectDeadline) {
        const batch = Math.min(200, target - subscribers.length);
        for (let i = 0; i < batch; i++) open();
        // Let the batch connect before the next one (bounded listen backlog), within the step's deadline.
        while ((attached = await ask<number>({ type: 'count' })) < subscribers.length && now() < connectDeadline) await sleep(20);
      }
      const openSeconds = (now() - openStart) / 1000;
      const connectTimes = subscribers.map((s) => s.connectMs).filter((ms): ms is number => ms !== undefined).sort((a, b) => a - b);
      const failures = () => ({
        'connect errors': subscribers.reduce((n, s) => n + s.connectErrors, 0),
        closes: subscribers.reduce((n, s) => n + s.closes, 0),
        'sub errors': subscribers.reduce((n, s) => n + s.subscriptionErrors, 0),
      });
      const connectFacts = {
        subscribers: target,
        deflate: deflate ? 'on' : 'off',
        'connect s': Math.round(openSeconds * 10) / 10,
        'connect p50 ms': Math.round(pctOf(connectTimes, 50)),
        'connect p99 ms': Math.round(pctOf(connectTimes, 99)),
      };
      if (attached < target) {
        const row = { ...connectFacts, attached: `${attached}/${target}`, ...failures(), failure: `connect deadline ${connectTimeoutMs / 1000} s passed` };
        console.error(`bench: step ${target}: only ${attached} of ${target} subscriptions attached within ${connectTimeoutMs / 1000} s: ${JSON.stringify(row)}`);
        rows.push(row);
        failed = true;
        break;
      }
      const idle = await ask<NodeJS.MemoryUsage>({ type: 'memory' });

      for (const s of subscribers) s.receipts.clear(), (s.duplicates = 0);
      commits.clear();
      type Cpu = { cpu: NodeJS.CpuUsage; loopP99Ms: number; loopMaxMs: number };
      const serverBefore = await ask<Cpu>({ type: 'cpu' });
      const clientBefore = process.cpuUsage();
      const drive = await ask<{ transitions: number; seconds: number; maxStartLagMs: number }>({ type: 'drive', rate, seconds }, (seconds + 60) * 1000);
      const expected = drive.transitions * target;
      const received = () => subscribers.reduce((n, s) => n + s.receipts.size, 0);
      const drainDeadline = now() + 30_000;
      while (received() < expected && now() < drainDeadline) await sleep(50);
      const serverAfter = await ask<Cpu>({ type: 'cpu' });
      const clientCpu = process.cpuUsage(clientBefore);
      const busy = await ask<NodeJS.MemoryUsage>({ type: 'memory' });
      const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
      const serverCpuMs = cpuMs(serverAfter.cpu) - cpuMs(serverBefore.cpu);
      const latencies: number[] = [];
      let lastReceipt = 0;
      let missing = 0;
      let subscribersMissing = 0;
      for (const s of subscribers) {
        let missed = 0;
        for (const eventId of commits.keys()) if (!s.receipts.has(eventId)) missed++;
        missing += missed;
        if (missed) subscribersMissing++;
        for (const [eventId, at] of s.receipts) {
          const committed = commits.get(eventId);
          if (committed !== undefined) latencies.push(at - committed);
          lastReceipt = Math.max(lastReceipt, at);
        }
      }
      latencies.sort((a, b) => a - b);
      const firstCommit = [...commits.values()].reduce((min, at) => Math.min(min, at), Infinity);
      const delivered = received();
      const duplicates = subscribers.reduce((n, s) => n + s.duplicates, 0);
      const row = {
        ...connectFacts,
        delivered: `${delivered}/${expected}`,
        missing,
        'subs missing': subscribersMissing,
        duplicates,
        'p50 ms': Math.round(pctOf(latencies, 50)),
        'p99 ms': Math.round(pctOf(latencies, 99)),
        'max ms': Math.round(latencies[latencies.length - 1] ?? NaN),
        'events/s': Math.round(delivered / ((lastReceipt - firstCommit) / 1000)),
        // The transitions run in the server's process: a fan-out that holds its loop delays them,
        // which lowers the rate offered (compare runs at the same drive time).
        'drive s': Math.round(drive.seconds * 10) / 10,
        'start lag ms': drive.maxStartLagMs,
        // Server CPU (PGlite included: it runs in the server) over the drive and the drain, per
        // transition and per 1,000 deliveries: steadier than latency when the machine is shared.
        'srv CPU ms/event': Math.round(serverCpuMs / drive.transitions),
        'srv CPU ms/1k deliv': Math.round((serverCpuMs / delivered) * 1000 * 10) / 10,
        'client CPU ms/1k deliv': Math.round((cpuMs(clientCpu) / delivered) * 1000 * 10) / 10,
        'loop p99/max ms': `${serverAfter.loopP99Ms}/${serverAfter.loopMaxMs}`,
        load: readFileSync('/proc/loadavg', 'utf8').split(' ')[0],
        'rss MB (idle)': mb(idle.rss),
        'heap MB (idle)': mb(idle.heapUsed),
        'KB/idle sub': Math.round(((idle.rss - base.rss) / target / 1024) * 10) / 10,
        'heap KB/idle sub': Math.round(((idle.heapUsed - base.heapUsed) / target / 1024) * 10) / 10,
        'rss MB (after load)': mb(busy.rss),
        ...failures(),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
      if (missing || duplicates || delivered < expected) {
        console.error(`bench: step ${target}: ${missing} deliveries missing (${subscribersMissing} subscribers), ${duplicates} duplicated after the 30 s drain`);
        failed = true;
      }
    }
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    failed = true;
  }
  // Closing 20,000 sockets is not instant either: bounded too.
  await Promise.race([Promise.all(subscribers.map((s) => s.dispose().catch(() => {}))), sleep(30_000)]);
  if (!serverGone) await ask({ type: 'stop' }, 30_000).catch(() => child.kill('SIGKILL'));
  return { rows, failed };
}

if (process.argv.includes('--server')) await server();
else await main();
