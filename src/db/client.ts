// One Prisma client over either PostgreSQL (adapter-pg) or the embedded PGlite.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.js';
import { statementNamer } from './statement-names.js';
import { keepTenantsApartInBatches, setPlainStatement, tenantClients } from './tenant-client.js';
import { withStatementBudget, type StatementTimeouts } from './statement-budget.js';
import { TenantPool } from './tenant-pool.js';
import { noteStatement } from './statement-count.js';
import { tracedQuery } from './statement-trace.js';

export type Db = PrismaClient;

/** Runs plain SQL outside Prisma: migrations, the seed's bulk inserts. */
export interface SqlRunner {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs fn on one connection inside BEGIN/COMMIT (ROLLBACK on throw). */
  transaction<T>(fn: (sql: SqlRunner) => Promise<T>): Promise<T>;
}

export interface Database {
  /** Runs outside any tenant unless called inside withTenant(): on PostgreSQL with row-level security, it sees no tenant's rows then. */
  prisma: Db;
  /** The client bound to one tenant (PostgreSQL); on PGlite, which has no row-level security, `prisma` itself. */
  forTenant(tenantId: number): Db;
  sql: SqlRunner;
  /**
   * Plain SQL for background work (the outbox relay), in the caller's tenant scope, on
   * PostgreSQL over a few connections of its own: a pool full of requests never holds
   * it up, and it never takes a request's connection. On PGlite the same as `sql`.
   */
  background: SqlRunner;
  /**
   * One read statement, prepared once per connection, rows as arrays of column values;
   * in the caller's tenant scope (withTenant). Outside Prisma: for compiled reads, whose
   * statement is already complete SQL and whose rows need no mapping.
   */
  read(sql: string, params: readonly unknown[]): Promise<unknown[][]>;
  kind: 'postgres' | 'pglite';
  /** How often a connection was switched to another tenant (`set_config` statements sent). */
  tenantSwitches(): number;
  /** The connection pool's connections (PostgreSQL; PGlite has one connection and no pool). */
  poolStats?(): { total: number; idle: number; waiting: number };
  /**
   * Calls onNotify with its payload on each NOTIFY on the channel (from any instance, after its COMMIT);
   * resolves with a function that stops listening. On PostgreSQL a connection of its
   * own outside the pool; if it breaks, onError is told and listening stops (callers poll too).
   */
  listen(channel: string, onNotify: (payload: string) => void, onError?: (error: Error) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** PGlite folder, or "memory://" for a throwaway database. */
  dataDir?: string;
  poolSize?: number;
  /** Called with every SQL statement Prisma sends (SQL counting in tests). */
  onQuery?: (sql: string) => void;
  /** Count statements per request (statement-count.ts; metrics and the request log). Implied by onQuery. */
  countStatements?: boolean;
  /** An idle PostgreSQL connection failed (e.g. the server restarted); the pool replaces it. */
  onConnectionError?: (error: Error) => void;
  /** PostgreSQL statement_timeout for reads and inside write transactions (statement-budget.ts); the server's setting when left out. */
  statementTimeouts?: StatementTimeouts;
  /**
   * PostgreSQL: how long to wait for a new connection, or for a free one of a full
   * pool, before the query fails (a retryable SERVICE_UNAVAILABLE); 0 waits forever.
   */
  connectTimeoutMs?: number;
  /**
   * PostgreSQL: a statement with no answer at all after this fails on the client
   * and its connection is dropped: the backstop for a silent partition, where the
   * server never sees the statement and its own statement_timeout cannot fire.
   */
  queryTimeoutMs?: number;
  /**
   * PostgreSQL: max_parallel_workers_per_gather for the app's connections (a startup
   * option); the server's setting when left out. An `options` given in the URL is kept
   * and this is added after it.
   */
  parallelWorkers?: number;
}

/**
 * The URL of the app's connections: the startup `options` the URL gives, then the
 * parallel workers setting (in the URL itself: pg lets the URL's options replace a
 * separate `options`).
 */
function withStartupOptions(databaseUrl: string, parallelWorkers: number | undefined): string {
  if (parallelWorkers === undefined) return databaseUrl;
  const url = new URL(databaseUrl);
  const own = url.searchParams.get('options');
  url.searchParams.set('options', [own, `-c max_parallel_workers_per_gather=${parallelWorkers}`].filter(Boolean).join(' '));
  return url.toString();
}

function pgRunner(client: { query: pg.Pool['query'] }, pool?: pg.Pool): SqlRunner {
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query(sql, params) {
      const result = await client.query(sql, params as unknown[]);
      return result.rows;
    },
    async transaction(fn) {
      if (!pool) return fn(this);
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const result = await fn(pgRunner(conn));
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        conn.release();
      }
    },
  };
}

function unbounded(runner: SqlRunner): SqlRunner {
  return {
    exec: (sql) => withStatementBudget('unbounded', () => runner.exec(sql)),
    query: (sql, params) => withStatementBudget('unbounded', () => runner.query(sql, params)),
    transaction: (fn) => withStatementBudget('unbounded', () => runner.transaction(fn)),
  };
}

function pgliteRunner(db: Pick<PGlite, 'exec' | 'query'> & Partial<Pick<PGlite, 'transaction'>>): SqlRunner {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query(sql, params) {
      const result = await db.query(sql, params as unknown[]);
      return result.rows as never[];
    },
    async transaction(fn) {
      if (!db.transaction) return fn(this);
      return db.transaction((tx) => fn(pgliteRunner(tx)));
    },
  };
}

