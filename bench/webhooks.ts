// npm run bench:webhooks — the outbox and the webhook sender on one instance.
//
// 1. Commit -> webhook request: status changes committed at RATE per second for
//    SECONDS, each sent to ENDPOINTS receivers (HTTP servers on 127.0.0.1 answering 200
//    at once, in a process of their own as partners are: bench/lib/webhook-receivers.mjs).
//    Latency is from the COMMIT (an after-commit hook, the first to run) to the
//    request's arrival at the receiver; prints p50, p99, max, whether the relay kept up
//    (everything delivered within 5 s of the last commit), and the server's CPU.
// 2. What the outbox adds to a write: the write benches' `orderCreate` (bench/lib/order-create.ts) through the GraphQL endpoint,
//    one at a time, in alternating phases with outbox rows written and not (the
//    switch exists for this measurement only), same process, same run.
//
// Knobs (environment): RATE=200 SECONDS=10 ENDPOINTS=10 CREATES=300
//   WEBHOOKS_CONCURRENCY_PER_ENDPOINT=16, RELAY=false (phase 2 only, no relay running)
//   DATABASE_URL (default: PGlite in memory)
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchEnv } from './lib/bench-env.js';
import { gid, orderCreateRequest } from './lib/order-create.js';

const RATE = Number(process.env.RATE ?? 200);
const SECONDS = Number(process.env.SECONDS ?? 10);
const ENDPOINTS = Number(process.env.ENDPOINTS ?? 10);
const CREATES = Number(process.env.CREATES ?? 300);
// RELAY=false: phase 2 without the relay running (what the rows alone cost); phase 1 is skipped then.
const RELAY = process.env.RELAY !== 'false';

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
const fmt = (n: number) => n.toFixed(1);

