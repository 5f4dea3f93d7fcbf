// Fails when prisma/schema.prisma and prisma/migrations disagree: applies every
// migration to a fresh in-memory PGlite, reads the result from pg_catalog and
// compares it with Prisma's DMMF of the schema file (test/support/schema-drift.ts).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { SCHEMA_PATH, findSchemaDrift } from '../support/schema-drift.js';

const ROLLBACK = new Error('rollback');

/** Runs fn inside a transaction that is always rolled back, so the database stays as migrated. */
async function inRolledBackTransaction<T>(db: Database, fn: (sql: Database['sql']) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await db.sql
    .transaction(async (tx) => {
      result = await fn(tx);
      throw ROLLBACK;
    })
    .catch((error) => {
      if (error !== ROLLBACK) throw error;
    });
  return result as T;
}

/** The schema text with `search` replaced once (fails loudly if the schema no longer contains it). */
function edit(schema: string, search: string | RegExp, replacement: string): string {
  const next = schema.replace(search, replacement);
  if (next === schema) throw new Error(`schema edit did not apply: ${String(search)}`);
  return next;
}

describe('migrations vs prisma/schema.prisma', () => {
  let db: Database;
  const schema = readFileSync(SCHEMA_PATH, 'utf8');

  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db.sql);
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it('agree (otherwise add a migration: scripts/migration-new.sh <name>)', { timeout: 60_000 }, async () => {
    const differences = await findSchemaDrift(db.sql);
    if (differences.length > 0) {
      expect.fail(
        `prisma/schema.prisma and prisma/migrations disagree (${differences.length} difference(s)):\n` +
          differences.map((d) => `  - ${d}`).join('\n') +
          '\nWrite a migration for the schema change (scripts/migration-new.sh <name>) or fix the schema.',
      );
    }
  });

  // Indexes with columns beyond their keys (INCLUDE), which the schema cannot declare and the
  // comparison above does not see (it compares key columns): checked against a literal list.
  it("keep the customer statistics' columns in the index that finds a customer's orders (INCLUDE)", async () => {
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
  it('reports changes made to the schema only', { timeout: 60_000 }, async () => {
    let changed = schema;
    // New column, new index, changed type, changed nullability, new enum value, changed referential action.
    changed = edit(changed, /(model Order \{[^}]*?\n\s*notes\s+String\?\n)/, '$1  priority Int @default(0)\n');
    changed = edit(changed, '@@index([tenantId, orderedAt])', '@@index([tenantId, orderedAt])\n  @@index([tenantId, kind])');
    changed = edit(changed, /(model OrderItem \{[^}]*?\n\s*quantity\s+)Int\n/, '$1Decimal @db.Decimal(18, 2)\n');
    changed = edit(changed, /(model OrderItem \{[^}]*?\n\s*sku\s+String)\n/, '$1?\n');
    changed = edit(changed, /(enum OrderStatus \{[^}]*?)\}/, '$1  ON_HOLD\n}');
    changed = edit(
      changed,
      /(model OrderItem \{[^}]*?\n\s*order\s+Order\s+@relation\(fields: \[orderId\], references: \[id\], onDelete: )Cascade/,
      '$1Restrict',
    );
    changed = edit(changed, /(model Order \{[^}]*?\n\s*channel\s+String\s+@default\()"offline"/, '$1"online"');

    const differences = await findSchemaDrift(db.sql, { schemaText: changed });
    expect(differences).toEqual(
      expect.arrayContaining([
        'Order.priority: column missing in migrations',
        'index Order(tenantId, kind) missing in migrations',
        'OrderItem.quantity: type integer in migrations, numeric(18,2) in schema (Decimal @db.Decimal(18,2))',
        'OrderItem.sku: NOT NULL in migrations, optional in schema',
        expect.stringMatching(/^enum OrderStatus: values differ: ON_HOLD missing in migrations \(migrations: PENDING, .*; schema: PENDING, .*, ON_HOLD\)$/),
        'FK OrderItem.orderId -> Order.id: onDelete CASCADE in migrations, RESTRICT in schema',
        'Order.channel: default offline in migrations, default online in schema',
      ]),
    );
    expect(differences).toHaveLength(7);
  });

  it('reports changes made to the database only', { timeout: 60_000 }, async () => {
    const differences = await inRolledBackTransaction(db, async (sql) => {
      await sql.exec(`
        ALTER TABLE "Order" DROP COLUMN "notes";
        ALTER TABLE "Order" ADD COLUMN "legacyCode" text;
        DROP INDEX "Order_tenantId_status_createdAt_idx";
        CREATE INDEX "Order_channel_idx" ON "Order"("channel");
        DROP INDEX "Order_tenantId_code_key";
        CREATE INDEX "Order_tenantId_code_key" ON "Order"("tenantId", "code");
        ALTER TYPE "OrderStatus" ADD VALUE 'ON_HOLD';
        ALTER TABLE "OrderItem" ALTER COLUMN "lineTotal" TYPE numeric(12,2);
        ALTER TABLE "OrderItem" ALTER COLUMN "unit" DROP DEFAULT;
        ALTER TABLE "OrderItem" DROP CONSTRAINT "OrderItem_orderId_fkey";
        ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE;
        ALTER TABLE "Payment" DROP CONSTRAINT "Payment_bankAccountId_fkey";
        CREATE TABLE "Scratch" ("id" integer PRIMARY KEY);
        CREATE TYPE "Mood" AS ENUM ('HAPPY');
      `);
      return findSchemaDrift(sql);
    });
    expect(differences).toEqual(
      expect.arrayContaining([
        'Order.notes: column missing in migrations',
        'Order.legacyCode: column in migrations but not in schema',
        'index Order(tenantId, status, createdAt) missing in migrations',
        'index Order(channel) "Order_channel_idx" in migrations but not in schema',
        'unique index Order(tenantId, code) missing in migrations',
        'index Order(tenantId, code) "Order_tenantId_code_key" in migrations but not in schema',
        expect.stringMatching(/^enum OrderStatus: values differ: ON_HOLD in migrations but not in schema \(migrations: PENDING, .*, ON_HOLD; schema: PENDING, .*\)$/),
        'OrderItem.lineTotal: type numeric(12,2) in migrations, numeric(18,2) in schema (Decimal @db.Decimal(18,2))',
        'OrderItem.unit: no default in migrations, default PCS in schema',
        'FK OrderItem.orderId -> Order.id: onDelete SET NULL in migrations, CASCADE in schema',
        'FK Payment.bankAccountId -> BankAccount.id: missing in migrations',
        'table Scratch: in migrations but not in schema',
        'enum Mood: in migrations but not in schema',
      ]),
    );
    expect(differences).toHaveLength(13);
    // CHECK constraints and the bookkeeping table are extra on purpose and never reported.
    expect(differences.join('\n')).not.toMatch(/_check|_ordergraph_migrations/);
  });

  it('checks index names, primary keys and sort order', { timeout: 60_000 }, async () => {
    const differences = await inRolledBackTransaction(db, async (sql) => {
      await sql.exec(`
        ALTER INDEX "Order_tenantId_orderedAt_idx" RENAME TO "order_ordered";
        ALTER TABLE "Comment" DROP CONSTRAINT "Comment_pkey";
        ALTER TABLE "Comment" ADD CONSTRAINT "Comment_pkey" PRIMARY KEY ("orderId", "id");
      `);
      return findSchemaDrift(sql, {
        schemaText: edit(schema, /(model ApiKey \{[^}]*?@@index\(\[tenantId, createdAt)\]\)/, '$1(sort: Desc)])'),
      });
    });
    expect(differences.sort()).toEqual(
      [
        'Comment: primary key (orderId, id) in migrations, (id) in schema',
        'index ApiKey(tenantId, createdAt DESC) missing in migrations',
        'index ApiKey(tenantId, createdAt) "ApiKey_tenantId_createdAt_idx" in migrations but not in schema',
        'index Order(tenantId, orderedAt): named "order_ordered" in migrations, "Order_tenantId_orderedAt_idx" expected',
      ].sort(),
    );
  });
});