/** What each statement is told to: the caller's onQuery and the per-request count; undefined when nobody listens (no query events then). */
function statementListener(options: DatabaseOptions): ((sql: string) => void) | undefined {
  const onQuery = options.onQuery;
  if (onQuery) return (sql) => (noteStatement(), onQuery(sql));
  return options.countStatements ? () => noteStatement() : undefined;
}

function prismaLog(onQuery?: (sql: string) => void) {
  return onQuery ? ([{ emit: 'event', level: 'query' }] as const) : undefined;
}

/** Connections of the background pool (Database.background): the relay runs a round's statements one at a time, and writes outcomes beside it. */
const BACKGROUND_CONNECTIONS = 3;

export async function openDatabase(given: DatabaseOptions): Promise<Database> {
  const options = { ...given, onQuery: statementListener(given) };
  if (options.databaseUrl) {
    // Each connection carries the caller's tenant for the row-level security policies.
    const connectionString = withStartupOptions(options.databaseUrl, options.parallelWorkers);
    const pool = new TenantPool({
      connectionString,
      max: options.poolSize ?? 10,
      statementTimeouts: options.statementTimeouts,
      // A half-open connection (server gone without a FIN) is found by TCP keepalive instead of hanging a request.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 0,
      ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {}),
    });
    // Without a listener an idle connection's error would crash the process.
    pool.on('error', (error) => options.onConnectionError?.(error));
    const backgroundPool = new TenantPool({
      connectionString,
      max: BACKGROUND_CONNECTIONS,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 0,
      ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {}),
    });
    backgroundPool.on('error', (error) => options.onConnectionError?.(error));
    // Tracing (statement-trace.ts): Prisma's plain statements go through pool.query, its
    // transactions' and the tenant settings through a checked-out connection's query.
    pool.query = tracedQuery(pool.query);
    pool.on('connect', (client) => void (client.query = tracedQuery(client.query)));
    // Prisma's texts are few per query shape: 200 names per connection cover the API.
    const adapter = new PrismaPg(pool, { statementNameGenerator: statementNamer(200) as (query: { sql: string }) => string });
    const prisma = new PrismaClient({ adapter, log: prismaLog(options.onQuery) as never });
    if (options.onQuery) (prisma as unknown as QueryEmitter).$on('query', (e) => options.onQuery!(e.query));
    keepTenantsApartInBatches(prisma);
    // A budget of names of its own, beside Prisma's.
    const readName = statementNamer(200);
    // One statement on the pool, prepared once per connection: compiled reads take rows as arrays, plain statements as objects.
    const statement = async (sql: string, params: readonly unknown[], rowMode?: 'array') => {
      options.onQuery?.(sql);
      return (await pool.query({ name: readName({ sql }), text: sql, values: params as unknown[], ...(rowMode ? { rowMode } : {}) })).rows;
    };
    setPlainStatement(prisma, (sql, params) => statement(sql, params));
    return {
      prisma,
      forTenant: tenantClients(prisma),
      // Migrations and bulk work: no statement budget (an index build may rightly take minutes).
      sql: unbounded(pgRunner(pool, pool)),
      background: unbounded(pgRunner(backgroundPool, backgroundPool)),
      read: (sql, params) => statement(sql, params, 'array') as Promise<unknown[][]>,
      kind: 'postgres',
      tenantSwitches: () => pool.tenantSwitches,
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      async listen(channel, onNotify, onError) {
        const client = new pg.Client({ connectionString: options.databaseUrl, keepAlive: true });
        client.on('notification', (message) => message.channel === channel && onNotify(message.payload ?? ''));
        client.on('error', (error) => onError?.(error));
        await client.connect();
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        return async () => void (await client.end().catch(() => {}));
      },
      async close() {
        await prisma.$disconnect();
        await pool.end().catch(() => {});
        await backgroundPool.end().catch(() => {});
      },
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // pg_trgm: the trigram indexes behind `search:` filters (a migration creates the extension).
  const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  // Tracing (statement-trace.ts): plain statements, and those inside a transaction.
  pglite.query = tracedQuery(pglite.query);
  const transaction = pglite.transaction.bind(pglite);
  pglite.transaction = (fn) => transaction((tx) => ((tx.query = tracedQuery(tx.query)), fn(tx)));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), log: prismaLog(options.onQuery) as never });
  if (options.onQuery) (prisma as unknown as QueryEmitter).$on('query', (e) => options.onQuery!(e.query));
  const statement = async (sql: string, params: readonly unknown[], rowMode?: 'array') => {
    options.onQuery?.(sql);
    return (await pglite.query<never>(sql, params as unknown[], rowMode ? { rowMode } : undefined)).rows;
  };
  setPlainStatement(prisma, (sql, params) => statement(sql, params));
  return {
    prisma,
    forTenant: () => prisma,
    sql: pgliteRunner(pglite),
    background: pgliteRunner(pglite),
    read: (sql, params) => statement(sql, params, 'array') as Promise<unknown[][]>,
    kind: 'pglite',
    tenantSwitches: () => 0,
    async listen(channel, onNotify) {
      const unlisten = await pglite.listen(channel, (payload) => onNotify(payload ?? ''));
      // Closing after the database was closed (tests) is not an error.
      return async () => void (await Promise.resolve().then(() => unlisten()).catch(() => {}));
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

interface QueryEmitter {
  $on(event: 'query', cb: (e: { query: string }) => void): void;
}
