// npm run bench:reports — salesReport over a seeded shop, through the GraphQL endpoint
// (in process, yoga.fetch: no sockets), a year grouped by day and the top 10 products.
//
// Seeds tenant TENANT with ORDERS orders by the demo seeder (npm run seed's), unless it
// is already there; then C clients send REQUESTS reports each back to back and it
// prints p50, p99 and max per report. Target: p99 <= 150 ms at 200,000 orders, C=4.
//
// Knobs (environment): ORDERS=20000 TENANT=reports-bench-<ORDERS> C=4 REQUESTS=50
//   REPORTS="year by day,by channel" (default: all three)
//   DATABASE_URL (default: PGlite in memory, seeded every run)
//   e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/og_reports ORDERS=200000 npm run bench:reports

const ORDERS = Number(process.env.ORDERS ?? 20_000);
const TENANT = process.env.TENANT ?? `reports-bench-${ORDERS}`;
const C = Number(process.env.C ?? 4);
const REQUESTS = Number(process.env.REQUESTS ?? 50);

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

async function main() {
  const { createApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/config.js');
  const { createLogger } = await import('../src/logger.js');
  const { createApiKey } = await import('../src/auth/api-keys.js');
  const { openDatabase } = await import('../src/db/client.js');
  const { migrate } = await import('../src/db/migrate.js');
  const { seedTenant } = await import('../src/demo/seed/seed-tenant.js');

  const config = loadConfig({ ...process.env, DEMO: 'false', LOG_LEVEL: 'warn', DATA_DIR: process.env.DATA_DIR ?? 'memory://', NODE_ENV: 'test', RATE_LIMIT_RESTORE_RATE: '0' });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: Math.max(C + 1, 5), parallelWorkers: config.dbParallelWorkers });
  await migrate(database.sql);
  let tenant = await database.prisma.tenant.findUnique({ where: { slug: TENANT } });
  if (!tenant) {
    const started = performance.now();
    process.stderr.write(`seeding "${TENANT}" with ${ORDERS} orders ...\n`);
    await seedTenant(database, { tenant: TENANT, orders: ORDERS, seed: 1 });
    process.stderr.write(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    tenant = await database.prisma.tenant.findUniqueOrThrow({ where: { slug: TENANT } });
    // Fresh tables have no statistics yet; autovacuum would gather them in a while.
    await database.prisma.$executeRawUnsafe('ANALYZE');
  }
  const orders = await database.prisma.order.count({ where: { tenantId: tenant.id } });
  const app = await createApp(config, { database, logger: createLogger('warn') });
  const { key } = await createApiKey(database.prisma, { tenantId: tenant.id, name: 'bench', role: 'OWNER' });

  const reports: Record<string, string> = {
    'year by day': '{ salesReport(groupBy: DAY, from: "2025-11-01", to: "2026-10-31") { rows { key figures { orderCount unitCount grossSales netSales cost grossProfit } } totals { netSales grossProfit } } }',
    'top 10 products': '{ salesReport(groupBy: PRODUCT, from: "2025-11-01", to: "2026-10-31", top: 10) { rows { key label figures { unitCount netSales grossProfit } } } }',
    'by channel': '{ salesReport(groupBy: CHANNEL, from: "2025-11-01", to: "2026-10-31") { rows { key figures { orderCount netSales refunds } } } }',
  };
  const send = async (document: string) => {
    const response = await app.yoga.fetch('http://bench.local/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: document }),
    });
    const json = (await response.json()) as { errors?: unknown[]; data?: { salesReport: { rows: unknown[] } } };
    if (json.errors?.length) throw new Error(JSON.stringify(json.errors));
    return json.data!.salesReport.rows.length;
  };

  console.log(`salesReport, ${orders} orders (${config.databaseUrl ? 'PostgreSQL' : 'PGlite'}), C=${C}, ${REQUESTS} requests per client`);
  console.log('report            rows    p50 ms   p99 ms   max ms');
  const only = process.env.REPORTS?.split(',').map((name) => name.trim());
  for (const [name, document] of Object.entries(reports)) {
    if (only && !only.includes(name)) continue;
    const rows = await send(document); // warm-up (plans, caches)
    await send(document);
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: C }, async () => {
        for (let i = 0; i < REQUESTS; i++) {
          const started = performance.now();
          await send(document);
          times.push(performance.now() - started);
        }
      }),
    );
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(16)} ${String(rows).padStart(5)} ${pct(times, 50).toFixed(1).padStart(9)} ${pct(times, 99).toFixed(1).padStart(8)} ${times[times.length - 1]!.toFixed(1).padStart(8)}`);
  }
  await app.stop();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
