// Seeds one tenant with deterministic demo data: an Indonesian online shop in the
// shape of seed 002 (catalog with tiered prices, stock per warehouse with its
// ledger, customers by category) with orders in every status and kind, their
// items, costs, events, allocations, shipments, payments, comments and returns.
import type { Database } from '../../db/client.js';
import { insertRows } from './bulk-insert.js';
import { reserveIds } from './id-reservation.js';
import { SeedError } from './seed-error.js';
import { DAY, SEED_BASE_TIME } from './seed-time.js';
import { TABLE_NAMES, type TableName } from './tables.js';
import { generateTenantData } from './tenant-data.js';

export interface SeedOptions {
  /** Slug of the tenant to create; seeding refuses an existing slug. */
  tenant: string;
  /** Exact number of orders to create. */
  orders: number;
  /** PRNG seed: the same options give the same data. Default 1. */
  seed?: number;
  /** Called as rows are written, in units of orders. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  tenantId: number;
  /** Rows written per table. */
  counts: Record<string, number>;
}

function tenantDisplayName(slug: string): string {
  const words = slug.split(/[-_\s]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1));
  return `Toko ${words.join(' ') || slug}`;
}

/**
 * Creates tenant `options.tenant` with a full, deterministic data set in one
 * transaction. Refuses (SeedError) when the slug already exists.
 */
export async function seedTenant(db: Database, options: SeedOptions): Promise<SeedResult> {
  const { tenant: slug, orders } = options;
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(slug)) {
    throw new SeedError(`Tenant slug "${slug}" is not valid: use lower-case letters, digits, "-" or "_" (at most 63 characters).`);
  }
  if (!Number.isInteger(orders) || orders < 0) throw new SeedError(`orders must be a whole number >= 0, got ${orders}`);
  const seed = options.seed ?? 1;
  const name = tenantDisplayName(slug);

  const existsError = (id: number) =>
    new SeedError(`Tenant "${slug}" already exists (id ${id}); choose another --tenant or delete that tenant first.`);
  const [existing] = await db.sql.query<{ id: number }>('SELECT id FROM "Tenant" WHERE slug = $1', [slug]);
  if (existing) throw existsError(existing.id);

  const rows = generateTenantData(slug, name, orders, seed);
  const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, rows.count(t)])) as Record<TableName, number>;
  const totalRows = TABLE_NAMES.reduce((s, t) => s + counts[t], 0);
  const report = options.onProgress ?? (() => {});
  report(0, orders);
  // Reserved outside the main transaction so concurrent writers wait only a moment;
  // a failed seed merely leaves a gap in the sequences.
  const ids = await reserveIds(db.sql, db.kind, counts);

  const tenantId = await db.sql.transaction(async (sql) => {
    // Another writer may have taken the slug since the check above.
    const [created] = await sql.query<{ id: number }>(
      `INSERT INTO "Tenant" (slug, name, currency, "createdAt") VALUES ($1, $2, $3, $4::timestamptz)
       ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [slug, name, 'IDR', new Date(SEED_BASE_TIME - 420 * DAY).toISOString()],
    );
    if (!created) {
      const [taken] = await sql.query<{ id: number }>('SELECT id FROM "Tenant" WHERE slug = $1', [slug]);
      throw existsError(taken?.id ?? 0);
    }
    const id = Number(created.id);
    await insertRows(sql, db.kind, id, rows, ids, (written) => report(Math.floor((orders * written) / totalRows), orders));
    return id;
  });
  report(orders, orders);
  // Fresh statistics for the first queries' plans. PostgreSQL's autovacuum does this
  // on its own; the embedded PGlite has no autovacuum.
  if (db.kind === 'pglite') await db.sql.exec(`ANALYZE ${TABLE_NAMES.map((t) => `"${t}"`).join(', ')}`);

  return { tenantId, counts: { Tenant: 1, ...counts } };
}
