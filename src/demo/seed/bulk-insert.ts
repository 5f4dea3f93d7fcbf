// Writes the generated rows with INSERT ... SELECT FROM unnest(...), a few
// thousand rows a statement, on ids reserved beforehand: row-by-row Prisma writes
// would take minutes for 20,000 orders.
import type { Database, SqlRunner } from '../../db/client.js';
import { arrayLiteral, pgArrayType } from './column-arrays.js';
import type { IdBlock } from './id-reservation.js';
import { TABLE_NAMES, TABLES, type Col, type ColType, type TableName } from './tables.js';
import type { TenantRows } from './tenant-rows.js';

const CHUNK_ROWS = 5_000;

/**
 * On PostgreSQL, half of a bulk insert's server time goes to foreign-key triggers
 * (one lookup per reference per row). Like pg_restore --disable-triggers, skip them
 * for this transaction when that is allowed (superuser) and safe: the tables have
 * no triggers of their own, and every reference was checked to name a row inserted
 * here (arrayLiteral). PGlite, and so the tests, keep the checks on.
 */
async function bulkLoadMode(sql: SqlRunner, kind: Database['kind']): Promise<boolean> {
  if (kind !== 'postgres') return false;
  const [row] = await sql.query<{ superuser: boolean; triggers: number }>(
    `SELECT current_setting('is_superuser') = 'on' AS superuser,
            (SELECT count(*)::int FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = ANY(
               SELECT format('%I', t)::regclass FROM unnest($1::text[]) AS t)) AS triggers`,
    [TABLE_NAMES],
  );
  if (!row.superuser || row.triggers > 0) return false;
  await sql.exec('SET LOCAL session_replication_role = replica');
  return true;
}

function insertStatement(table: TableName): string {
  const cols: readonly Col[] = TABLES[table];
  const names = ['id', ...cols.map((c) => c[0])];
  const types: ColType[] = ['int', ...cols.map((c) => c[1])];
  const quoted = names.map((n) => `"${n}"`);
  const select = names.map((n, k) =>
    types[k] === 'texts' ? `u."${n}"::text[]` : types[k] === 'ts' ? `timestamptz 'epoch' + u."${n}" * interval '1 millisecond'` : `u."${n}"`,
  );
  const arrays = types.map((t, k) => `$${k + 2}::text::${pgArrayType(t)}`);
  return (
    `INSERT INTO "${table}" ("tenantId", ${quoted.join(', ')}) ` +
    `SELECT $1::int, ${select.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${quoted.join(', ')})`
  );
}

/**
 * Inserts every table's rows for `tenantId`, inside the caller's transaction.
 * `onWritten` gets the running number of rows written.
 */
export async function insertRows(
  sql: SqlRunner,
  kind: Database['kind'],
  tenantId: number,
  rows: TenantRows,
  ids: Record<TableName, IdBlock>,
  onWritten: (rowsWritten: number) => void,
): Promise<void> {
  await bulkLoadMode(sql, kind);
  let written = 0;
  // Serialises the next chunk while the database writes the previous one.
  let pending: Promise<unknown> = Promise.resolve();
  for (const table of TABLE_NAMES) {
    const tableRows = rows.byTable[table];
    const cols: readonly Col[] = TABLES[table];
    const statement = insertStatement(table);
    for (let start = 0; start < tableRows.length; start += CHUNK_ROWS) {
      const chunk = tableRows.slice(start, start + CHUNK_ROWS);
      const params: unknown[] = [tenantId, `{${chunk.map((_, k) => ids[table].at(start + k)).join(',')}}`];
      for (const [col, type, ref] of cols) params.push(arrayLiteral(type, ref, chunk, col, ids));
      await pending;
      pending = sql.query(statement, params).then(() => {
        written += chunk.length;
        onWritten(written);
      });
    }
  }
  await pending;
}
