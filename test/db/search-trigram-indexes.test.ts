// The `search:` filters can use the pg_trgm GIN indexes (PostgreSQL only: the plans
// are PostgreSQL's). Two checks per search:
//  1. the statement Prisma writes for the filter matches each searched column as
//     `"col" ILIKE ('%' || $n || '%')`: the plain column (no lower(), no cast), which
//     is what a gin_trgm_ops index on the column serves;
//  2. the column has a GIN index whose operator class serves ILIKE (pg_trgm's
//     gin_trgm_ops), read from pg_catalog.
// Whether the planner picks the index depends on table sizes and the term (the
// shared test database's tables are small, and EXPLAIN with sequential scans off
// still prefers a whole B-tree there), so the plans themselves are shown on a
// seeded shop in README "Search" (npm run bench:search).
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productWhere } from '../../src/catalog/filters.js';
import { customerWhere } from '../../src/customers/filters.js';
import { PrismaClient } from '../../src/db/generated/prisma/client.js';
import { orderWhere } from '../../src/orders/order-filters.js';
import { testApp } from '../support/app.js';

describe.skipIf(!process.env.DATABASE_URL)('search filters use the trigram indexes (PostgreSQL)', () => {
  let prisma: PrismaClient;
  const statements: string[] = [];


  beforeAll(async () => {
    await testApp(); // migrated
    prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
      log: [{ emit: 'event', level: 'query' }],
    });
    const emitter = prisma as unknown as { $on(event: 'query', fn: (e: { query: string }) => void): void };
    emitter.$on('query', (e) => statements.push(e.query));
  });

  afterAll(async () => {
    await prisma?.$disconnect();
  });

  /** The SQL Prisma sends for `send`. */
  async function sqlOf(send: () => Promise<unknown>): Promise<string> {
    statements.length = 0;
    await send();
    return statements.join('\n');
  }

  /**
   * The indexes on table(column) whose access method is GIN and whose operator class can
   * serve `column ILIKE pattern` (the ~~* operator on text is one of its strategies).
   */
  async function ilikeIndexes(table: string, column: string): Promise<string[]> {
    const rows = await prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT i.relname AS name
         FROM pg_index ix
         JOIN pg_class i ON i.oid = ix.indexrelid
         JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_am am ON am.oid = i.relam
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ix.indkey[0]
         JOIN pg_opclass opc ON opc.oid = ix.indclass[0]
        WHERE t.relname = $1 AND a.attname = $2 AND ix.indnatts = 1 AND am.amname = 'gin'
          AND t.relnamespace = current_schema()::regnamespace
          AND EXISTS (SELECT 1 FROM pg_amop op WHERE op.amopfamily = opc.opcfamily AND op.amopopr = '~~*(text,text)'::regoperator)`,
      table,
      column,
    );
    return rows.map((row) => row.name);
  }

  const cases: { list: string; columns: [string, string][]; send: (term: string) => Promise<unknown> }[] = [
    {
      list: 'orders',
      columns: [
        ['Order', 'code'],
        ['Order', 'externalRef'],
        ['Customer', 'name'],
        ['Customer', 'phone'],
        ['OrderParty', 'name'],
        ['OrderParty', 'phone'],
        ['OrderItem', 'sku'],
        ['Shipment', 'trackingNumber'],
      ],
      send: (search) => prisma.order.findMany({ where: orderWhere(0, { search }), take: 20, select: { id: true } }),
    },
    {
      list: 'customers',
      columns: [
        ['Customer', 'name'],
        ['Customer', 'email'],
        ['Customer', 'address'],
        ['Customer', 'phone'],
      ],
      send: (search) => prisma.customer.findMany({ where: customerWhere(0, { search }), take: 20, select: { id: true } }),
    },
    {
      list: 'products',
      columns: [
        ['Product', 'name'],
        ['Variation', 'sku'],
      ],
      send: (search) => prisma.product.findMany({ where: productWhere(prisma as never, 0, { search }), take: 20, select: { id: true } }),
    },
  ];

  for (const { list, columns, send } of cases) {
    it(`${list}: every searched column is matched by ILIKE on the plain column, which its trigram index serves`, async () => {
      const sql = await sqlOf(() => send('JNE123'));
      for (const [table, column] of columns) {
        expect(sql).toMatch(new RegExp(`"${column}" ILIKE \\('%' \\|\\| \\$\\d+ \\|\\| '%'\\)`));
        expect(await ilikeIndexes(table, column), `${table}.${column}`).toEqual([`${table}_${column}_trgm_idx`]);
      }
    });
  }
});
