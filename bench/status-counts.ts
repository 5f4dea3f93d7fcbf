// npm run bench:status-counts — orderStatusCounts from the status counter and from a GROUP BY,
// as the order count grows.
//
// One app in this process (LOG_LEVEL=warn) on DATABASE_URL (PostgreSQL; the database owner, so
// without row-level security, like bench:writes). One tenant (`TENANT`, default
// "status-counts-bench") is filled with plain SQL (INSERT ... SELECT generate_series, in batches
// of 100,000 orders; the counter's triggers run as for any insert) up to each size of `SIZES`
// (default 200000,1000000), statuses, channels, kinds, payment statuses and drafts spread as
// below, every key then given all 16 slot rows (the read's worst case); a
// tenant already holding orders is topped up, never emptied. At each size, after ANALYZE and
// a warm-up, `REQUESTS` (default 300; `GROUP_BY_REQUESTS`, default 60, of the GROUP BY ones)
// requests of each document are sent one at a time
// through the app's fetch handler (no network):
//   counter            { orderStatusCounts { status count } }
//   counter, channel   the same with filter { channels: ["shopee"] }
//   GROUP BY           the same with filter { createdAt: { from: "2000-01-01T00:00:00Z" } }:
//                      every order matches, but the range is not a counter key, so the
//                      resolver counts the orders (the path of any filter beyond the keys)
//   GROUP BY, channel  filter { channels: ["shopee"], createdAt: { from: ... } }
// the GROUP BY and the counter's statement as plain SQL on one connection (no GraphQL), and
// `{ __typename }` through the same handler (what any request costs here: auth, parsing, ...).
// Prints p50 / p99 / mean in ms and checks that both paths give the same counts.
//
// Knobs (environment): SIZES=200000,1000000 REQUESTS=300 GROUP_BY_REQUESTS=60 TENANT=status-counts-bench DATABASE_URL
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { App } from '../src/app.js';
import { benchEnv } from './lib/bench-env.js';

const SIZES = (process.env.SIZES ?? '200000,1000000').split(/[ ,]+/).filter(Boolean).map(Number);
const REQUESTS = Number(process.env.REQUESTS ?? 300);
/** The GROUP BY documents take hundreds of ms at a million orders: fewer of them. */
const GROUP_BY_REQUESTS = Number(process.env.GROUP_BY_REQUESTS ?? 60);
const TENANT = process.env.TENANT ?? 'status-counts-bench';
const BATCH = 100_000;
if (!process.env.DATABASE_URL) throw new Error('bench:status-counts needs DATABASE_URL (PostgreSQL)');
if (SIZES.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`SIZES must list whole numbers, got '${process.env.SIZES}'`);

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// Spread of the generated orders, each column drawn independently (hashes of the number):
// most orders done, a few in each working status, six channels, four payment statuses, 2 % drafts.
const pick = (values: string[], salt: string, cast = '') =>
  `(ARRAY[${values.map((v) => `'${v}'`).join(',')}])[1 + (hashtext('${salt}' || i) & 1023) % ${values.length}]${cast}`;
