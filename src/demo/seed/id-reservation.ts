// Ids for the seeded rows, taken from each table's serial sequence up front, so
// the rows can be written in bulk and later inserts by Prisma cannot collide.
import type { Database, SqlRunner } from '../../db/client.js';
import { TABLE_NAMES, type TableName } from './tables.js';

/** Ids reserved from a table's sequence: usually one contiguous range. */
export class IdBlock {
  constructor(
    private readonly first: number,
    private readonly list: number[] | null,
    readonly size: number,
  ) {}
  at(index: number): number {
    return this.list ? this.list[index] : this.first + index;
  }
}

/**
 * Takes `counts[table]` ids from each table's serial sequence. On PostgreSQL a
 * no-op ALTER SEQUENCE locks the sequence against concurrent nextval() for this
 * short transaction, which makes read + setval atomic and O(1) per table; a role
 * that may not alter the sequence falls back to one nextval() per row. PGlite has
 * one connection, so no one can interleave.
 */
export async function reserveIds(db: SqlRunner, kind: Database['kind'], counts: Record<TableName, number>): Promise<Record<TableName, IdBlock>> {
  const tables = TABLE_NAMES.filter((t) => counts[t] > 0);
  const ids = Object.fromEntries(TABLE_NAMES.map((t) => [t, new IdBlock(0, [], 0)])) as Record<TableName, IdBlock>;
  const sequences = await db.query<{ t: string; seq: string }>(
    `SELECT t, pg_get_serial_sequence(format('%I', t), 'id') AS seq FROM unnest($1::text[]) AS t`,
    [tables],
  );
  const seqOf = new Map(sequences.map((r) => [r.t, r.seq]));
  // A writer that took one of these sequences (nextval) and waits for another this
  // transaction holds deadlocks with it; PostgreSQL ends one of the two (40P01), and the
  // reservation, which has written nothing yet, starts over.
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction(async (sql) => {
        for (const table of tables) {
          const seq = seqOf.get(table)!;
          if (kind === 'postgres') await sql.exec(`ALTER SEQUENCE ${seq} INCREMENT BY 1`);
          const [state] = await sql.query<{ last: number; called: boolean }>(`SELECT last_value::int AS last, is_called AS called FROM ${seq}`);
          const first = state.called ? Number(state.last) + 1 : Number(state.last);
          await sql.query('SELECT setval($1::regclass, $2::bigint, true)', [seq, first + counts[table] - 1]);
          ids[table] = new IdBlock(first, null, counts[table]);
        }
      });
      return ids;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === '40P01' && attempt < 5) continue;
      if (code !== '42501') throw error; // insufficient_privilege: one nextval() per row below
      break;
    }
  }
  for (const table of tables) {
    const [row] = await db.query<{ ids: number[] }>(
      'SELECT array_agg(v)::int[] AS ids FROM (SELECT nextval($1::regclass) AS v FROM generate_series(1, $2::int)) AS s',
      [seqOf.get(table)!, counts[table]],
    );
    ids[table] = new IdBlock(0, row.ids.map(Number).sort((a, b) => a - b), counts[table]);
  }
  return ids;
}