async function main() {
  const { createApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/config.js');
  const { createLogger } = await import('../src/logger.js');
  const { createApiKey } = await import('../src/auth/api-keys.js');
  const { transaction } = await import('../src/db/transaction.js');
  const { appendOrderEvent } = await import('../src/orders/order-event-log.js');
  const { setOutboxWrites } = await import('../src/events/outbox.js');

  const config = loadConfig(
    benchEnv({ WEBHOOKS_RELAY: String(RELAY), WEBHOOKS_POLL_MS: '1000', WEBHOOKS_ALLOWED_PRIVATE_HOSTS: '127.0.0.1', WEBHOOKS_CONCURRENCY_PER_ENDPOINT: process.env.WEBHOOKS_CONCURRENCY_PER_ENDPOINT ?? '16' }),
  );
  const app = await createApp(config, { logger: createLogger('warn') });
  const prisma = app.db.prisma;
  const tenant = await prisma.tenant.create({ data: { slug: `wh-bench-${Date.now()}`, name: 'Webhook bench' } });
  const tenantId = tenant.id;
  // An earlier run's receivers are gone: its endpoints would only fill the relay with refused requests.
  await prisma.webhookEndpoint.updateMany({ where: { tenant: { slug: { startsWith: 'wh-bench-' } }, tenantId: { not: tenantId } }, data: { enabled: false } });
  const { key } = await createApiKey(prisma, { tenantId, name: 'bench', role: 'OWNER' });
  const customer = await prisma.customer.create({ data: { tenantId, name: 'Budi Santoso', phone: '081234567890' } });
  const warehouse = await prisma.warehouse.create({ data: { tenantId, code: 'JKT', name: 'Jakarta' } });
  const product = await prisma.product.create({ data: { tenantId, name: 'Kaos', stockType: 'OWN' } });
  const variations: number[] = [];
  for (let i = 0; i < 8; i++) {
    const variation = await prisma.variation.create({ data: { tenantId, productId: product.id, sku: `KAOS-${i}`, price: String(10000 + i * 500) } });
    await prisma.stockLevel.create({ data: { tenantId, variationId: variation.id, warehouseId: warehouse.id, onHand: 1_000_000 } });
    variations.push(variation.id);
  }
  const orders: number[] = [];
  for (let i = 0; i < 50; i++) orders.push((await prisma.order.create({ data: { tenantId, code: `WB-${i}`, status: 'CONFIRMED', customerId: customer.id } })).id);


  // ---- 1. commit -> request
  if (RELAY) {
    const commits = new Map<string, number>(); // "<order>:<sequence>" -> commit time, ms since the epoch
    const receivers = fork(fileURLToPath(new URL('./lib/webhook-receivers.mjs', import.meta.url)), [String(ENDPOINTS)]);
    const ask = <T>(message: string) =>
      new Promise<T>((resolve) => {
        receivers.once('message', (answer) => resolve(answer as T));
        if (message) receivers.send(message);
      });
    const { ports } = await ask<{ ports: number[] }>('');
    for (const [i, port] of ports.entries()) {
      const url = `http://127.0.0.1:${port}/hooks/${i}`;
      await prisma.webhookEndpoint.create({ data: { tenantId, url, eventTypes: ['order.status_changed'], secret: `whsec_bench_${i}` } });
    }
    const status = new Map(orders.map((id) => [id, 'CONFIRMED' as 'CONFIRMED' | 'PROCESSING']));
    let turn = 0;
    let refused = 0;
    const change = async () => {
      const order = orders[turn++ % orders.length]!;
      const from = status.get(order)!;
      const to = from === 'CONFIRMED' ? 'PROCESSING' : 'CONFIRMED';
      status.set(order, to);
      let committedAt = 0;
      const event = await transaction({ prisma, events: app.events, log: app.log }, async (scope) => {
        scope.afterCommit(() => void (committedAt = performance.timeOrigin + performance.now()));
        await scope.tx.order.update({ where: { id: order }, data: { status: to } });
        return appendOrderEvent(scope, { tenantId, orderId: order, type: 'bench', fromStatus: from, toStatus: to });
      }).catch((error: { code?: string }) => {
        // A loaded machine's pool may refuse a write (SERVICE_UNAVAILABLE): nothing committed, nothing to deliver.
        if (error.code !== 'SERVICE_UNAVAILABLE') throw error;
        refused++;
        status.set(order, from);
        return undefined;
      });
      if (!event) return;
      commits.set(`${gid('Order', order)}:${event.sequence}`, committedAt);
    };
    const total = RATE * SECONDS;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(change());
    }
    await Promise.all(inFlight);
    const lastCommit = performance.now();
    const expected = (total - refused) * ENDPOINTS;
    let received = 0;
    while (received < expected && performance.now() - lastCommit < 30_000) {
      await new Promise((r) => setTimeout(r, 50));
      ({ count: received } = await ask<{ count: number }>('count'));
    }
    const cpu = process.cpuUsage(cpuBefore);
    const { arrivals } = await ask<{ arrivals: Array<[string, number]> }>('collect');
    receivers.send('exit');
    const latencies = arrivals.flatMap(([key, at]) => (commits.has(key) ? [at - commits.get(key)!] : []));
    const sorted = [...latencies].sort((a, b) => a - b);
    const caughtUpMs = Math.max(...arrivals.map(([, at]) => at)) - (performance.timeOrigin + lastCommit);
    console.log(`\ncommit -> webhook request (${app.db.kind}): ${total} events in ${SECONDS} s (${RATE}/s) x ${ENDPOINTS} endpoints = ${expected} requests${refused ? ` (${refused} writes refused by a busy pool)` : ''}`);
    console.log(`  delivered ${latencies.length}/${expected}; p50 ${fmt(pct(sorted, 50))} ms  p99 ${fmt(pct(sorted, 99))} ms  max ${fmt(sorted.at(-1) ?? NaN)} ms`);
    console.log(`  last request ${fmt(Math.max(caughtUpMs, 0))} ms after the last commit (${latencies.length === expected && caughtUpMs < 5_000 ? 'kept up' : 'FELL BEHIND'}); target p99 <= 200 ms`);
    console.log(`  the server process's CPU (the writes and the relay; the receivers run apart): ${fmt((cpu.user + cpu.system) / 1000 / (latencies.length / 1000))} ms per 1,000 requests`);
  }

  // ---- 2. orderCreate with and without the outbox
  await prisma.webhookEndpoint.updateMany({ where: { tenantId }, data: { enabled: false } });
  // The write benches' orderCreate (bench/lib/order-create.ts): two lines, discounts, a shipping cost.
  let turn = 0;
  const createOnce = async () => {
    const t0 = performance.now();
    const request = orderCreateRequest(customer.id, variations, turn++);
    const response = await app.yoga.fetch('http://bench/graphql', { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(request) });
    const body = (await response.json()) as { data?: { orderCreate?: { __typename: string } } };
    if (body.data?.orderCreate?.__typename !== 'OrderCreatePayload') throw new Error(JSON.stringify(body));
    return performance.now() - t0;
  };
  for (let i = 0; i < 30; i++) await createOnce(); // warm-up
  const phases = { on: [] as number[], off: [] as number[] };
  for (let round = 0; round < 6; round++) {
    for (const mode of round % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
      setOutboxWrites(mode === 'on');
      for (let i = 0; i < CREATES / 6; i++) phases[mode].push(await createOnce());
    }
  }
  setOutboxWrites(true);
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { p50: pct(s, 50), p99: pct(s, 99), mean: xs.reduce((a, b) => a + b, 0) / xs.length };
  };
  const on = stats(phases.on);
  const off = stats(phases.off);
  console.log(`\norderCreate, one at a time, ${phases.on.length} with outbox rows and ${phases.off.length} without (alternating phases):`);
  console.log(`  with outbox:    p50 ${fmt(on.p50)} ms  mean ${fmt(on.mean)} ms  p99 ${fmt(on.p99)} ms`);
  console.log(`  without outbox: p50 ${fmt(off.p50)} ms  mean ${fmt(off.mean)} ms  p99 ${fmt(off.p99)} ms`);
  console.log(
    `  the outbox adds ${fmt(on.p50 - off.p50)} ms (${fmt(((on.p50 - off.p50) / off.p50) * 100)} %) at p50, ${fmt(on.mean - off.mean)} ms (${fmt(((on.mean - off.mean) / off.mean) * 100)} %) on the mean (target <= 10 %)`,
  );

  await app.stop({ timeoutMs: 2_000 });
}

await main();
process.exit(0);
