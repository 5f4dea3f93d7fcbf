// Database faults reach the client as codes it can act on: SERVICE_UNAVAILABLE
// (connection lost, pool exhausted, deadlock after the retries) or TIMEOUT
// (statement budget, request deadline), with extensions.retryAfter, HTTP 503 with
// Retry-After when nothing of the request succeeded, and one log line with the request id.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { createApiKey } from '../../src/auth/api-keys.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { asDatabaseFault, databaseFault, isUniqueViolation } from '../../src/db/faults.js';
import { transaction } from '../../src/db/transaction.js';
import { withStatementBudget } from '../../src/db/statement-budget.js';
import { createMemoryBus } from '../../src/events/memory-bus.js';
import { createLogger } from '../../src/logger.js';
import { DatabaseBusyError, DatabaseTimeoutError } from '../../src/shared/errors.js';
import { testConfig, testApp } from '../support/app.js';

const pgError = (code: string, message = `pg error ${code}`) => Object.assign(new Error(message), { code, severity: 'ERROR' });
const adapterError = (cause: Record<string, unknown>, code = 'P2010') => Object.assign(new Error('driver adapter error'), { code, meta: { driverAdapterError: { cause } } });
const socketError = (code: string) => Object.assign(new Error(`read ${code}`), { code, syscall: 'read', errno: -104 });

describe('databaseFault', () => {
  it.each([
    ['a deadlock (40P01)', pgError('40P01', 'deadlock detected'), 'conflict'],
    ['a serialization failure (40001)', pgError('40001'), 'conflict'],
    ["the adapter's write conflict", adapterError({ kind: 'TransactionWriteConflict', originalCode: '40P01' }, 'P2034'), 'conflict'],
    ['a statement timeout (57014)', pgError('57014', 'canceling statement due to statement timeout'), 'timeout'],
    ["the adapter's statement timeout", adapterError({ kind: 'postgres', code: '57014', originalCode: '57014' }), 'timeout'],
    ['an administrator shutdown (57P01)', pgError('57P01', 'terminating connection due to administrator command'), 'unavailable'],
    ['a crash shutdown (57P02)', pgError('57P02'), 'unavailable'],
    ['a server starting up (57P03)', pgError('57P03', 'the database system is starting up'), 'unavailable'],
    ['a connection failure (08006)', pgError('08006'), 'unavailable'],
    ['too many connections (53300)', pgError('53300'), 'busy'],
    ['a reset socket', socketError('ECONNRESET'), 'unavailable'],
    ["the adapter's closed connection", adapterError({ kind: 'ConnectionClosed' }), 'unavailable'],
    ['a connection ended mid-query', new Error('Connection terminated unexpectedly'), 'unavailable'],
    ['a pool with no free connection in time', new Error('timeout exceeded when trying to connect'), 'busy'],
    ["Prisma's transaction wait (P2028)", Object.assign(new Error('Unable to start a transaction in the given time.'), { code: 'P2028' }), 'busy'],
    ['a fault wrapped as a cause', new Error('outer', { cause: pgError('57P01') }), 'unavailable'],
  ])('reads %s', (_name, error, fault) => {
    expect(databaseFault(error)).toBe(fault);
  });

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value')],
    ["the adapter's unique violation", adapterError({ kind: 'UniqueConstraintViolation', originalCode: '23505' }, 'P2002')],
    ['a syntax error', pgError('42601')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a pool this process ended', new Error('Cannot use a pool after calling end on the pool')],
    ['not an error', 'text'],
  ])('leaves %s alone', (_name, error) => {
    expect(databaseFault(error)).toBeUndefined();
  });
});

