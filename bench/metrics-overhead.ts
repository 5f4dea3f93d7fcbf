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
// TRACING=1 adds a third app, metrics on and traces exported (OTEL_EXPORTER_OTLP_ENDPOINT
// pointing at a sink in this process that answers 200 and drops the spans), and prints
// its figures against metrics on. Tracing, once started, sets the process's context
// manager and the SQL statement hook, so the other two apps then pay a little of it too
// (one AsyncLocalStorage, one check per statement): compare runs with and without.
//
// Knobs (environment): SECONDS=3 ROUNDS=4 CONCURRENCY=8 ORDERS=200 DATABASE_URL TRACING
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../src/app.js';
import { benchEnv } from './lib/bench-env.js';

const SECONDS = Number(process.env.SECONDS ?? 3);
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const ORDERS = Number(process.env.ORDERS ?? 200);
const TRACING = process.env.TRACING === '1';

// The main bench's order list (50 orders with totals, customer and items).
const ORDER_LIST = readFileSync(new URL('./queries/ordergraph/order_list.graphql', import.meta.url), 'utf8');

async function main() {
  const { createApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/config.js');
  const { createLogger } = await import('../src/logger.js');
  const { createApiKey } = await import('../src/auth/api-keys.js');

  async function seededApp(metrics: boolean, otlpEndpoint?: string): Promise<{ app: App; key: string }> {
    const config = loadConfig(benchEnv({ METRICS: String(metrics), OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint ?? '' }));
    const app = await createApp(config, { logger: createLogger('warn') });
    const prisma = app.db.prisma;
    const tenant = await prisma.tenant.create({ data: { slug: `metrics-bench-${metrics}-${otlpEndpoint ? 'traced-' : ''}${Date.now()}`, name: 'Metrics bench' } });
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

  // The OTLP sink: takes the spans and drops them.
  const sink = TRACING ? createServer((req, res) => void req.resume().on('end', () => res.writeHead(200).end('{}'))) : undefined;
  if (sink) await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const on = await seededApp(true);
  const off = await seededApp(false);
  const traced = sink ? await seededApp(true, `http://127.0.0.1:${(sink.address() as AddressInfo).port}`) : undefined;
  try {
    await load(on.app, on.key, 1);
    await load(off.app, off.key, 1);
    if (traced) await load(traced.app, traced.key, 1);
    const totals = { on: 0, off: 0, traced: 0 };
    // CPU time of this process per request: the cost itself, less disturbed than req/s by other processes on the machine.
    const cpu = { on: 0, off: 0, traced: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so neither always meets a warmer or busier process.
      const pair = round % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const);
      const order = traced ? (round % 2 === 0 ? [...pair, 'traced' as const] : ['traced' as const, ...pair]) : pair;
      for (const which of order) {
        const subject = which === 'on' ? on : which === 'off' ? off : traced!;
        const started = process.cpuUsage();
        const n = await load(subject.app, subject.key, SECONDS);
        const used = process.cpuUsage(started);
        cpu[which] += used.user + used.system;
        totals[which] += n;
        console.log(`round ${round + 1} metrics ${which.padEnd(6)} ${(n / SECONDS).toFixed(0)} req/s, ${((used.user + used.system) / n).toFixed(0)} µs CPU per request`);
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
    if (traced) {
      const tracedRate = totals.traced / (ROUNDS * SECONDS);
      const tracedCpu = cpu.traced / totals.traced;
      console.log(`traced (metrics on + OTLP export): ${tracedRate.toFixed(0)} req/s, ${tracedCpu.toFixed(0)} µs CPU per request`);
      console.log(`traced/on: ${(tracedRate / rate.on).toFixed(3)} req/s, CPU per request ${(tracedCpu / perRequest.on).toFixed(3)}`);
    }
  } finally {
    await on.app.stop();
    await off.app.stop();
    await traced?.app.stop();
    sink?.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
