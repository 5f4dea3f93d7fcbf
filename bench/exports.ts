// npm run bench:exports — bulk exports of N seeded orders (the demo seeder's, as
// `npm run seed -- --orders N`) to XLSX, CSV and JSONL, one after the other, each
// timed from exportCreate to DONE. Prints rows per second and the process's memory:
// RSS and heap before each export and their peaks while it runs (sampled every
// 50 ms), and the heap after a full collection once it is done (nothing retained).
// The peaks include garbage not yet collected; the RSS includes PGlite's WebAssembly
// memory when no DATABASE_URL is given.
//
// Knobs (environment): ORDERS=20000 KINDS=ORDERS,ORDER_LINES FORMATS=XLSX,CSV,JSONL
//   EXPORT_PAGE_SIZE (default 1000)  DATABASE_URL (default: PGlite in memory)
const ORDERS = Number(process.env.ORDERS ?? 20_000);
const KINDS = (process.env.KINDS ?? 'ORDERS,ORDER_LINES').split(',');
const FORMATS = (process.env.FORMATS ?? 'XLSX,CSV,JSONL').split(',');

const mib = (bytes: number) => (bytes / 1_048_576).toFixed(1);

async function main() {
  const { createApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/config.js');
  const { createLogger } = await import('../src/logger.js');
  const { createApiKey } = await import('../src/auth/api-keys.js');
  const { seedTenant } = await import('../src/demo/seed/seed-tenant.js');

  const config = loadConfig({ ...process.env, DEMO: 'false', LOG_LEVEL: 'warn', DATA_DIR: 'memory://', NODE_ENV: 'test', RATE_LIMIT_RESTORE_RATE: '0', WEBHOOKS_RELAY: 'false' });
  const app = await createApp(config, { logger: createLogger('warn') });
  const slug = `export-bench-${Date.now()}`;
  let started = performance.now();
  const { tenantId } = await seedTenant(app.db, { tenant: slug, orders: ORDERS, seed: 1 });
  console.log(`seeded ${ORDERS} orders in ${((performance.now() - started) / 1000).toFixed(1)} s (${config.databaseUrl ? 'PostgreSQL' : 'PGlite'}, page size ${config.exports.pageSize})`);
  const { key } = await createApiKey(app.db.prisma, { tenantId, name: 'bench', role: 'OWNER' });

  const gql = async (query: string, variables: Record<string, unknown>) => {
    const response = await app.yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const json = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return json.data! as Record<string, unknown>;
  };

  console.log('kind         format    rows   seconds    rows/s   file MiB   RSS before  RSS peak (+growth)   heap before  heap peak  heap after GC');
  for (const kind of KINDS) {
    for (const format of FORMATS) {
      global.gc?.();
      const before = process.memoryUsage();
      let peakRss = before.rss;
      let peakHeap = before.heapUsed;
      const sampler = setInterval(() => {
        const now = process.memoryUsage();
        peakRss = Math.max(peakRss, now.rss);
        peakHeap = Math.max(peakHeap, now.heapUsed);
      }, 50);
      started = performance.now();
      const created = await gql(
        `mutation ($input: ExportCreateInput!) { exportCreate(input: $input) { ... on ExportCreatePayload { export { id } } ... on Error { message } } }`,
        { input: { kind, format } },
      );
      const id = (created.exportCreate as { export: { id: string } }).export.id;
      await app.exports.idle();
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      const { export: job } = (await gql(`query ($id: ID!) { export(id: $id) { status rowsDone byteSize error } }`, { id })) as unknown as {
        export: { status: string; rowsDone: number; byteSize: number; error: string | null };
      };
      if (job.status !== 'DONE') throw new Error(`${kind} ${format}: ${job.status} ${job.error}`);
      // What the export left behind: the heap after a full collection, against the heap before it.
      global.gc?.();
      const after = process.memoryUsage().heapUsed;
      console.log(
        `${kind.padEnd(12)} ${format.padEnd(6)} ${String(job.rowsDone).padStart(7)} ${seconds.toFixed(2).padStart(9)} ${Math.round(job.rowsDone / seconds)
          .toString()
          .padStart(9)} ${mib(job.byteSize).padStart(10)} ${mib(before.rss).padStart(12)} ${mib(peakRss).padStart(9)} (+${mib(peakRss - before.rss)}) ${mib(before.heapUsed).padStart(13)} ${mib(peakHeap).padStart(10)} ${mib(after).padStart(14)}`,
      );
    }
  }
  await app.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
