// One app per test worker over a real database: in-process PGlite by default,
// the PostgreSQL of DATABASE_URL when it is set. Tests seed their own tenants.
// With DATABASE_APP_URL too (CI), the app runs as that role under row-level
// security, and fixtures are written as the owner of DATABASE_URL, across tenants.
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';

/**
 * The app's background work, off: each loop acts on the whole database, so on the
 * shared test database it would act on every test file's tenants, between their
 * statements (SQL counts) and behind their backs. Tests that need a round run it themselves.
 */
export const NO_BACKGROUND_WORK = {
  // The outbox relay; webhook tests start their own (for their own tenants).
  WEBHOOKS_RELAY: 'false',
  // The cancellation expiry sweep; its tests run rounds with app.cancellationSweep.runOnce().
  CANCELLATION_EXPIRY_SWEEP_MS: '0',
  SALES_HOURS_FOLD_MS: '0',
  // The search's trigram sample (still once at start; order-search.test.ts samples again).
  SEARCH_TRIGRAM_SAMPLE_MS: '0',
} as const;

/**
 * The config of an app over the shared test database (or its DATABASE_URL): the worker's
 * app below, and the others some files make. No background work (NO_BACKGROUND_WORK).
 * `env` wins, so a test may still turn the relay on for its own WEBHOOKS_RELAY_TENANTS;
 * `inherited` (process.env, for a file that passes it through) yields to everything.
 */
export function testConfig(env: Record<string, string | undefined>, inherited: Record<string, string | undefined> = {}): Config {
  return loadConfig({ ...inherited, DEMO: 'false', DATA_DIR: 'memory://', NODE_ENV: 'test', LOG_LEVEL: 'silent', ...NO_BACKGROUND_WORK, ...env });
}

export interface TestApp {
  app: App;
  /** SQL statements Prisma sent since the last reset. */
  sql: { statements: string[]; reset(): void };
  /**
   * The tables' owner, for writing and checking fixtures of any tenant: row-level
   * security does not apply to it. The app's own database on PGlite or without DATABASE_APP_URL.
   */
  fixtures: Database;
}

let current: Promise<TestApp> | undefined;

/** The worker's app if a test has started it (test/support/setup.ts waits for its background work). */
export function startedTestApp(): Promise<TestApp> | undefined {
  return current;
}

export function testApp(): Promise<TestApp> {
  current ??= (async () => {
    const config = testConfig(
      {
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
        // Tests revoke and expire keys and expect the next request to see it.
        API_KEY_CACHE_MS: '0',
        // Sweeps send hundreds of requests with one key; the throttle has its own tests.
        RATE_LIMIT_RESTORE_RATE: '0',
        // Webhook tests' receivers listen on 127.0.0.1.
        WEBHOOKS_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
        // Document tests sign links of their own (expired ones) with it.
        DOCUMENT_URL_SECRET: 'test-document-url-secret-0123456789abcdef',
      },
      process.env,
    );
    const statements: string[] = [];
    const database = await openDatabase({
      databaseUrl: config.databaseAppUrl ?? config.databaseUrl,
      dataDir: 'memory://',
      poolSize: 5,
      onQuery: (sql) => statements.push(sql),
    });
    const fixtures = config.databaseAppUrl ? await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 3 }) : database;
    const app = await createApp(config, { database, ownerDatabase: fixtures, logger: createLogger(config.logLevel) });
    // Shared by every test file of this worker (vitest isolate: false); it ends with the worker.
    return {
      app,
      fixtures,
      sql: {
        statements,
        reset: () => {
          statements.length = 0;
        },
      },
    };
  })();
  return current;
}
