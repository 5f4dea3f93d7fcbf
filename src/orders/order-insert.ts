// A new order with its lines, parties and adjustments in one statement, and the code it
// is given when the client named none.
//
// Why SQL and not Prisma's nested create: Prisma sends the same rows as five statements
// (the order, each child table, a re-read of the order), each planned and interpreted on
// this process's thread; here the rows go as one JSON parameter per table and PostgreSQL
// turns them into columns (json_populate_record: enums, decimals, dates and arrays by the
// columns' own types). Columns left out take their database defaults. The statement's
// text depends only on which columns the rows have, so it is prepared once per shape.
import type { OrderStatus } from '../db/generated/prisma/enums.js';
import type { Tx } from '../db/transaction.js';

type Row = Record<string, unknown>;

export interface NewOrderRows {
  /** The Order row's columns, without code and id. */
  order: Row;
  items: Row[];
  parties: Row[];
  adjustments: Row[];
}

export interface InsertedOrder {
  id: number;
  status: OrderStatus;
  code: string;
}

/** More for the insert's statement to do with the new order (its CTE "o": "id", "status"): CTEs after it, the columns they return, and the FROM items those come from. */
export interface StatementTail {
  /** The CTEs, numbering their parameters from `next`, and those parameters' values. */
  ctes(next: number): { ctes: string[]; params: unknown[] };
  columns: string;
  from: string;
}

/** A code given by the client, or the prefix of the day's numbered codes (`ORD-YYYYMMDD-`). */
export type OrderCodeChoice = { given: string } | { prefix: string };

const quote = (name: string) => {
  // Column names come from our own row objects; anything else is a bug, not input.
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`not a column name: ${name}`);
  return `"${name}"`;
};

/** Every key the rows have, in first-seen order: the columns the insert names. */
function columnsOf(rows: Row[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

function childInsert(name: string, table: string, rows: Row[], param: string): string {
  const cols = columnsOf(rows).map(quote);
  return `"${name}" AS (
    INSERT INTO "${table}" ("orderId", ${cols.join(', ')})
    SELECT "o"."id", ${cols.map((c) => `r.${c}`).join(', ')} FROM "o", json_populate_recordset(NULL::"${table}", ${param}::json) r
  )`;
}

/**
 * Inserts the order and its rows. A numbered code is the day's next (order_next_code, which
 * takes the tenant's order-insert lock itself, re-entrantly when the caller holds it, and
 * reads the last code after it).
 */
export async function insertOrder<R extends object>(tx: Tx, rows: NewOrderRows, code: OrderCodeChoice, tail: StatementTail): Promise<InsertedOrder & R> {
  const cols = columnsOf([rows.order]).map(quote);
  const numbered = `order_next_code(r."tenantId", $3::text)`;
  const ctes = [
    `"o" AS (
    INSERT INTO "Order" (${cols.join(', ')}, "code")
    SELECT ${cols.map((c) => `r.${c}`).join(', ')}, coalesce($2::text, ${numbered})
      FROM json_populate_record(NULL::"Order", $1::json) r
    RETURNING "id", "status"::text AS "status", "code"
  )`,
  ];
  const params: unknown[] = [JSON.stringify(rows.order), 'given' in code ? code.given : null, 'prefix' in code ? code.prefix : ''];
  // Only tables with rows get a statement (and a parameter: PostgreSQL refuses one it cannot type).
  for (const [name, table, children] of [
    ['items', 'OrderItem', rows.items],
    ['parties', 'OrderParty', rows.parties],
    ['adjustments', 'OrderAdjustment', rows.adjustments],
  ] as const) {
    if (!children.length) continue;
    params.push(JSON.stringify(children));
    ctes.push(childInsert(name, table, children, `$${params.length}`));
  }
  const more = tail.ctes(params.length + 1);
  ctes.push(...more.ctes);
  params.push(...more.params);
  const sql = `WITH ${ctes.join(',\n  ')}\nSELECT "o"."id", "o"."status", "o"."code", ${tail.columns} FROM "o", ${tail.from}`;
  const inserted = await tx.$queryRawUnsafe<Array<InsertedOrder & R>>(sql, ...params);
  return inserted[0]!;
}
