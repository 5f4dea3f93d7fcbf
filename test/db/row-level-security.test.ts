// The second wall: with DATABASE_APP_URL (CI's PostgreSQL pass) the server's queries run
// as a role that PostgreSQL's row-level security binds to the tenant of the connection.
// These tests go around the application's own tenant filters on purpose: raw SQL and
// unfiltered Prisma queries must still see one tenant only.
import { describe, expect, it } from 'vitest';
import { rowLevelSecurityStatus } from '../../src/db/row-level-security.js';
import { withTenant } from '../../src/db/tenant-scope.js';
import { testApp } from '../support/app.js';
import { execute } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';

const enforced = !!process.env.DATABASE_URL && !!process.env.DATABASE_APP_URL;

async function twoShops() {
  const a = await newTenant();
  const b = await newTenant();
  for (const t of [a, b]) {
    const wh = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [wh.id]: 5 } }] });
    await t.order({ items: [{ variationId: variations[0]!.id, quantity: 1 }] });
  }
  await b.order({ items: [] });
  return { a, b };
}

describe.skipIf(!enforced)('row-level security (PostgreSQL, app role)', () => {
  it('binds the app role: not a superuser, no BYPASSRLS, not the owner', async () => {
    const { app } = await testApp();
    expect(await rowLevelSecurityStatus(app.db.sql)).toMatchObject({ enforced: true });
  });

  it('has a tenant policy on every table with a tenantId column (a new table without one fails here)', async () => {
    const { fixtures } = await testApp();
    const unguarded = await fixtures.sql.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r'
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenantId' AND NOT a.attisdropped)
          AND (NOT c.relrowsecurity OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))`,
    );
    expect(unguarded).toEqual([]);
  });

  it('raw SQL as tenant A sees none of B, and nothing at all without a tenant', async () => {
    const { app, fixtures } = await testApp();
    const { a, b } = await twoShops();
    const tables = await fixtures.sql.query<{ table: string }>(
      `SELECT table_name AS table FROM information_schema.columns WHERE column_name = 'tenantId' AND table_schema = current_schema() ORDER BY 1`,
    );
    expect(tables.length).toBeGreaterThan(20);
    for (const { table } of tables) {
      const [seen] = await withTenant(a.id, () =>
        app.db.sql.query<{ mine: number; theirs: number }>(
          `SELECT count(*) FILTER (WHERE "tenantId" = $1)::int AS mine, count(*) FILTER (WHERE "tenantId" <> $1)::int AS theirs FROM "${table}"`,
          [a.id],
        ),
      );
      expect({ table, theirs: seen!.theirs }).toEqual({ table, theirs: 0 });
    }
    const [orders] = await withTenant(a.id, () => app.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Order"`));
    expect(orders!.n).toBe(1);
    const [none] = await app.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Order" WHERE "tenantId" IN ($1, $2)`, [a.id, b.id]);
    expect(none!.n).toBe(0);
  });

  it('refuses to write a row of another tenant', async () => {
    const { app } = await testApp();
    const { a, b } = await twoShops();
    await expect(
      withTenant(a.id, () => app.db.sql.query(`INSERT INTO "Warehouse" ("tenantId", code, name, "updatedAt") VALUES ($1, 'X-RLS', 'Not mine', now())`, [b.id])),
    ).rejects.toMatchObject({ code: '42501' });
    const [updated] = await withTenant(a.id, () =>
      app.db.sql.query<{ n: number }>(`WITH u AS (UPDATE "Warehouse" SET name = 'taken' WHERE "tenantId" = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`, [b.id]),
    );
    expect(updated!.n).toBe(0);
  });

  it("an unfiltered Prisma query of tenant B's client returns only B's rows", async () => {
    const { app } = await testApp();
    const { a, b } = await twoShops();
    const orders = await app.db.forTenant(b.id).order.findMany({ select: { tenantId: true } });
    expect(orders.length).toBe(2);
    expect(orders.every((o) => o.tenantId === b.id)).toBe(true);
    expect(await app.db.forTenant(a.id).order.count()).toBe(1);
    expect(await app.db.prisma.order.count()).toBe(0);
  });

  it('keeps tenants apart on pooled connections when their requests interleave', async () => {
    const { a, b } = await twoShops();
    const document = '{ orders(first: 10) { totalCount } }';
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? b : a)).map(async (t) => ({ t: t.id, r: await execute<{ orders: { totalCount: number } }, never>(t.key, document) })),
    );
    for (const { t, r } of answers) {
      expect(r.errors).toBeUndefined();
      expect(r.data?.orders.totalCount).toBe(t === a.id ? 1 : 2);
    }
  });
});
