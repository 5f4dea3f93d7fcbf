// The database as the server uses it: opened as the app role when there is one
// (row-level security applies to the server's queries), migrated and seeded as the
// tables' owner, checked for row-level security, and probed for readiness.
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { openDatabase, type Database } from './client.js';
import { migrate, pendingMigrations, readMigrations } from './migrate.js';
import { rowLevelSecurityStatus } from './row-level-security.js';
import { readDeployment, type Deployment } from './deployment.js';
import { tenantNeutral } from './tenant-scope.js';

export interface AppDatabaseOptions {
  /** An already open database (tests share one); otherwise opened from config. */
  database?: Database;
  /** The tables' owner, for migrations and seeding when `database` is the app role (tests); otherwise opened from DATABASE_URL for those. */
  ownerDatabase?: Database;
  /** Runs as the owner after the migrations (the demo shop). */
  seed?: (owner: Database) => Promise<void>;
}

export interface AppDatabase {
  db: Database;
  /** Whether the database was opened here (and is closed with the app). */
  owned: boolean;
  /** The database is reachable and fully migrated. */
  ready(): Promise<boolean>;
  /** The database's name and the deployment id its migration drew. */
  deployment: Deployment;
}

export async function openAppDatabase(config: Config, log: Logger, options: AppDatabaseOptions = {}): Promise<AppDatabase> {
  const db =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseAppUrl ?? config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.dbPoolSize,
      statementTimeouts: { readMs: config.dbReadTimeoutMs, writeMs: config.dbWriteTimeoutMs, exportMs: config.dbExportTimeoutMs },
      connectTimeoutMs: config.dbConnectTimeoutMs,
      queryTimeoutMs: queryBackstopMs(config),
      parallelWorkers: config.dbParallelWorkers,
      // Statements per request feed the metrics and the request log line.
      countStatements: config.metrics.enabled || log.isLevelEnabled('info'),
      onConnectionError: (error) => log.warn({ err: error }, 'database connection lost; the pool will reconnect'),
    }));
  // Read once: readiness probes compare the database with these every few seconds.
  const migrations = readMigrations();
  // Migrations and seeding are the owner's work; the app role may only read and write rows.
  let deployment: Deployment;
  const owner = options.ownerDatabase ?? (config.databaseAppUrl ? await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 }) : db);
  try {
    const applied = await migrate(owner.sql, migrations);
    if (applied.length) log.info({ applied }, 'migrations applied');
    await options.seed?.(owner);
    // Read as the owner: the table is no tenant's.
    deployment = await tenantNeutral(() => readDeployment(owner.sql));
  } finally {
    if (owner !== db && owner !== options.ownerDatabase) await owner.close();
  }
  if (db.kind === 'postgres') {
    const rls = await rowLevelSecurityStatus(db.sql);
    if (!rls.enforced) {
      log.warn(
        { role: rls.role, bypassedAs: rls.bypassedAs },
        'row-level security does not apply to this database role: tenants are kept apart by the application alone (README "Row-level security": DATABASE_APP_URL)',
      );
    }
  }
  return {
    db,
    owned: !options.database,
    deployment,
    async ready() {
      try {
        // The migrations table is no tenant's: probes leave the connections' tenants alone.
        return (await tenantNeutral(() => pendingMigrations(db.sql, migrations))).length === 0;
      } catch {
        return false;
      }
    },
  };
}

/** A little longer than the longest statement budget, so the server's own timeout answers first when it can. */
function queryBackstopMs(config: Config): number {
  // An export's reads raise it for their own checkouts (tenant-pool.ts): a partition is still noticed in seconds.
  const longest = Math.max(config.dbReadTimeoutMs, config.dbWriteTimeoutMs);
  return longest > 0 ? longest + 2_000 : 0;
}
