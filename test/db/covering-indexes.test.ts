// Indexes that carry columns beyond their keys (INCLUDE), which prisma/schema.prisma cannot
// declare and the migration-drift test does not compare (it compares key columns): the
// columns are read from pg_catalog of the migrated database and checked against a literal list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';

describe('covering indexes', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db.sql);
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it("the customer statistics' columns are in the index that finds a customer's orders", async () => {
    const rows = await db.sql.query<{ key: string[]; included: string[] }>(
      `SELECT array_agg(a.attname ORDER BY k.ord) FILTER (WHERE k.ord <= ix.indnkeyatts) AS key,
              array_agg(a.attname ORDER BY k.ord) FILTER (WHERE k.ord > ix.indnkeyatts) AS included
         FROM pg_index ix
         JOIN pg_class i ON i.oid = ix.indexrelid
         CROSS JOIN unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
        WHERE i.relname = 'Order_tenantId_customerId_createdAt_idx'
        GROUP BY ix.indnkeyatts`,
    );
    expect(rows).toEqual([
      { key: ['tenantId', 'customerId', 'createdAt'], included: ['id', 'isDraft', 'status', 'returnStatus', 'grandTotal', 'returnedTotal', 'orderedAt'] },
    ]);
  });
});