describe('isUniqueViolation', () => {
  // The errors as the database gives them: a typed create and a raw statement report a
  // unique violation differently (P2002; P2010 with the adapter's cause), and both are one.
  it('recognises the unique violation of a typed create and of a raw statement, and nothing else', async () => {
    const { fixtures } = await testApp();
    const slug = `faults-unique-${randomUUID().slice(0, 8)}`;
    await fixtures.prisma.tenant.create({ data: { slug, name: slug } });
    const typed = await fixtures.prisma.tenant.create({ data: { slug, name: slug } }).catch((e: unknown) => e);
    const raw = await fixtures.prisma.$queryRawUnsafe('INSERT INTO "Tenant" ("slug", "name") VALUES ($1, $1)', slug).catch((e: unknown) => e);
    const other = await fixtures.prisma.$queryRawUnsafe('INSERT INTO "Tenant" ("slug") VALUES ($1)', `${slug}-x`).catch((e: unknown) => e);
    expect([typed, raw, other].map((e) => e instanceof Error)).toEqual([true, true, true]);
    expect([isUniqueViolation(typed), isUniqueViolation(raw), isUniqueViolation(other)]).toEqual([true, true, false]);
    await fixtures.prisma.tenant.deleteMany({ where: { slug } });
  });
});

const PG = process.env.DATABASE_URL;
const silent = { error: () => {} };