const STATUS_SQL = pick(['PENDING', 'CONFIRMED', 'PROCESSING', 'PACKED', 'SHIPPED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'CANCELLED', 'RETURNED'], 's', '::"OrderStatus"');
const CHANNEL_SQL = pick(['offline', 'shopee', 'shopee', 'tokopedia', 'storefront', 'lazada'], 'c');
const PAYMENT_SQL = pick(['UNPAID', 'PAID', 'PAID', 'PARTIALLY_PAID'], 'p', '::"PaymentStatus"');
const KIND_SQL = pick(['SALE', 'SALE', 'SALE', 'SALE', 'SALE', 'SALE', 'SALE', 'RETURN', 'RELOCATION'], 'k', '::"OrderKind"');

async function main() {
  const { createApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/config.js');
  const { createLogger } = await import('../src/logger.js');
  const { createApiKey } = await import('../src/auth/api-keys.js');

  const config = loadConfig(benchEnv());
  const app: App = await createApp(config, { logger: createLogger('warn') });
  const prisma = app.db.prisma;
  const tenant = (await prisma.tenant.findUnique({ where: { slug: TENANT } })) ?? (await prisma.tenant.create({ data: { slug: TENANT, name: 'Status counts bench' } }));
  const tenantId = tenant.id;
  const { key } = await createApiKey(prisma, { tenantId, name: 'bench', role: 'OWNER' });
  const sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await sql.connect();

  async function send(query: string, variables: Record<string, unknown>): Promise<Array<{ status: string; count: number }> | undefined> {
    const response = await app.yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const json = (await response.json()) as { data?: { orderStatusCounts?: Array<{ status: string; count: number }> }; errors?: unknown };
    if (json.errors || !json.data) throw new Error(JSON.stringify(json.errors ?? json));
    return json.data.orderStatusCounts;
  }

  const COUNTS = 'query Counts($filter: OrderFilter) { orderStatusCounts(filter: $filter) { status count } }';
  const ALL = { from: '2000-01-01T00:00:00Z' };
  const documents: Array<[string, () => Promise<unknown>]> = [
    ['counter', () => send(COUNTS, {})],
    ['counter, channel', () => send(COUNTS, { filter: { channels: ['shopee'] } })],
    ['GROUP BY', () => send(COUNTS, { filter: { createdAt: ALL } })],
    ['GROUP BY, channel', () => send(COUNTS, { filter: { channels: ['shopee'], createdAt: ALL } })],
    ['GROUP BY, plain SQL', () => sql.query('SELECT "status", count(*) FROM "Order" WHERE "tenantId" = $1 GROUP BY "status"', [tenantId])],
    ['counter, plain SQL', () => sql.query('SELECT "status", sum("count") FROM "OrderStatusCount" WHERE "tenantId" = $1 GROUP BY "status"', [tenantId])],
    ['{ __typename }', () => send('{ __typename }', {})],
  ];

  console.log(`status counts bench: tenant ${TENANT} (${tenantId}), ${REQUESTS} requests per document, one at a time`);
  for (const size of SIZES) {
    let have = Number((await sql.query('SELECT count(*) FROM "Order" WHERE "tenantId" = $1', [tenantId])).rows[0].count);
    const fillStart = performance.now();
    const filled = Math.max(0, size - have);
    while (have < size) {
      const n = Math.min(BATCH, size - have);
      await sql.query(
        `INSERT INTO "Order" ("tenantId", "code", "status", "channel", "paymentStatus", "kind", "isDraft", "createdAt", "orderedAt")
         SELECT $1, 'SCB-' || i, ${STATUS_SQL}, ${CHANNEL_SQL}, ${PAYMENT_SQL}, ${KIND_SQL}, i % 50 = 0,
                now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval
           FROM generate_series($2::bigint, $3::bigint) AS i`,
        [tenantId, have + 1, have + n],
      );
      have += n;
    }
    // The worst case of the read: every key with all 16 slot rows (one connection filled them, so
    // they sit in one slot; writers on a pool's connections spread them over time). Zeros: sums unchanged.
    await sql.query(
      `INSERT INTO "OrderStatusCount" ("tenantId", "status", "channel", "kind", "isDraft", "paymentStatus", "slot", "count")
       SELECT k.*, s::smallint, 0
         FROM (SELECT DISTINCT "tenantId", "status", "channel", "kind", "isDraft", "paymentStatus" FROM "OrderStatusCount" WHERE "tenantId" = $1) k
        CROSS JOIN generate_series(0, 15) s
       ON CONFLICT DO NOTHING`,
      [tenantId],
    );
    await sql.query('ANALYZE "Order"');
    await sql.query('ANALYZE "OrderStatusCount"');
    if (filled) console.log(`\nfilled ${filled} orders in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);

    const fromCounter = await send(COUNTS, {});
    const fromOrders = await send(COUNTS, { filter: { createdAt: ALL } });
    const same = JSON.stringify(fromCounter) === JSON.stringify(fromOrders);
    const counterRows = Number((await sql.query('SELECT count(*) FROM "OrderStatusCount" WHERE "tenantId" = $1', [tenantId])).rows[0].count);
    console.log(`\n${have} orders (counter rows of the tenant: ${counterRows}); counter = GROUP BY: ${same ? 'yes' : `NO\n  counter ${JSON.stringify(fromCounter)}\n  orders  ${JSON.stringify(fromOrders)}`}; load ${load()}`);
    if (!same) process.exitCode = 1;
    console.log('document              p50 ms   p99 ms  mean ms  requests');
    for (const [name, run] of documents) {
      const requests = name.startsWith('GROUP BY') ? GROUP_BY_REQUESTS : REQUESTS;
      for (let i = 0; i < Math.min(10, requests); i++) await run();
      const times: number[] = [];
      for (let i = 0; i < requests; i++) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const mean = times.reduce((s, t) => s + t, 0) / times.length;
      console.log(`${name.padEnd(20)} ${pct(times, 50).toFixed(2).padStart(8)} ${pct(times, 99).toFixed(2).padStart(8)} ${mean.toFixed(2).padStart(8)} ${String(requests).padStart(9)}`);
    }
  }
  console.log(`\nload ${load()}`);
  await sql.end();
  await app.stop({ timeoutMs: 2_000 });
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
