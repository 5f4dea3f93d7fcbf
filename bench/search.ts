// npm run bench:search — `search:` filters over a seeded shop, through the GraphQL
// endpoint (in process, yoga.fetch: no sockets), one request at a time.
//
// Seeds tenant TENANT with ORDERS orders by the demo seeder (npm run seed's), unless it
// is already there; then sends REQUESTS searches per kind of term back to back (terms
// rotate over values read from the tenant's own rows) and prints p50, p99 and max.
//
// Knobs (environment): ORDERS=20000 TENANT=search-bench-<ORDERS> REQUESTS=200
//   CONCURRENCY=1 (requests in flight per kind; the last row mixes every orders kind)
//   DATABASE_URL (default: PGlite in memory, seeded every run)
//   TRIGRAM_INDEXES=off drops the trigram indexes first (the figures before them);
//   any other value creates them again if they are missing
//   e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/og_search TENANT=demo npm run bench:search

const ORDERS = Number(process.env.ORDERS ?? 20_000);
const TENANT = process.env.TENANT ?? `search-bench-${ORDERS}`;
const REQUESTS = Number(process.env.REQUESTS ?? 200);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 1);

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
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 5, parallelWorkers: config.dbParallelWorkers });
  await migrate(database.sql);
  let tenant = await database.prisma.tenant.findUnique({ where: { slug: TENANT } });
  if (!tenant) {
    process.stderr.write(`seeding "${TENANT}" with ${ORDERS} orders ...\n`);
    await seedTenant(database, { tenant: TENANT, orders: ORDERS, seed: 1 });
    tenant = await database.prisma.tenant.findUniqueOrThrow({ where: { slug: TENANT } });
  }
  // The *_trgm_idx indexes of the migration that made them, dropped or (re)created on request.
  const { readMigrations } = await import('../src/db/migrate.js');
  const trigram = readMigrations().find((m) => m.name.endsWith('_search_trigram_indexes'))!;
  for (const [, name, rest] of trigram.sql.matchAll(/CREATE INDEX "(\w+_trgm_idx)"( ON [^;]+);/g)) {
    await database.sql.exec(process.env.TRIGRAM_INDEXES === 'off' ? `DROP INDEX IF EXISTS "${name}"` : `CREATE INDEX IF NOT EXISTS "${name}"${rest}`);
  }
  // Fresh tables (and fresh indexes) have no statistics yet; autovacuum would gather them in a while.
  await database.prisma.$executeRawUnsafe('ANALYZE');
  const tenantId = tenant.id;
  const app = await createApp(config, { database, logger: createLogger('warn') });
  const { key } = await createApiKey(database.prisma, { tenantId, name: 'bench', role: 'OWNER' });

  // Terms taken from the tenant's rows (every 97th, so they spread over the table).
  const every = <T,>(rows: T[]) => rows.filter((_, i) => i % 97 === 0);
  const orders = every(await database.prisma.order.findMany({ where: { tenantId }, select: { code: true }, orderBy: { id: 'asc' } }));
  const customers = every(await database.prisma.customer.findMany({ where: { tenantId }, select: { name: true, phone: true }, orderBy: { id: 'asc' } }));
  const items = every(await database.prisma.orderItem.findMany({ where: { tenantId }, select: { sku: true }, orderBy: { id: 'asc' } }));
  const shipments = every(await database.prisma.shipment.findMany({ where: { tenantId, trackingNumber: { not: null } }, select: { trackingNumber: true }, orderBy: { id: 'asc' } }));
  const kinds: Record<string, { field: string; terms: string[] }> = {
    'order code': { field: 'orders', terms: orders.map((o) => o.code) },
    'customer name (last word)': { field: 'orders', terms: customers.map((c) => c.name.split(' ').at(-1)!) },
    'phone (8 digits)': { field: 'orders', terms: customers.flatMap((c) => (c.phone ? [c.phone.slice(-8)] : [])) },
    SKU: { field: 'orders', terms: items.map((i) => i.sku) },
    'tracking number': { field: 'orders', terms: shipments.map((s) => s.trackingNumber!) },
    'no match': { field: 'orders', terms: ['zqxv-nothing'] },
    'customers: name': { field: 'customers', terms: customers.map((c) => c.name.split(' ')[0]!) },
    'products: SKU': { field: 'products', terms: items.map((i) => i.sku.slice(0, 8)) },
  };

  const send = async (field: string, term: string) => {
    const document = `query($s: String!) { ${field}(first: 20, filter: { search: $s }) { totalCount edges { node { id } } } }`;
    const response = await app.yoga.fetch('http://bench.local/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: document, variables: { s: term } }),
    });
    const json = (await response.json()) as { errors?: unknown[]; data?: Record<string, { totalCount: number }> };
    if (json.errors?.length) throw new Error(JSON.stringify(json.errors));
    return json.data![field]!.totalCount;
  };

  console.log(`${database.kind}, tenant "${TENANT}", trigram indexes ${process.env.TRIGRAM_INDEXES === 'off' ? 'dropped' : 'present'}, ${REQUESTS} requests per kind, ${CONCURRENCY} at a time (first 20 + totalCount)`);
  console.log('| search | p50 ms | p99 ms | max ms | mean matches | req/s |');
  console.log('|---|---:|---:|---:|---:|---:|');
  // REQUESTS requests of the given (field, term) list, CONCURRENCY in flight.
  const measure = async (name: string, work: Array<[string, string]>) => {
    // Warm-up, as many at a time as measured: every pooled connection prepares the statements once.
    await Promise.all(Array.from({ length: CONCURRENCY }, async (_, c) => {
      for (let i = 0; i < 3; i++) await send(...work[(c * 3 + i) % work.length]!);
    }));
    const times: number[] = [];
    let matches = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < REQUESTS; i = next++) {
          const begun = performance.now();
          const found = await send(...work[i % work.length]!);
          matches += found;
          times.push(performance.now() - begun);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    times.sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(1);
    console.log(`| ${name} | ${f(pct(times, 50))} | ${f(pct(times, 99))} | ${f(times.at(-1)!)} | ${(matches / REQUESTS).toFixed(1)} | ${(REQUESTS / seconds).toFixed(0)} |`);
  };
  for (const [name, { field, terms }] of Object.entries(kinds)) await measure(name, terms.map((term) => [field, term]));
  // The orders kinds interleaved, as a search box receives them.
  const orderKinds = Object.values(kinds).filter((kind) => kind.field === 'orders');
  await measure('orders: every kind, mixed', Array.from({ length: REQUESTS }, (_, i) => {
    const kind = orderKinds[i % orderKinds.length]!;
    return ['orders', kind.terms[Math.floor(i / orderKinds.length) % kind.terms.length]!] as [string, string];
  }));
  await app.stop();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
