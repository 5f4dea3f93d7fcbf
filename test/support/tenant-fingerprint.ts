// Every row of a tenant, per table, as one checksum: any write shows. Sweeps take
// it before and after to prove that what they sent changed nothing.
import { testApp } from './app.js';

const BACKGROUND_COLUMNS: Record<string, string[]> = { OutboxEvent: ['relayedAt', 'sequence'] };

/** Row count and md5 of the rows per table with a tenantId. ApiKey.lastUsedAt moves with every request, so it is left out. */
export async function tenantFingerprint(tenantId: number): Promise<Record<string, string>> {
  const { fixtures } = await testApp();
  const tables = await fixtures.sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE column_name = 'tenantId' AND table_schema = current_schema() ORDER BY table_name`,
  );
  const result: Record<string, string> = {};
  for (const { table_name } of tables) {
    if (table_name === 'ApiKey') continue;
    // Columns a webhook relay (another test file's, sharing the database) writes in the background.
    const background = BACKGROUND_COLUMNS[table_name];
    const text = background ? `(to_jsonb(t) - ${background.map((c) => `'${c}'`).join(' - ')})::text` : 't::text';
    const [row] = await fixtures.sql.query<{ n: string; sum: string | null }>(
      `SELECT count(*)::text AS n, md5(string_agg(${text}, '|' ORDER BY ${text})) AS sum FROM "${table_name}" t WHERE t."tenantId" = $1`,
      [tenantId],
    );
    result[table_name] = `${row!.n}:${row!.sum}`;
  }
  return result;
}
