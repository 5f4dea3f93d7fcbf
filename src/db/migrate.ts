// Applies prisma/migrations/<timestamp>_<name>/migration.sql in order, each in its
// own transaction, recorded with a checksum. `prisma migrate` cannot run offline,
// so the project applies its own versioned SQL (same files for PGlite and PostgreSQL).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlRunner } from './client.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
const TABLE = '_ordergraph_migrations';
// Any constant: every instance takes the same transaction-scoped advisory lock.
const LOCK_KEY = 720_331_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

interface AppliedRow {
  name: string;
  checksum: string;
}

async function ensureTable(sql: SqlRunner) {
  await sql.exec(
    `CREATE TABLE IF NOT EXISTS "${TABLE}" (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
}

function assertUnchanged(migration: Migration, applied: AppliedRow | undefined) {
  if (applied && applied.checksum !== migration.checksum) {
    throw new MigrationError(
      `Migration ${migration.name} was edited after it was applied (checksum ${applied.checksum.slice(0, 12)} in the database, ` +
        `${migration.checksum.slice(0, 12)} on disk). Restore the file and add a new migration for the change.`,
    );
  }
}

/** Applies pending migrations; returns the names applied now. */
export async function migrate(sql: SqlRunner, migrations = readMigrations()): Promise<string[]> {
  // Nothing to do: no DDL, no lock. A role that may only read (the app role) starts on a current database.
  const pending = await pendingMigrations(sql, migrations);
  if (pending.length === 0) return [];
  try {
    return await apply(sql, migrations);
  } catch (error) {
    // 42501 insufficient_privilege: e.g. the server given only the app role's URL.
    if ((error as { code?: string }).code !== '42501') throw error;
    throw new MigrationError(
      `${pending.length} migration(s) pending (${pending[0]}...) and this database role may not apply them ` +
        `(${(error as Error).message}): run npm run migrate with the tables' owner as DATABASE_URL`,
    );
  }
}

async function apply(sql: SqlRunner, migrations: Migration[]): Promise<string[]> {
  await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await ensureTable(tx);
  });
  const appliedNow: string[] = [];
  for (const migration of migrations) {
    const done = await sql.transaction(async (tx) => {
      // Another instance may have applied it while we waited for the lock.
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const [applied] = await tx.query<AppliedRow>(`SELECT name, checksum FROM "${TABLE}" WHERE name = $1`, [migration.name]);
      assertUnchanged(migration, applied);
      if (applied) return false;
      await tx.exec(migration.sql);
      await tx.query(`INSERT INTO "${TABLE}" (name, checksum) VALUES ($1, $2)`, [migration.name, migration.checksum]);
      return true;
    });
    if (done) appliedNow.push(migration.name);
  }
  return appliedNow;
}

/** Migrations on disk that are not applied (empty when the database is current). */
export async function pendingMigrations(sql: SqlRunner, migrations = readMigrations()): Promise<string[]> {
  const [exists] = await sql.query<{ t: string | null }>(`SELECT to_regclass('"${TABLE}"')::text AS t`);
  if (!exists?.t) return migrations.map((m) => m.name);
  const applied = new Map((await sql.query<AppliedRow>(`SELECT name, checksum FROM "${TABLE}"`)).map((r) => [r.name, r]));
  for (const migration of migrations) assertUnchanged(migration, applied.get(migration.name));
  return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
}
