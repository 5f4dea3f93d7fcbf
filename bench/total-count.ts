// npm run bench:total-count — the order list with totalCount, and a dashboard of three
// lists in one document, compiled or on the executor.
//
// Two apps in this process, the same but for COMPILED_READS, each on its own database
// (PGlite in memory, or DATABASE_URL), seeded alike (ORDERS orders of 2 lines each).
// Each document (the bench's order list, 50 orders, plus `totalCount`; the dashboard; customers
// with their latest orders, a connection inside a list) is
// sent through each app's fetch handler (no network: the figure is the server's and the
// database's work), REQUESTS times one after the other, in alternating ROUNDS after a
// warm-up. Prints milliseconds per request of each and which path answered (the
// x-read-path header).
//
// Knobs (environment): REQUESTS=300 ROUNDS=2 ORDERS=200 DATABASE_URL
import { readFileSync } from 'node:fs';
import type { App } from '../src/app.js';

const REQUESTS = Number(process.env.REQUESTS ?? 300);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const ORDERS = Number(process.env.ORDERS ?? 200);

const ORDER_LIST = readFileSync(new URL('./queries/ordergraph/order_list.graphql', import.meta.url), 'utf8').replace(
  'orders(first: 50) {',
  'orders(first: 50) {\n    totalCount',
);

/** Three root fields, as a dashboard's first screen asks for them. */
const DASHBOARD = `query Dashboard {
  orders(first: 20) { totalCount edges { node { id code status totals { grandTotal } createdAt customer { name } } } pageInfo { hasNextPage endCursor } }
  customers(first: 10) { totalCount edges { node { id name phone } } }
  products(first: 10) { totalCount edges { node { id name } } }
}`;

/** Customers, each with its latest orders: a connection inside a list. */
const CUSTOMERS_WITH_ORDERS = `query CustomersWithOrders {
  customers(first: 10) { edges { node { id name orders(first: 5) { totalCount edges { node { code status createdAt } } } } } }
}`;

const DOCUMENTS: Array<{ name: string; query: string; check: (data: any) => boolean }> = [
  { name: 'order list (50 orders) + totalCount', query: ORDER_LIST, check: (data) => data?.orders?.totalCount === ORDERS },
  { name: 'dashboard: orders, customers and products with totalCount', query: DASHBOARD, check: (data) => data?.orders?.totalCount === ORDERS },
  { name: 'customers with their latest 5 orders and the count', query: CUSTOMERS_WITH_ORDERS, check: (data) => data?.customers?.edges?.[0]?.node?.orders?.totalCount === ORDERS },
];

async function main() {
  const { createApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/config.js');
  const { createLogger } = await import('../src/logger.js');
  const { createApiKey } = await import('../src/auth/api-keys.js');

  async function seededApp(compiled: boolean): Promise<{ app: App; key: string }> {
    const config = loadConfig({
      ...process.env,
      DEMO: 'false',
      LOG_LEVEL: 'warn',
      DATA_DIR: 'memory://',
      NODE_ENV: 'development',
      RATE_LIMIT_RESTORE_RATE: '0',
      WEBHOOKS_RELAY: 'false',
      CANCELLATION_EXPIRY_SWEEP_MS: '0',
      COMPILED_READS: String(compiled),
    });
    const app = await createApp(config, { logger: createLogger('warn') });
    const prisma = app.db.prisma;
    const tenant = await prisma.tenant.create({ data: { slug: `count-bench-${compiled}-${Date.now()}`, name: 'Count bench' } });
    const { key } = await createApiKey(prisma, { tenantId: tenant.id, name: 'bench', role: 'VIEWER' });
    const customer = await prisma.customer.create({ data: { tenantId: tenant.id, name: 'Budi Santoso', phone: '081234567890' } });
    await prisma.order.createMany({
      data: Array.from({ length: ORDERS }, (_, i) => ({ tenantId: tenant.id, code: `TC-${i}`, status: 'CONFIRMED' as const, customerId: customer.id, subtotal: '20000', grandTotal: '20000' })),
    });
    const orders = await prisma.order.findMany({ where: { tenantId: tenant.id }, select: { id: true } });
    await prisma.orderItem.createMany({
      data: orders.flatMap((order) =>
        [1, 2].map((line) => ({ tenantId: tenant.id, orderId: order.id, sku: `SKU-${line}`, productName: `Kaos ${line}`, quantity: line, unitPrice: '10000', lineTotal: String(10000 * line) })),
      ),
    });
    return { app, key };
  }

  /** Milliseconds per request over `n` sequential requests; the path that answered the last. */
  async function run(app: App, key: string, n: number, { query, check }: (typeof DOCUMENTS)[number]): Promise<{ ms: number; path: string | null }> {
    const body = JSON.stringify({ query });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    let path: string | null = null;
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      const response = await app.yoga.fetch('http://bench/graphql', { method: 'POST', headers, body });
      const json = (await response.json()) as { errors?: unknown; data?: unknown };
      if (json.errors || !check(json.data)) throw new Error(`request failed: ${JSON.stringify(json.errors ?? json.data).slice(0, 300)}`);
      path = response.headers.get('x-read-path');
    }
    return { ms: (performance.now() - started) / n, path };
  }

  const compiled = await seededApp(true);
  const executor = await seededApp(false);
  try {
    for (const document of DOCUMENTS) {
      await run(compiled.app, compiled.key, 30, document);
      await run(executor.app, executor.key, 30, document);
      const totals = { compiled: 0, executor: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? (['compiled', 'executor'] as const) : (['executor', 'compiled'] as const);
        for (const which of order) {
          const subject = which === 'compiled' ? compiled : executor;
          const { ms, path } = await run(subject.app, subject.key, REQUESTS, document);
          totals[which] += ms;
          console.log(`round ${round + 1} COMPILED_READS=${which === 'compiled'}: ${ms.toFixed(2)} ms/request (answered by: ${path})`);
        }
      }
      console.log(`\n${document.name}, ${ORDERS} orders, ${REQUESTS} sequential requests x ${ROUNDS} rounds, ${compiled.app.db.kind}`);
      console.log(`compiled: ${(totals.compiled / ROUNDS).toFixed(2)} ms/request`);
      console.log(`executor: ${(totals.executor / ROUNDS).toFixed(2)} ms/request`);
      console.log(`executor / compiled: ${(totals.executor / totals.compiled).toFixed(2)}\n`);
    }
  } finally {
    await compiled.app.stop();
    await executor.app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
