// The migration runner (src/db/migrate.ts): idempotence, refusal of edited
// migrations, atomic failure, and concurrent runs against one PostgreSQL database.
// PGlite always; PostgreSQL too when DATABASE_URL is set (each test then gets a
// fresh database, created from that URL and dropped afterwards).
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { MigrationError, migrate, pendingMigrations, readMigrations } from '../../src/db/migrate.js';

const DATABASE_URL = process.env.DATABASE_URL;
const TIMEOUT = 120_000;

// ------------------------------------------------------------------ helpers

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A fresh PostgreSQL database named from DATABASE_URL with a random suffix; dropped after the test. */
async function freshPostgresUrl(): Promise<string> {
  const name = `ordergraph_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  cleanups.push(async () => {
    const dropper = new pg.Client({ connectionString: DATABASE_URL });
    await dropper.connect();
    try {
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await dropper.end();
    }
  });
  const url = new URL(DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Opens a database closed after the test (registered after the drop, so it closes first). */
async function open(options: Parameters<typeof openDatabase>[0]): Promise<Database> {
  const db = await openDatabase(options);
  cleanups.push(() => db.close());
  return db;
}

const backends = [
  { name: 'PGlite', open: () => open({ dataDir: 'memory://' }) },
  ...(DATABASE_URL ? [{ name: 'PostgreSQL', open: async () => open({ databaseUrl: await freshPostgresUrl() }) }] : []),
];

/** A temporary migrations folder: write(name, sql) adds or overwrites <dir>/<name>/migration.sql. */
function tempMigrations() {
  const dir = mkdtempSync(join(tmpdir(), 'ordergraph-migrations-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name: string, sql: string) {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, 'migration.sql'), sql);
    },
    append(name: string, sql: string) {
      appendFileSync(join(dir, name, 'migration.sql'), sql);
    },
    read: () => readMigrations(dir),
  };
}

async function recorded(db: Database): Promise<string[]> {
  const rows = await db.sql.query<{ name: string }>('SELECT name FROM "_ordergraph_migrations" ORDER BY name');
  return rows.map((r) => r.name);
}

async function tableExists(db: Database, table: string): Promise<boolean> {
  const [row] = await db.sql.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [`"${table}"`]);
  return row?.t != null;
}

// ------------------------------------------------------------------ on every backend

describe.each(backends)('migrate() on $name', ({ open: openBackend }) => {
  it('applies every migration once; a second run applies nothing', { timeout: TIMEOUT }, async () => {
    const db = await openBackend();
    const all = readMigrations().map((m) => m.name);
    expect(all.length).toBeGreaterThan(0);
    expect(await pendingMigrations(db.sql)).toEqual(all);

    expect(await migrate(db.sql)).toEqual(all);
    expect(await pendingMigrations(db.sql)).toEqual([]);

    expect(await migrate(db.sql)).toEqual([]);
    expect(await pendingMigrations(db.sql)).toEqual([]);
    expect(await recorded(db)).toEqual(all);
  });

  it('refuses a migration edited after it was applied, naming it', { timeout: TIMEOUT }, async () => {
    const db = await openBackend();
    const m = tempMigrations();
    m.write('20260101000000_first', 'CREATE TABLE "First" (id integer PRIMARY KEY);\n');
    m.write('20260102000000_second', 'CREATE TABLE "Second" (id integer PRIMARY KEY);\n');
    expect(await migrate(db.sql, m.read())).toEqual(['20260101000000_first', '20260102000000_second']);

    m.append('20260101000000_first', 'ALTER TABLE "First" ADD COLUMN note text;\n');
    m.write('20260103000000_third', 'CREATE TABLE "Third" (id integer PRIMARY KEY);\n');

    const refused = migrate(db.sql, m.read());
    await expect(refused).rejects.toBeInstanceOf(MigrationError);
    await expect(refused).rejects.toThrow(/20260101000000_first.*edited/);
    await expect(pendingMigrations(db.sql, m.read())).rejects.toThrow(/20260101000000_first.*edited/);
    // Nothing after the edited migration ran.
    expect(await tableExists(db, 'Third')).toBe(false);
    expect(await recorded(db)).toEqual(['20260101000000_first', '20260102000000_second']);
  });

  it('rolls a failing migration back completely and does not record it', { timeout: TIMEOUT }, async () => {
    const db = await openBackend();
    const m = tempMigrations();
    m.write('20260101000000_good', 'CREATE TABLE "Good" (id integer PRIMARY KEY);\n');
    m.write(
      '20260102000000_broken',
      'CREATE TABLE "Half" (id integer PRIMARY KEY);\nINSERT INTO "Good" (id) VALUES (1);\nALTER TABLE "NoSuchTable" ADD COLUMN x integer;\n',
    );
    m.write('20260103000000_later', 'CREATE TABLE "Later" (id integer PRIMARY KEY);\n');

    await expect(migrate(db.sql, m.read())).rejects.toThrow(/NoSuchTable/);
    // The first statements of the broken migration left no trace, and nothing after it ran.
    expect(await tableExists(db, 'Good')).toBe(true);
    expect(await tableExists(db, 'Half')).toBe(false);
    expect(await tableExists(db, 'Later')).toBe(false);
    expect(await db.sql.query('SELECT id FROM "Good"')).toEqual([]);
    expect(await recorded(db)).toEqual(['20260101000000_good']);
    expect(await pendingMigrations(db.sql, m.read())).toEqual(['20260102000000_broken', '20260103000000_later']);

    // Never recorded, so it may still be fixed in place.
    m.write('20260102000000_broken', 'CREATE TABLE "Half" (id integer PRIMARY KEY);\n');
    expect(await migrate(db.sql, m.read())).toEqual(['20260102000000_broken', '20260103000000_later']);
    expect(await pendingMigrations(db.sql, m.read())).toEqual([]);
  });
});

// ------------------------------------------------------------------ PostgreSQL only

describe.skipIf(!DATABASE_URL)('concurrent migrate() on one PostgreSQL database', () => {
  it('applies each migration exactly once when two runners race', { timeout: TIMEOUT }, async () => {
    const url = await freshPostgresUrl();
    const m = tempMigrations();
    // Every migration logs itself; a second application would log twice (or fail on CREATE TABLE).
    m.write('20260101000000_log', 'CREATE TABLE "Log" (name text NOT NULL);\nINSERT INTO "Log" VALUES (\'20260101000000_log\');\n');
    const names = ['20260101000000_log'];
    for (let i = 2; i <= 6; i++) {
      const name = `2026010${i}000000_step${i}`;
      m.write(name, `SELECT pg_sleep(0.05);\nINSERT INTO "Log" VALUES ('${name}');\n`);
      names.push(name);
    }
    const a = await open({ databaseUrl: url, poolSize: 2 });
    const b = await open({ databaseUrl: url, poolSize: 2 });

    const [fromA, fromB] = await Promise.all([migrate(a.sql, m.read()), migrate(b.sql, m.read())]);

    expect([...fromA, ...fromB].sort()).toEqual(names);
    const log = await a.sql.query<{ name: string }>('SELECT name FROM "Log" ORDER BY name');
    expect(log.map((r) => r.name)).toEqual(names);
    expect(await recorded(a)).toEqual(names);
    expect(await pendingMigrations(b.sql, m.read())).toEqual([]);
  });

  it('applies the project migrations once when several instances start together', { timeout: TIMEOUT }, async () => {
    const url = await freshPostgresUrl();
    const all = readMigrations().map((m) => m.name);
    const dbs = await Promise.all([1, 2, 3].map(() => open({ databaseUrl: url, poolSize: 2 })));

    const results = await Promise.all(dbs.map((db) => migrate(db.sql)));

    expect(results.flat().sort()).toEqual(all);
    expect(await recorded(dbs[0])).toEqual(all);
    expect(await pendingMigrations(dbs[1].sql)).toEqual([]);
  });
});