describe.skipIf(!PG)('statement budgets on PostgreSQL', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: PG, poolSize: 2, statementTimeouts: { readMs: 300, writeMs: 1_000, exportMs: 2_000 } });
  });
  afterAll(() => db?.close());

  const timeoutSetting = async (prisma: Pick<Database['prisma'], '$queryRaw'>) =>
    (await prisma.$queryRaw<Array<{ statement_timeout: string }>>`SHOW statement_timeout`)[0]!.statement_timeout;

  it('gives reads the read budget, write transactions the write budget and exports the export budget, on the same connections', async () => {
    const deps = { prisma: db.prisma, events: createMemoryBus(), log: silent };
    expect(await timeoutSetting(db.prisma)).toBe('300ms');
    expect(await transaction(deps, (scope) => timeoutSetting(scope.tx))).toBe('1s');
    expect(await timeoutSetting(db.prisma)).toBe('300ms');
    // An export job's reads get the export budget.
    expect(await withStatementBudget('export', () => timeoutSetting(db.prisma))).toBe('2s');
    expect(await timeoutSetting(db.prisma)).toBe('300ms');
    // Plain SQL (migrations, bulk inserts) has no budget.
    expect(await db.sql.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '0' }]);
    expect(await timeoutSetting(db.prisma)).toBe('300ms');
    // Longer than a read may take, within a write's budget.
    await expect(transaction(deps, (scope) => scope.tx.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.5)`)).resolves.toBeDefined();
  });

  it('sends a write transaction its budget with its BEGIN, and no set_config for it before or after', async () => {
    // Every statement on the wire, counted in pg's Client.query (patched before the pool's connection exists).
    const sent: string[] = [];
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string };
      sent.push(typeof config === 'string' ? config : (config?.text ?? ''));
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as never;
    const one = await openDatabase({ databaseUrl: PG, poolSize: 1, statementTimeouts: { readMs: 300, writeMs: 1_000 } });
    try {
      const deps = { prisma: one.prisma, events: createMemoryBus(), log: silent };
      expect(await timeoutSetting(one.prisma)).toBe('300ms');
      sent.length = 0;
      expect(await transaction(deps, (scope) => timeoutSetting(scope.tx))).toBe('1s');
      expect(await timeoutSetting(one.prisma)).toBe('300ms');
    } finally {
      pg.Client.prototype.query = query;
      await one.close();
    }
    // BEGIN with the budget, SHOW, COMMIT; then the read's SHOW, on the read budget the connection kept.
    expect(sent.map((text) => text.trim())).toEqual(['BEGIN; SET LOCAL statement_timeout = 1000', 'SHOW statement_timeout', 'COMMIT', 'SHOW statement_timeout']);
  });

  it("raises the client-side backstop for an export's reads only: a request's read still gives up at the short one", async () => {
    const backstopped = await openDatabase({ databaseUrl: PG, poolSize: 1, statementTimeouts: { readMs: 5_000, writeMs: 5_000, exportMs: 5_000 }, queryTimeoutMs: 400 });
    try {
      const read = await backstopped.prisma.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.8)`.catch((e: unknown) => e);
      expect(read).toBeInstanceOf(Error);
      await expect(withStatementBudget('export', () => backstopped.prisma.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.8)`)).resolves.toEqual([{ one: 1 }]);
      // The same connection serves a request's read with the short backstop again.
      expect(await backstopped.prisma.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.8)`.catch((e: unknown) => e)).toBeInstanceOf(Error);
    } finally {
      await backstopped.close();
    }
  });

  it('stops a read past its budget (a timeout fault) and a transaction past its own (DatabaseTimeoutError, TIMEOUT)', async () => {
    const deps = { prisma: db.prisma, events: createMemoryBus(), log: silent };
    const read = await db.prisma.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.5)`.catch((e: unknown) => e);
    expect(databaseFault(read)).toBe('timeout');
    const write = await transaction(deps, (scope) => scope.tx.$queryRaw`SELECT 1 AS one FROM pg_sleep(1.5)`).catch((e: unknown) => e);
    expect(write).toBeInstanceOf(DatabaseTimeoutError);
    expect(write).toMatchObject({ code: 'TIMEOUT', retryAfterSeconds: 2 });
  });
});

describe.skipIf(!PG)('parallel workers on PostgreSQL', () => {
  it("sets the app's connections' parallel workers at their start, keeping the options the URL gives", async () => {
    const url = new URL(PG!);
    url.searchParams.set('options', '-c work_mem=7MB');
    const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 1, parallelWorkers: 0 });
    try {
      const [row] = await db.read('SELECT current_setting($1), current_setting($2)', ['max_parallel_workers_per_gather', 'work_mem']);
      expect(row).toEqual(['0', '7MB']);
      expect(await db.background.query('SHOW max_parallel_workers_per_gather')).toEqual([{ max_parallel_workers_per_gather: '0' }]);
    } finally {
      await db.close();
    }
    const server = await openDatabase({ databaseUrl: PG, poolSize: 1 });
    try {
      // Left out: the server's own setting (2 unless the server says otherwise).
      const [[setting]] = (await server.read('SELECT current_setting($1)', ['max_parallel_workers_per_gather'])) as [[string]];
      expect(setting).toBe((await server.sql.query<{ s: string }>("SELECT reset_val AS s FROM pg_settings WHERE name = 'max_parallel_workers_per_gather'"))[0]!.s);
    } finally {
      await server.close();
    }
  });
});

describe.skipIf(!PG)('pool exhaustion on PostgreSQL', () => {
  it('fails a read that finds no free connection within DB_CONNECT_TIMEOUT_MS as busy (SERVICE_UNAVAILABLE), not a hang', async () => {
    const db = await openDatabase({ databaseUrl: PG, poolSize: 1, connectTimeoutMs: 200 });
    try {
      const deps = { prisma: db.prisma, events: createMemoryBus(), log: silent };
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const holder = transaction(deps, async (scope) => {
        await scope.tx.$queryRaw`SELECT 1`;
        await held;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const read = await db.prisma.$queryRaw`SELECT 1`.catch((e: unknown) => e);
      release();
      await holder;
      expect(databaseFault(read)).toBe('busy');
      expect(asDatabaseFault(read)).toBeInstanceOf(DatabaseBusyError);
      expect(asDatabaseFault(read)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 });
    } finally {
      await db.close();
    }
  });
});

interface Body {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
}

const APP_NAME = `og-faults-${process.pid}`;

describe.skipIf(!PG)('faults through GraphQL on PostgreSQL', () => {
  const logs: Array<Record<string, any>> = [];
  let app: App;
  let deadlineApp: App;
  let database: Database;
  let key: string;
  let tenantId: number;

  beforeAll(async () => {
    const { fixtures } = await testApp();
    // Named, so that only this app's connections are ended below (other test files share the database).
    const url = new URL(PG!);
    url.searchParams.set('application_name', APP_NAME);
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 3, statementTimeouts: { readMs: 1_000, writeMs: 1_000 } });
    const config = testConfig({ DATABASE_URL: PG, DB_READ_TIMEOUT_MS: '1000', DB_WRITE_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '0' });
    const logger = createLogger('warn', { write: (line: string) => void logs.push(JSON.parse(line)) });
    app = await createApp(config, { database, ownerDatabase: fixtures, logger });
    deadlineApp = await createApp({ ...config, requestTimeoutMs: 300 }, { database, ownerDatabase: fixtures, logger });
    const tenant = await fixtures.prisma.tenant.create({ data: { slug: `faults-${randomUUID()}`, name: 'Faults' } });
    tenantId = tenant.id;
    ({ key } = await createApiKey(fixtures.prisma, { tenantId, name: 'faults', role: 'OWNER' }));
  });
  afterAll(async () => {
    await app?.stop();
    await deadlineApp?.stop();
    await database?.close();
  });

  const send = async (target: App, body: unknown): Promise<Response> =>
    target.yoga.fetch('http://ordergraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${key}`, 'x-request-id': `faults-${randomUUID()}` },
      body: JSON.stringify(body),
    });

  /**
   * Runs fn while another connection (a plain pg client: nothing of the app's async
   * context) holds `lock` in an open transaction: the app's statements on those rows wait.
   */
  async function whileLocked<T>(lock: { sql: string; params?: unknown[] }, fn: () => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: PG });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(lock.sql, lock.params);
      return await fn();
    } finally {
      await client.query('ROLLBACK').catch(() => {});
      await client.end();
    }
  }
  const categoryTable = { sql: 'LOCK TABLE "ProductCategory" IN ACCESS EXCLUSIVE MODE' };

  it('answers a read past DB_READ_TIMEOUT_MS with TIMEOUT, 503 and Retry-After, logged with the request id', async () => {
    logs.length = 0;
    const response = await whileLocked(categoryTable, () => send(app, { query: '{ productCategories(first: 5) { totalCount } }' }));
    const body = (await response.json()) as Body;
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ extensions: { code: 'TIMEOUT', retryAfter: 2 } });
    expect(body.errors![0]!.message).not.toMatch(/statement|canceling|prisma/i);
    const requestId = response.headers.get('x-request-id');
    expect(logs.filter((l) => l.msg === 'database fault')).toEqual([expect.objectContaining({ level: 40, requestId })]);
  });

  it('answers a write past DB_WRITE_TIMEOUT_MS with TIMEOUT; nothing is written', async () => {
    const { fixtures } = await testApp();
    const warehouse = await fixtures.prisma.warehouse.create({ data: { tenantId, code: `W${Date.now() % 100000}`, name: 'Before' } });
    const id = Buffer.from(`Warehouse:${warehouse.id}`).toString('base64');
    const response = await whileLocked({ sql: 'SELECT 1 FROM "Warehouse" WHERE "id" = $1 FOR UPDATE', params: [warehouse.id] }, () =>
      send(app, { query: 'mutation($input: WarehouseUpdateInput!) { warehouseUpdate(input: $input) { __typename } }', variables: { input: { warehouse: id, name: 'After' } } }),
    );
    const body = (await response.json()) as Body;
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'TIMEOUT', retryAfter: 2 });
    expect(response.status).toBe(503);
    expect((await fixtures.prisma.warehouse.findUniqueOrThrow({ where: { id: warehouse.id } })).name).toBe('Before');
  });

  it('answers a read whose connection is killed with SERVICE_UNAVAILABLE, 503 and Retry-After', async () => {
    const { fixtures } = await testApp();
    logs.length = 0;
    const response = await whileLocked(categoryTable, async () => {
      const pending = send(app, { query: '{ productCategories(first: 5) { totalCount } }' });
      // The app's statement waiting for the lock: end its connection as a server shutdown would (57P01).
      for (let i = 0; i < 100; i++) {
        const killed = await fixtures.sql.query<{ killed: boolean }>(
          `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
            WHERE application_name = $1 AND wait_event_type = 'Lock' AND query LIKE '%ProductCategory%'`,
          [APP_NAME],
        );
        if (killed.length) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return pending;
    });
    const body = (await response.json()) as Body;
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfter: 1 });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(logs.filter((l) => l.msg === 'database fault')).toEqual([expect.objectContaining({ requestId: response.headers.get('x-request-id') })]);
    // The pool replaced the connection: the next request is answered.
    const next = await send(app, { query: '{ productCategories(first: 5) { totalCount } }' });
    expect(next.status).toBe(200);
  });

  it('answers a label (REST) whose read runs past its budget with 503, TIMEOUT and Retry-After', async () => {
    const path = `/labels/${encodeURIComponent(Buffer.from('Shipment:1').toString('base64'))}.pdf`;
    const response = await whileLocked({ sql: 'LOCK TABLE "Shipment" IN ACCESS EXCLUSIVE MODE' }, async () =>
      app.yoga.fetch(`http://ordergraph.test${path}`, { headers: { authorization: `Bearer ${key}` } }),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(((await response.json()) as Body).errors?.[0]?.extensions).toEqual({ code: 'TIMEOUT' });
  });

  it('answers a query past REQUEST_TIMEOUT_MS with TIMEOUT and 503', async () => {
    const response = await whileLocked(categoryTable, () => send(deadlineApp, { query: '{ productCategories(first: 5) { totalCount } }' }));
    const body = (await response.json()) as Body;
    expect(response.status).toBe(503);
    expect(body.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('300 ms'), extensions: expect.objectContaining({ code: 'TIMEOUT', retryAfter: 2 }) })]);
  });

  it('cancels the statements of a query answered at REQUEST_TIMEOUT_MS, though their own budget is far off', async () => {
    // A read budget of a minute: only the deadline's cancel can end the wait within the test.
    const url = new URL(PG!);
    url.searchParams.set('application_name', `${APP_NAME}-deadline`);
    const patient = await openDatabase({ databaseUrl: url.toString(), poolSize: 2, statementTimeouts: { readMs: 60_000, writeMs: 60_000 } });
    const { fixtures } = await testApp();
    const config = testConfig({ DATABASE_URL: PG, REQUEST_TIMEOUT_MS: '300' });
    const patientApp = await createApp(config, { database: patient, ownerDatabase: fixtures, logger: createLogger('silent') });
    const waiting = async () =>
      (
        await fixtures.sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state = 'active' AND wait_event_type = 'Lock'`,
          [`${APP_NAME}-deadline`],
        )
      )[0]!.n;
    try {
      await whileLocked(categoryTable, async () => {
        const response = await send(patientApp, { query: '{ productCategories(first: 5) { totalCount } }' });
        expect(response.status).toBe(503);
        expect(((await response.json()) as Body).errors?.[0]?.extensions).toMatchObject({ code: 'TIMEOUT' });
        // The lock is still held: a statement left running would still be waiting for it.
        let left = await waiting();
        for (let i = 0; i < 50 && left > 0; i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          left = await waiting();
        }
        expect(left).toBe(0);
      });
      // The pool gave up the cancelled connection and serves the next request.
      const next = await send(patientApp, { query: '{ productCategories(first: 5) { totalCount } }' });
      expect(next.status).toBe(200);
    } finally {
      await patientApp.stop();
      await patient.close();
    }
  });
});
