// The report_costs_time_zone migration on a database with order lines written before
// it: each line takes its variation's cost price (a line of a variation without one,
// or of no variation, keeps null), and the tenant gets the Asia/Jakarta time zone.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { migrate, readMigrations } from '../../src/db/migrate.js';

describe('order line cost backfill migration', () => {
  it("fills each earlier line's cost price from its variation", { timeout: 120_000 }, async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    try {
      const all = readMigrations();
      const at = all.findIndex((m) => m.name.endsWith('_report_costs_time_zone'));
      expect(at).toBeGreaterThan(0);
      await migrate(db.sql, all.slice(0, at));
      const [tenant] = await db.sql.query<{ id: number }>(`INSERT INTO "Tenant" ("slug", "name") VALUES ('backfill', 'Backfill') RETURNING "id"`);
      const t = tenant!.id;
      const [product] = await db.sql.query<{ id: number }>(`INSERT INTO "Product" ("tenantId", "name", "updatedAt") VALUES ($1, 'Kopi', now()) RETURNING "id"`, [t]);
      const variation = async (sku: string, cost: string | null) =>
        (await db.sql.query<{ id: number }>(
          `INSERT INTO "Variation" ("tenantId", "productId", "sku", "price", "costPrice", "updatedAt") VALUES ($1, $2, $3, 10000, $4, now()) RETURNING "id"`,
          [t, product!.id, sku, cost],
        ))[0]!.id;
      const costed = await variation('K-1', '6000.50');
      const uncosted = await variation('K-2', null);
      const [order] = await db.sql.query<{ id: number }>(`INSERT INTO "Order" ("tenantId", "code", "channel", "updatedAt") VALUES ($1, 'ORD-B', 'offline', now()) RETURNING "id"`, [t]);
      for (const [sku, variationId] of [['K-1', costed], ['K-2', uncosted], ['GONE', null]] as const) {
        await db.sql.query(
          `INSERT INTO "OrderItem" ("tenantId", "orderId", "variationId", "sku", "productName", "quantity", "unitPrice", "lineTotal") VALUES ($1, $2, $3, $4, 'Kopi', 1, 10000, 10000)`,
          [t, order!.id, variationId, sku],
        );
      }
      await migrate(db.sql, all);
      const lines = await db.sql.query<{ sku: string; cost: string | null }>(`SELECT "sku", "costPrice"::text AS cost FROM "OrderItem" ORDER BY "sku"`);
      expect(lines).toEqual([
        { sku: 'GONE', cost: null },
        { sku: 'K-1', cost: '6000.50' },
        { sku: 'K-2', cost: null },
      ]);
      expect(await db.sql.query(`SELECT "timeZone" FROM "Tenant"`)).toEqual([{ timeZone: 'Asia/Jakarta' }]);
    } finally {
      await db.close();
    }
  });
});
