// npm run bench:metrics — what metrics collection costs the order list.
//
// Two apps in this process, the same but for METRICS (on: /metrics, per-request
// facts counted, Prisma query events for the statement count; off: none of that),
// each on its own database (PGlite in memory, or DATABASE_URL), seeded alike. The
// order list is sent through each app's fetch handler (no network, so the figure is
// the server's own work) by CONCURRENCY loops, in alternating ROUNDS of SECONDS per
// app, after a warm-up; prints requests per second of each and the ratio, and this
// process's CPU time per request (steadier than req/s when other processes compete).
// Both run at LOG_LEVEL=warn, as production does. Target: metrics cost at most 5 %.
//
// Knobs (environment): SECONDS=3 ROUNDS=4 CONCURRENCY=8 ORDERS=200 DATABASE_URL
import { readFileSync } from 'node:fs';
import type { App } from '../src/app.js';

const SECONDS = Number(process.env.SECONDS ?? 3);
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const ORDERS = Number(process.env.ORDERS ?? 200);

// The main bench's order list (50 orders with totals, customer and items).
const ORDER_LIST = readFileSync(new URL('./queries/ordergraph/order_list.graphql', import.meta.url), 'utf8');

async function main() {
  const { createApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/config.js');
  const { createLogger } = await import('../src/logger.js');
  const { createApiKey } = await import('../src/auth/api-keys.js');

  async function seededApp(metrics: boolean): Promise<{ app: App; key: string }> {
    const config = loadConfig({
      ...process.env,
      DEMO: 'false',
      LOG_LEVEL: 'warn',
      DATA_DIR: 'memory://',
      NODE_ENV: 'test',
      RATE_LIMIT_RESTORE_RATE: '0',
      WEBHOOKS_RELAY: 'false',
      CANCELLATION_EXPIRY_SWEEP_MS: '0',
      METRICS: String(metrics),
    });
    const app = await createApp(config, { logger: createLogger('warn') });
    const prisma = app.db.prisma;
    const tenant = await prisma.tenant.create({ data: { slug: `metrics-bench-${metrics}-${Date.now()}`, name: 'Metrics bench' } });
    const { key } = await createApiKey(prisma, { tenantId: tenant.id, name: 'bench', role: 'VIEWER' });
    const customer = await prisma.customer.create({ data: { tenantId: tenant.id, name: 'Budi Santoso', phone: '081234567890' } });
    await prisma.order.createMany({
      data: Array.from({ length: ORDERS }, (_, i) => ({ tenantId: tenant.id, code: `MB-${i}`, status: 'CONFIRMED' as const, customerId: customer.id, subtotal: '10000', grandTotal: '10000' })),
    });
    return { app, key };
  }

  /** Requests answered by `app` in `seconds`, CONCURRENCY at a time. */
  async function load(app: App, key: string, seconds: number): Promise<number> {
    const body = JSON.stringify({ query: ORDER_LIST });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    const until = performance.now() + seconds * 1000;
    let done = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < until) {
          const response = await app.yoga.fetch('http://bench/graphql', { method: 'POST', headers, body });
          const json = (await response.json()) as { errors?: unknown };
          if (json.errors) throw new Error(`order list failed: ${JSON.stringify(json.errors)}`);
          done++;
        }
      }),
    );
    return done;
  }

  const on = await seededApp(true);
  const off = await seededApp(false);
  try {
    await load(on.app, on.key, 1);
    await load(off.app, off.key, 1);
    const totals = { on: 0, off: 0 };
    // CPU time of this process per request: the cost itself, less disturbed than req/s by other processes on the machine.
    const cpu = { on: 0, off: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so neither always meets a warmer or busier process.
      const order = round % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const);
      for (const which of order) {
        const subject = which === 'on' ? on : off;
        const started = process.cpuUsage();
        const n = await load(subject.app, subject.key, SECONDS);
        const used = process.cpuUsage(started);
        cpu[which] += used.user + used.system;
        totals[which] += n;
        console.log(`round ${round + 1} metrics ${which.padEnd(3)} ${(n / SECONDS).toFixed(0)} req/s, ${((used.user + used.system) / n).toFixed(0)} µs CPU per request`);
      }
    }
    const rate = { on: totals.on / (ROUNDS * SECONDS), off: totals.off / (ROUNDS * SECONDS) };
    const ratio = rate.on / rate.off;
    console.log(`\norder list, concurrency ${CONCURRENCY}, ${ROUNDS} x ${SECONDS} s each, ${on.app.db.kind}`);
    const perRequest = { on: cpu.on / totals.on, off: cpu.off / totals.off };
    console.log(`metrics on : ${rate.on.toFixed(0)} req/s, ${perRequest.on.toFixed(0)} µs CPU per request`);
    console.log(`metrics off: ${rate.off.toFixed(0)} req/s, ${perRequest.off.toFixed(0)} µs CPU per request`);
    console.log(`ratio on/off: ${ratio.toFixed(3)} req/s (overhead ${((1 - ratio) * 100).toFixed(1)} %; target at most 5 %)`);
    console.log(`CPU per request on/off: ${(perRequest.on / perRequest.off).toFixed(3)} (the steadier figure on a busy machine)`);
  } finally {
    await on.app.stop();
    await off.app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
