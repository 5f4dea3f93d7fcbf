// The cancellation_request_deadlines migration on a database with requests made
// before it: each gets the deadline it would have had (its time + the default 48 hours).
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { migrate, readMigrations } from '../../src/db/migrate.js';

describe('cancellation request deadline migration', () => {
  it('gives requests made before it their time + 48 hours as deadline', { timeout: 120_000 }, async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    try {
      const all = readMigrations();
      const at = all.findIndex((m) => m.name.endsWith('_cancellation_request_deadlines'));
      expect(at).toBeGreaterThan(0);
      await migrate(db.sql, all.slice(0, at));
      const [tenant] = await db.sql.query<{ id: number }>(`INSERT INTO "Tenant" ("slug", "name") VALUES ('backfill', 'Backfill') RETURNING "id"`);
      const [order] = await db.sql.query<{ id: number }>(
        `INSERT INTO "Order" ("tenantId", "code", "channel", "updatedAt") VALUES ($1, 'ORD-B', 'offline', now()) RETURNING "id"`,
        [tenant!.id],
      );
      await db.sql.query(
        `INSERT INTO "CancellationRequest" ("tenantId", "orderId", "requestedBy", "reason", "createdAt") VALUES ($1, $2, 'BUYER', 'OTHER', '2026-11-20T10:00:00Z')`,
        [tenant!.id, order!.id],
      );
      await migrate(db.sql, all);
      const rows = await db.sql.query<{ deadline: string }>(`SELECT to_char("deadlineAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS deadline FROM "CancellationRequest"`);
      expect(rows).toEqual([{ deadline: '2026-11-22T10:00' }]);
    } finally {
      await db.close();
    }
  });
});
