// The database's own column types, read once at start-up: the compiled reads need
// what Prisma's datamodel does not say (timestamp with or without time zone, the
// scale of a numeric) to print values exactly as the GraphQL scalars do.
import type { SqlRunner } from '../../db/client.js';

export interface ColumnType {
  /** information_schema's data_type, e.g. "timestamp with time zone", "numeric", "integer". */
  dataType: string;
  /** Digits after the point of a numeric column; null when unconstrained. */
  scale: number | null;
  /** Whether the column admits NULL (Prisma's scalar lists do, and Prisma reads NULL as []). */
  nullable: boolean;
}

/** Column types by `Table.column`. */
export type ColumnCatalog = ReadonlyMap<string, ColumnType>;

export async function readColumnCatalog(sql: SqlRunner): Promise<ColumnCatalog> {
  const rows = await sql.query<{ table_name: string; column_name: string; data_type: string; numeric_scale: number | null; is_nullable: string }>(
    `SELECT table_name, column_name, data_type, numeric_scale, is_nullable
       FROM information_schema.columns
      WHERE table_schema = current_schema()`,
  );
  return new Map(
    rows.map((row) => [`${row.table_name}.${row.column_name}`, { dataType: row.data_type, scale: row.numeric_scale, nullable: row.is_nullable === 'YES' }]),
  );
}
