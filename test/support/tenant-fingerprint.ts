// Every row of a tenant, per table, as one checksum: any write shows. Sweeps take
// it before and after to prove that what they sent changed nothing.
import { testApp } from './app.js';

/** Row count and md5 of the rows per table with a tenantId. ApiKey.lastUsedAt moves with every request, so it is left out. */
export async function tenantFingerprint(tenantId: number): Promise<Record<string, string>> {
  const { fixtures } = await testApp();
  const tables = await fixtures.sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE column_name = 'tenantId' AND table_schema = current_schema() ORDER BY table_name`,
  );
  const result: Record<string, string> = {};
  for (const { table_name } of tables) {
    if (table_name === 'ApiKey') continue;
    const [row] = await fixtures.sql.query<{ n: string; sum: string | null }>(
      `SELECT count(*)::text AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum FROM "${table_name}" t WHERE t."tenantId" = $1`,
      [tenantId],
    );
    result[table_name] = `${row!.n}:${row!.sum}`;
  }
  return result;
}
