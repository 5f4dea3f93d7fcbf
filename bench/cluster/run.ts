// npm run bench:cluster — three instances behind nginx, one killed in the middle.
//
// Starts INSTANCES server processes (`node src/main.ts`, production settings) on one
// PostgreSQL database of their own and one Redis (REDIS_URL, a REDIS_PREFIX of this
// run's own), and nginx in front (Debian's package; installed with apt-get when
// missing) with a config derived from deploy/nginx.conf: WebSocket upgrade, least_conn,
// no sticky sessions. Then:
//   1. creates a tenant, an API key and ORDERS orders (orderCreate through nginx);
//   2. opens SUBSCRIBERS graphql-ws clients through nginx, each subscribed to
//      `orderStatusChanged(after: <the last event before the run>)`, and prints how
//      they spread over the instances (ordergraph_live_connections of each /metrics);
//   3. drives RATE status changes per second for SECONDS (orderConfirm, orderProcess,
//      orderPack, orderShip, orderComplete through nginx, so on any instance);
//   4. half way, kills one instance with SIGKILL: its clients see their socket close,
//      reconnect through nginx (which sends them to the others) and subscribe again
//      with `after: <the last eventId they received>`;
//   5. waits until every subscriber has every OrderEvent row written since the start
//      (DRAIN_S at most), then counts per subscriber what is missing and what came
//      twice, and prints commit-to-client latency of live deliveries (receipt minus the
//      event's `at`, the OrderEvent's timestamp written in the transaction just before
//      COMMIT, so a little more than commit-to-client) as p50/p99/max.
// Exits 1 when any subscriber missed or got twice an event, or a step passed its
// deadline; the database is dropped and every process it started is stopped.
//
// Knobs (environment): SUBSCRIBERS=15000 INSTANCES=3 RATE=5 DRIVE_S=20 ORDERS (enough for
//   RATE*SECONDS transitions) DRAIN_S=60 CONNECT_TIMEOUT_S (60 + 10 per 1,000)
//   PG_URL=postgres://postgres@127.0.0.1:5432 (a database CLUSTER_DB is created there and
//   dropped; default ordergraph_bench_cluster_<pid>) REDIS_URL=redis://127.0.0.1:6379
//   KILL=1 (0: no instance is killed) KEEP=1 keeps the run folder (nginx config and logs)
import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, openSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ensureFileLimit, readFileLimits } from '../lib/fd-limit.js';
import { serverNodeFlags } from '../lib/node-flags.js';
import { benchNginxConfig, nginxBinary } from './nginx.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 15_000);
const INSTANCES = Number(process.env.INSTANCES ?? 3);
const RATE = Number(process.env.RATE ?? 5);
const SECONDS = Number(process.env.DRIVE_S ?? 20);
const TRANSITIONS = Math.round(RATE * SECONDS);
const CHAIN = ['orderConfirm', 'orderProcess', 'orderPack', 'orderShip', 'orderComplete'] as const;
const ORDERS = Number(process.env.ORDERS ?? Math.ceil(TRANSITIONS / CHAIN.length) + 1);
const DRAIN_MS = Number(process.env.DRAIN_S ?? 60) * 1000;
const CONNECT_TIMEOUT_MS = Number(process.env.CONNECT_TIMEOUT_S ?? 60 + (10 * SUBSCRIBERS) / 1000) * 1000;
const PG_URL = (process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
const DB_NAME = process.env.CLUSTER_DB ?? `ordergraph_bench_cluster_${process.pid}`;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = `ordergraph-bench-cluster:${process.pid}:${randomBytes(4).toString('hex')}`;
const KILL = process.env.KILL !== '0';
const METRICS_TOKEN = randomBytes(16).toString('hex');

const now = () => Date.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
const gid = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString('base64');
const idOf = (global: string) => Number(Buffer.from(global, 'base64').toString().split(':')[1]);
const log = (line: string) => console.log(`[cluster ${new Date().toISOString().slice(11, 19)}] ${line}`);
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

class Deadline extends Error {}
/** Polls `check` until it returns true; throws (with `what`) when `ms` pass first. */
async function until(what: string, ms: number, check: () => boolean | Promise<boolean>, every = 100): Promise<void> {
  const end = now() + ms;
  while (!(await check())) {
    if (now() >= end) throw new Deadline(`${what}: not within ${Math.round(ms / 1000)} s`);
    await sleep(every);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Instance {
  index: number;
  port: number;
  process: ChildProcess;
  logFile: string;
  exited: boolean;
}

/** One subscriber: its own graphql-ws client; on a lost socket, a new one that resumes after the last event. */
interface Subscriber {
  received: Set<number>;
  duplicates: number;
  lastEventId?: string;
  connectMs?: number;
  resumes: number;
  errors: number;
  latencies: number[];
  /** Live deliveries received before the kill. */
  steadyLatencies: number[];
  replayed: number;
  active: boolean;
  dispose(): void;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'ordergraph-cluster.'));
  const children: ChildProcess[] = [];
  const instances: Instance[] = [];
  let nginx: ChildProcess | undefined;
  let dbCreated = false;
  let failed = false;
  const cleanup = async () => {
    // nginx first, with SIGTERM (fast shutdown): its master stops its workers; a SIGKILLed master would leave them behind.
    if (nginx && nginx.exitCode === null && nginx.signalCode === null) {
      const exited = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGTERM');
      await Promise.race([exited, sleep(5_000)]);
    }
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await sleep(200);
    if (dbCreated) {
      try {
        execFileSync('dropdb', ['--if-exists', '--force', `--maintenance-db=${PG_URL}/postgres`, DB_NAME], { stdio: 'ignore' });
      } catch {
        log(`could not drop database ${DB_NAME}`);
      }
    }
    if (process.env.KEEP === '1') log(`run folder kept: ${work}`);
    else rmSync(work, { recursive: true, force: true });
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

  try {
    // ---- limits first: this process holds one socket per subscriber; nginx two per
    // connection, spread over its workers; each instance a share (they inherit the limit).
    ensureFileLimit(SUBSCRIBERS + 200, { command: 'npm run bench:cluster' });
    const limit = readFileLimits();
    // nginx: two descriptors per connection, spread over its workers by the kernel (reuseport);
    // enough workers that each has half as much again as an even share would need.
    const workers = Math.max(2, Math.ceil((2 * SUBSCRIBERS * 1.5) / (limit.hard - 512)));
    const perWorker = Math.ceil((2 * SUBSCRIBERS * 1.5) / workers) + 512;
    const binary = nginxBinary(log);
    log(`${INSTANCES} instances, ${SUBSCRIBERS} subscribers, ${RATE} transitions/s for ${SECONDS} s, ${ORDERS} orders; ${spawnSync(binary, ['-v'], { encoding: 'utf8' }).stderr.trim()}; load ${load()}`);

    // ---- database: created, migrated, fixtures written as its owner
    execFileSync('createdb', [`--maintenance-db=${PG_URL}/postgres`, DB_NAME], { stdio: 'inherit' });
    dbCreated = true;
    const databaseUrl = `${PG_URL}/${DB_NAME}`;
    const { openDatabase } = await import('../../src/db/client.js');
    const { migrate } = await import('../../src/db/migrate.js');
    const { createApiKey } = await import('../../src/auth/api-keys.js');
    const owner = await openDatabase({ databaseUrl, poolSize: 2 });
    await migrate(owner.sql);
    const prisma = owner.prisma;
    const tenant = await prisma.tenant.create({ data: { slug: `cluster-${process.pid}`, name: 'Cluster bench' } });
    const tenantId = tenant.id;
    const { key } = await createApiKey(prisma, { tenantId, name: 'cluster-bench', role: 'OWNER' });
    const customer = await prisma.customer.create({ data: { tenantId, name: 'Budi Santoso', phone: '081234567890' } });
    const warehouse = await prisma.warehouse.create({ data: { tenantId, code: 'JKT', name: 'Jakarta' } });
    const product = await prisma.product.create({ data: { tenantId, name: 'Kaos', stockType: 'OWN' } });
    const variation = await prisma.variation.create({ data: { tenantId, productId: product.id, sku: 'KAOS-1', price: '10000' } });
    await prisma.stockLevel.create({ data: { tenantId, variationId: variation.id, warehouseId: warehouse.id, onHand: 10_000_000 } });
    log(`database ${DB_NAME} migrated; tenant ${tenantId}`);

    // ---- instances
    const secrets = {
      DOCUMENT_URL_SECRET: `cluster-document-url-secret-${randomBytes(16).toString('hex')}`,
      EXPORT_URL_SECRET: `cluster-export-url-secret-${randomBytes(16).toString('hex')}`,
    };
    for (let index = 0; index < INSTANCES; index++) {
      const port = await freePort();
      const logFile = join(work, `instance-${index + 1}.log`);
      const child = spawn(process.execPath, [...serverNodeFlags, '--import', 'tsx', 'src/main.ts'], {
        cwd: ROOT,
        stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')],
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          PORT: String(port),
          DATABASE_URL: databaseUrl,
          REDIS_URL,
          REDIS_PREFIX,
          ...secrets,
          METRICS_TOKEN,
          LOG_LEVEL: 'warn',
          DEMO: 'false',
          // One key holds every subscriber: the fan-out is measured, not the key's budget.
          LIVE_MAX_SUBSCRIPTIONS_PER_KEY: '1000000',
          LIVE_MAX_COST_PER_KEY: '100000000',
          LIVE_MAX_COST_PER_TENANT: '1000000000',
          RATE_LIMIT_RESTORE_RATE: '0',
        },
      });
      const instance: Instance = { index: index + 1, port, process: child, logFile, exited: false };
      child.on('exit', () => (instance.exited = true));
      children.push(child);
      instances.push(instance);
    }
    const ready = async (instance: Instance) => {
      if (instance.exited) throw new Error(`instance ${instance.index} exited while starting:\n${readFileSync(instance.logFile, 'utf8').slice(-2000)}`);
      try {
        return (await fetch(`http://127.0.0.1:${instance.port}/readyz`)).status === 200;
      } catch {
        return false;
      }
    };
    const startedAt = now();
    await until('instances ready (/readyz 200)', 180_000, async () => (await Promise.all(instances.map(ready))).every(Boolean), 250);
    log(`${INSTANCES} instances ready in ${((now() - startedAt) / 1000).toFixed(1)} s on ports ${instances.map((i) => i.port).join(', ')}`);

    // ---- nginx in front
    const nginxPort = await freePort();
    const nginxDir = join(work, 'nginx');
    mkdirSync(nginxDir);
    const conf = benchNginxConfig(readFileSync(join(ROOT, 'deploy/nginx.conf'), 'utf8'), {
      listenPort: nginxPort,
      upstreamPorts: instances.map((i) => i.port),
      dir: nginxDir,
      workers,
      rlimit: Math.min(limit.hard, Math.max(perWorker, 4096)),
      connections: Math.max(perWorker, 1024),
      userRoot: process.getuid?.() === 0,
    });
    const confFile = join(nginxDir, 'nginx.conf');
    writeFileSync(confFile, conf);
    execFileSync(binary, ['-t', '-q', '-p', nginxDir, '-c', confFile], { stdio: 'inherit' });
    nginx = spawn(binary, ['-p', nginxDir, '-c', confFile], { stdio: ['ignore', 'inherit', 'inherit'] });
    children.push(nginx);
    const base = `127.0.0.1:${nginxPort}`;
    await until('nginx answers /readyz', 20_000, async () => {
      if (nginx!.exitCode !== null) throw new Error(`nginx exited (code ${nginx!.exitCode}): ${readFileSync(join(nginxDir, 'error.log'), 'utf8').slice(-1000)}`);
      try {
        return (await fetch(`http://${base}/readyz`)).status === 200;
      } catch {
        return false;
      }
    });
    log(`nginx (${workers} workers) on ${base}, config ${confFile}`);

    // ---- orders, through nginx
    async function graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const response = await fetch(`http://${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      const json = (await response.json()) as { data?: T; errors?: unknown };
      if (json.errors || !json.data) throw new Error(`${query.slice(0, 50)}…: ${response.status} ${JSON.stringify(json.errors ?? json).slice(0, 400)}`);
      return json.data;
    }
    const orders: string[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const data = await graphql<{ orderCreate: { __typename: string; order?: { id: string }; code?: string; message?: string } }>(
        `mutation { orderCreate(input: { customer: "${gid('Customer', customer.id)}", items: [{ variation: "${gid('Variation', variation.id)}", quantity: 1 }] })
          { __typename ... on OrderCreatePayload { order { id } } ... on Error { code message } } }`,
      );
      if (!data.orderCreate.order) throw new Error(`orderCreate: ${JSON.stringify(data.orderCreate)}`);
      orders.push(data.orderCreate.order.id);
    }
    const startEvent = (await prisma.orderEvent.aggregate({ where: { tenantId }, _max: { id: true } }))._max.id ?? 0;
    log(`${ORDERS} orders created; subscribers resume after OrderEvent ${startEvent}`);

    // ---- subscribers, through nginx
    const { createClient } = await import('graphql-ws');
    const { default: WebSocket } = await import('ws');
    const query = 'subscription Watch($after: ID) { orderStatusChanged(after: $after) { eventId to at replayed } }';
    const subscribers: Subscriber[] = [];
    let stopping = false;
    // When the instance was killed (0: not yet); deliveries before it are the steady state.
    let killedAt = 0;
    const subscribe = (sub: Subscriber, attempt: number) => {
      const started = now();
      const client = createClient({
        url: `ws://${base}/graphql`,
        webSocketImpl: WebSocket,
        lazy: true,
        // Reconnection is done here, so the new subscription carries `after`.
        retryAttempts: 0,
        keepAlive: 0,
        connectionParams: { authorization: `Bearer ${key}` },
        on: {
          connected: () => {
            sub.connectMs ??= now() - started;
          },
        },
      });
      let settled = false;
      const again = () => {
        if (settled || stopping) return;
        settled = true;
        sub.active = false;
        void client.dispose();
        sub.resumes++;
        // Spread the reconnect storm of a killed instance's clients over a second.
        setTimeout(() => subscribe(sub, attempt + 1), Math.min(5_000, 200 * attempt) + Math.random() * 1_000);
      };
      client.subscribe(
        { query, variables: { after: sub.lastEventId ?? gid('OrderEvent', startEvent) } },
        {
          next: (result) => {
            const at = now();
            const before = !killedAt;
            const event = (result.data as { orderStatusChanged?: { eventId: string; at: string; replayed: boolean } } | undefined)?.orderStatusChanged;
            if (!event) return void sub.errors++;
            const id = idOf(event.eventId);
            if (sub.received.has(id)) sub.duplicates++;
            else sub.received.add(id);
            sub.lastEventId = event.eventId;
            attempt = 0;
            if (event.replayed) sub.replayed++;
            else {
              sub.latencies.push(at - Date.parse(event.at));
              // Delivered before the kill: the steady state, apart from the reconnect storm.
              if (before) sub.steadyLatencies.push(at - Date.parse(event.at));
            }
          },
          error: () => {
            sub.errors++;
            again();
          },
          complete: () => again(),
        },
      );
      sub.active = true;
      sub.dispose = () => void client.dispose();
    };

    const connections = async () =>
      Promise.all(
        instances.map(async (instance) => {
          if (instance.exited) return 0;
          try {
            const text = await (await fetch(`http://127.0.0.1:${instance.port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` }, signal: AbortSignal.timeout(10_000) })).text();
            return Number(text.match(/^ordergraph_live_subscriptions (\d+)/m)?.[1] ?? NaN);
          } catch {
            return NaN;
          }
        }),
      );
    const attachedTotal = async () => (await connections()).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
    const openStart = now();
    try {
      while (subscribers.length < SUBSCRIBERS) {
        const batch = Math.min(250, SUBSCRIBERS - subscribers.length);
        for (let i = 0; i < batch; i++) {
          const sub: Subscriber = { received: new Set(), duplicates: 0, resumes: 0, errors: 0, latencies: [], steadyLatencies: [], replayed: 0, active: false, dispose: () => {} };
          subscribers.push(sub);
          subscribe(sub, 0);
        }
        const left = openStart + CONNECT_TIMEOUT_MS - now();
        await until(`${subscribers.length} subscriptions attached`, Math.max(left, 0), async () => (await attachedTotal()) >= subscribers.length, 50);
      }
    } catch (error) {
      if (!(error instanceof Deadline)) throw error;
      const spread = await connections();
      throw new Deadline(`${error.message} (attached per instance: ${spread.join(', ')}; subscriber errors ${subscribers.reduce((n, s) => n + s.errors, 0)})`);
    }
    const connectTimes = subscribers.map((s) => s.connectMs ?? NaN).filter(Number.isFinite).sort((a, b) => a - b);
    const spreadBefore = await connections();
    log(
      `${SUBSCRIBERS} subscribers attached in ${((now() - openStart) / 1000).toFixed(1)} s (connect p50 ${Math.round(pct(connectTimes, 50))} ms, p99 ${Math.round(pct(connectTimes, 99))} ms); per instance: ${spreadBefore.join(', ')}`,
    );

    // ---- drive status changes through nginx; kill one instance half way
    const victim = instances[Math.min(1, instances.length - 1)]!;
    const driveStart = now();
    let writes = 0;
    let writeErrors = 0;
    const writeLatencies: number[] = [];
    for (let i = 0; i < TRANSITIONS; i++) {
      const due = driveStart + (i * 1000) / RATE;
      if (due > now()) await sleep(due - now());
      if (KILL && !killedAt && i >= TRANSITIONS / 2) {
        victim.process.kill('SIGKILL');
        killedAt = now();
        log(`SIGKILL to instance ${victim.index} (port ${victim.port}), ${spreadBefore[victim.index - 1]} subscribers on it`);
      }
      const order = orders[Math.floor(i / CHAIN.length)]!;
      const mutation = CHAIN[i % CHAIN.length]!;
      const s = now();
      // A write in flight on the killed instance fails (nginx answers 502); it is sent again, as a client would.
      let lost = false;
      for (let tries = 0; ; tries++) {
        let payload: { __typename: string; code?: string; message?: string };
        try {
          const data = await graphql<Record<string, { __typename: string; code?: string; message?: string }>>(
            `mutation { ${mutation}(input: { order: "${order}"${mutation === 'orderShip' ? ', trackingNumber: "JNE123"' : ''} }) { __typename ... on Error { code message } } }`,
          );
          payload = data[mutation]!;
        } catch (error) {
          writeErrors++;
          lost = true;
          // As a client would: backing off, for up to about 20 s (a balancer that marked every instance down waits out its fail_timeout).
          if (tries >= 8) throw error;
          await sleep(Math.min(5_000, 200 * 2 ** tries) * (0.5 + Math.random() / 2));
          continue;
        }
        // After a lost answer the lost try may have committed: the transition is then refused as done already.
        if (!payload.__typename.endsWith('Payload') && !lost) throw new Error(`${mutation}: ${JSON.stringify(payload)}`);
        break;
      }
      writeLatencies.push(now() - s);
      writes++;
    }
    const driveSeconds = (now() - driveStart) / 1000;

    // ---- compare with the OrderEvent rows
    const rows = await prisma.orderEvent.findMany({ where: { tenantId, id: { gt: startEvent } }, select: { id: true }, orderBy: { id: 'asc' } });
    const expected = rows.map((r) => r.id);
    const complete = () => subscribers.every((s) => expected.every((id) => s.received.has(id)));
    let drained = true;
    try {
      await until('every subscriber has every event', DRAIN_MS, complete, 250);
    } catch (error) {
      if (!(error instanceof Deadline)) throw error;
      drained = false;
    }
    const spreadAfter = await connections();
    stopping = true;
    let missed = 0;
    let subsMissing = 0;
    let duplicates = 0;
    let subsDuplicated = 0;
    const latencies: number[] = [];
    const steady: number[] = [];
    for (const s of subscribers) {
      const miss = expected.filter((id) => !s.received.has(id)).length;
      missed += miss;
      if (miss) subsMissing++;
      duplicates += s.duplicates;
      if (s.duplicates) subsDuplicated++;
      for (const ms of s.latencies) latencies.push(ms);
      for (const ms of s.steadyLatencies) steady.push(ms);
    }
    latencies.sort((a, b) => a - b);
    steady.sort((a, b) => a - b);
    const resumed = subscribers.filter((s) => s.resumes > 0).length;
    const replayed = subscribers.reduce((n, s) => n + s.replayed, 0);
    writeLatencies.sort((a, b) => a - b);
    const result = {
      instances: INSTANCES,
      subscribers: SUBSCRIBERS,
      'per instance before': spreadBefore.join('/'),
      'per instance after': spreadAfter.join('/'),
      'connect p50/p99 ms': `${Math.round(pct(connectTimes, 50))}/${Math.round(pct(connectTimes, 99))}`,
      writes: `${writes} in ${driveSeconds.toFixed(1)} s`,
      'write p50/p99 ms': `${Math.round(pct(writeLatencies, 50))}/${Math.round(pct(writeLatencies, 99))}`,
      'write retries': writeErrors,
      events: expected.length,
      deliveries: `${subscribers.reduce((n, s) => n + s.received.size, 0)}/${expected.length * SUBSCRIBERS}`,
      'live p50 ms': Math.round(pct(latencies, 50)),
      'live p99 ms': Math.round(pct(latencies, 99)),
      'live max ms': Math.round(latencies[latencies.length - 1] ?? NaN),
      'before the kill p50/p99 ms': `${Math.round(pct(steady, 50))}/${Math.round(pct(steady, 99))}`,
      killed: KILL ? `instance ${victim.index}` : 'none',
      'subs resumed': resumed,
      'replayed on resume': replayed,
      missed,
      'subs missing': subsMissing,
      duplicated: duplicates,
      'subs duplicated': subsDuplicated,
      load: load(),
    };
    console.log(JSON.stringify(result));
    console.table([result]);
    if (!drained || missed || duplicates) {
      failed = true;
      console.error(`bench:cluster FAILED: ${missed} events missed by ${subsMissing} subscribers, ${duplicates} duplicated at ${subsDuplicated}${drained ? '' : `; not drained within ${DRAIN_MS / 1000} s`}`);
    } else {
      log(`every subscriber got each of the ${expected.length} events exactly once (${resumed} resumed after the kill)`);
    }
    for (const s of subscribers) s.dispose();
    await owner.close();
  } catch (error) {
    failed = true;
    console.error(`bench:cluster FAILED: ${(error as Error).message}`);
    for (const instance of instances) {
      if (!instance.exited) continue;
      if (instance.process.signalCode === 'SIGKILL') continue;
      console.error(`instance ${instance.index} exited; its log ends:\n${readFileSync(instance.logFile, 'utf8').slice(-1500)}`);
    }
  } finally {
    await cleanup();
  }
  process.exit(failed ? 1 : 0);
}

await main();
