// npm run bench:exports — bulk exports of N seeded orders (the demo seeder's, as
// `npm run seed -- --orders N`) to XLSX, CSV and JSONL, one after the other, each
// timed from exportCreate to DONE. Prints rows per second and the process's memory:
// RSS and heap before each export and their peaks while it runs (sampled every
// 50 ms), and the heap after a full collection once it is done (nothing retained).
// The peaks include garbage not yet collected; the RSS includes PGlite's WebAssembly
// memory when no DATABASE_URL is given.
//
// Other requests meanwhile: one client sends the bench's order list with totalCount
// (bench/queries/ordergraph/order_list_total.graphql) every PROBE_EVERY_MS (a request
// that runs longer is followed by the next at once), first with no export running
// (idle), then during each export; the table gives that list's p99 in both and their
// ratio (target: at most 2). PROBE_EVERY_MS=0 sends none (the export alone).
//
// Tenant TENANT is seeded with ORDERS orders unless it is already there (on PostgreSQL
// a second run reuses it; `bench:reports` seeds the same shop under its own name).
//
// Knobs (environment): ORDERS=20000 TENANT=export-bench-<ORDERS> KINDS=ORDERS,ORDER_LINES
//   FORMATS=XLSX,CSV,JSONL EXPORT_PAGE_SIZE (default 1000) PROBE_EVERY_MS=50
//   DATABASE_URL (default: PGlite in memory)
import { readFileSync } from 'node:fs';

const ORDERS = Number(process.env.ORDERS ?? 20_000);
const TENANT = process.env.TENANT ?? `export-bench-${ORDERS}`;
const PROBE_EVERY_MS = Number(process.env.PROBE_EVERY_MS ?? 50);

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
  let started = performance.now();
  let tenant = await app.db.prisma.tenant.findUnique({ where: { slug: TENANT } });
  if (!tenant) {
    await seedTenant(app.db, { tenant: TENANT, orders: ORDERS, seed: 1 });
    tenant = await app.db.prisma.tenant.findUniqueOrThrow({ where: { slug: TENANT } });
    await app.db.prisma.$executeRawUnsafe('ANALYZE');
    console.log(`seeded ${ORDERS} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const tenantId = tenant.id;
  const orders = await app.db.prisma.order.count({ where: { tenantId } });
  console.log(`${orders} orders (${config.databaseUrl ? 'PostgreSQL' : 'PGlite'}), page size ${config.exports.pageSize}`);
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

  const PROBE = readFileSync(new URL('./queries/ordergraph/order_list_total.graphql', import.meta.url), 'utf8');
  // The other client: the list, back to back, until told to stop; its latencies in ms.
  const probe = async (until: () => boolean, times: number[] = []) => {
    while (PROBE_EVERY_MS > 0 && !until()) {
      const t0 = performance.now();
      await gql(PROBE, {});
      const took = performance.now() - t0;
      times.push(took);
      if (took < PROBE_EVERY_MS) await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS - took));
    }
    return times;
  };
  const p99 = (times: number[]) => (times.length ? [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(times.length * 0.99))]! : NaN);
  let sent = 0;
  await probe(() => sent++ >= 50); // warm-up
  sent = 0;
  const idle = p99(await probe(() => sent++ >= 200));
  console.log(`other requests (the order list with totalCount, one every ${PROBE_EVERY_MS} ms): idle p99 ${idle.toFixed(1)} ms`);
  console.log('kind         format    rows   seconds    rows/s   file MiB   RSS before  RSS peak (+growth)   heap before  heap peak  heap after GC   list p99 ms (x idle)');
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
      let done = false;
      const during = probe(() => done);
      await app.exports.idle();
      const seconds = (performance.now() - started) / 1000;
      done = true;
      const busy = p99(await during);
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
          .padStart(9)} ${mib(job.byteSize).padStart(10)} ${mib(before.rss).padStart(12)} ${mib(peakRss).padStart(9)} (+${mib(peakRss - before.rss)}) ${mib(before.heapUsed).padStart(13)} ${mib(peakHeap).padStart(10)} ${mib(after).padStart(14)} ${busy.toFixed(1).padStart(12)} (${(busy / idle).toFixed(2)}x)`,
      );
    }
  }
  await app.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
