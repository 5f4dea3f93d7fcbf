// PostgreSQL behind a network that fails (a TCP proxy of the test's own between
// the server and the database): a cut answers SERVICE_UNAVAILABLE with a
// Retry-After at once, a silent partition (packets dropped, sockets open) answers
// SERVICE_UNAVAILABLE within seconds instead of hanging, the server serves again
// once the network is back, and a shutdown during a partition finishes within its
// budget. Each test prints what a client saw and how long recovery took.
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { testConfig, testApp } from '../support/app.js';
import { newTenant } from '../support/tenant.js';
import { tcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const PG = process.env.DATABASE_URL;
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

async function proxiedApp(): Promise<{ app: App; proxy: TcpProxy }> {
  await testApp(); // migrated, roles in place
  const target = new URL(process.env.DATABASE_APP_URL ?? PG!);
  const proxy = await tcpProxy(Number(target.port || 5432), target.hostname);
  cleanups.push(() => proxy.close());
  const through = (url: string | undefined) => (url ? url.replace(`@${target.host}/`, `@127.0.0.1:${proxy.port}/`) : undefined);
  const config = testConfig(
    {
      ...(process.env.DATABASE_APP_URL ? { DATABASE_APP_URL: through(process.env.DATABASE_APP_URL) } : { DATABASE_URL: through(PG) }),
      API_KEY_CACHE_MS: '0',
      DB_POOL_SIZE: '4',
      DB_READ_TIMEOUT_MS: '1000',
      DB_WRITE_TIMEOUT_MS: '1000',
      DB_CONNECT_TIMEOUT_MS: '1000',
      REQUEST_TIMEOUT_MS: '1500',
      SHUTDOWN_TIMEOUT_MS: '1000',
    },
    process.env,
  );
  const app = await createApp(config, { logger: createLogger('silent') });
  cleanups.push(() => app.stop());
  return { app, proxy };
}

interface Answer {
  status: number;
  retryAfter: string | null;
  code: string | undefined;
  ms: number;
}

async function ask(app: App, key: string, query = '{ orders(first: 5) { totalCount edges { node { code } } } }'): Promise<Answer> {
  const started = performance.now();
  const response = await app.yoga.fetch('http://ordergraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), code: body.errors?.[0]?.extensions?.code, ms: Math.round(performance.now() - started) };
}

/** Asks until a request succeeds; returns how long that took. */
async function recovery(app: App, key: string, deadlineMs = 20_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const answer = await ask(app, key);
    if (answer.status === 200 && !answer.code) return Math.round(performance.now() - started);
    if (performance.now() - started > deadlineMs) throw new Error(`not recovered within ${deadlineMs} ms: ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!PG)('PostgreSQL behind a failing network', () => {
  it('a cut connection answers SERVICE_UNAVAILABLE with Retry-After, and serving resumes once the network is back', async () => {
    const { app, proxy } = await proxiedApp();
    const t = await newTenant();
    expect(await ask(app, t.key)).toMatchObject({ status: 200, code: undefined });

    await proxy.cut();
    const during = await ask(app, t.key);
    expect(during).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(Number(during.retryAfter)).toBeGreaterThan(0);

    await proxy.heal();
    const recoveredMs = await recovery(app, t.key);
    console.log(`network cut: client saw ${during.status} ${during.code} (Retry-After ${during.retryAfter}) after ${during.ms} ms; served again ${recoveredMs} ms after the network came back`);
  });

  it('a silent partition answers 503 within seconds instead of hanging, no pool connection stays stuck, and a shutdown finishes in time', async () => {
    const { app, proxy } = await proxiedApp();
    const t = await newTenant();
    // Warm the pool: several connections open through the proxy.
    await Promise.all([1, 2, 3, 4].map(() => ask(app, t.key)));

    proxy.blackhole();
    const during = await Promise.all([1, 2, 3, 4, 5, 6].map(() => ask(app, t.key)));
    for (const answer of during) {
      expect(answer.status).toBe(503);
      expect(['TIMEOUT', 'SERVICE_UNAVAILABLE']).toContain(answer.code);
      // The deadline (1.5 s) or the connect timeout (1 s), plus slack for a loaded machine: never "for ever".
      expect(answer.ms).toBeLessThan(10_000);
    }

    await proxy.heal();
    const recoveredMs = await recovery(app, t.key);
    // Every pool connection serves again: as many requests at once as the pool holds, twice.
    for (let round = 0; round < 2; round++) {
      const after = await Promise.all([1, 2, 3, 4, 5, 6].map(() => ask(app, t.key)));
      expect(after.map((a) => [a.status, a.code])).toEqual(after.map(() => [200, undefined]));
    }
    console.log(
      `silent partition: clients saw ${[...new Set(during.map((a) => `${a.status} ${a.code}`))].join(', ')} after ${Math.min(...during.map((a) => a.ms))}-${Math.max(...during.map((a) => a.ms))} ms; served again ${recoveredMs} ms after the network came back`,
    );

    // A shutdown while the database is unreachable again, with a request in flight.
    proxy.blackhole();
    const inFlight = ask(app, t.key);
    const started = performance.now();
    await app.stop({ timeoutMs: 1000 });
    const stopMs = Math.round(performance.now() - started);
    await inFlight.catch(() => undefined);
    console.log(`shutdown during a partition: finished in ${stopMs} ms (SHUTDOWN_TIMEOUT_MS 1000)`);
    expect(stopMs).toBeLessThan(5_000);
  });
});
