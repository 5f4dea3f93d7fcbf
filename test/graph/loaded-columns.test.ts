// The LoadedColumnsPlugin fast path answers exposed columns and node ids from the row
// when the row has them, and leaves a row loaded without the column to plugin-prisma,
// which loads it. A small schema of its own, over the real database, so a row can be
// handed over without the column.
import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import { execute as run, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type PrismaTypes from '../../src/db/generated/pothos-types.js';
import { getDatamodel } from '../../src/db/generated/pothos-types.js';
import type { Db } from '../../src/db/client.js';
import LoadedColumnsPlugin from '../../src/graphql/loaded-columns-plugin.js';
import { testApp } from '../support/app.js';
import { newTenant } from '../support/tenant.js';

function buildSchema(prisma: Db) {
  const builder = new SchemaBuilder<{ Context: object; PrismaTypes: PrismaTypes }>({
    plugins: [LoadedColumnsPlugin, PrismaPlugin, RelayPlugin],
    prisma: { client: prisma, dmmf: getDatamodel(), onUnusedQuery: null },
    // Required by the options type once the app's builder has loaded plugin-scope-auth; unused here.
    scopeAuth: { authScopes: () => ({}) },
  });
  const Order = builder.prismaNode('Order', {
    id: { field: 'id' },
    select: { id: true },
    fields: (t) => ({ code: t.exposeString('code'), notes: t.exposeString('notes', { nullable: true }) }),
  });
  builder.queryType({
    fields: (t) => ({
      // Through the planned query: the row carries exactly the selected columns.
      planned: t.prismaField({
        type: ['Order'],
        args: { ids: t.arg.intList({ required: true }) },
        resolve: (query, _root, { ids }) => prisma.order.findMany({ ...query, where: { id: { in: ids } }, orderBy: { id: 'asc' } }),
      }),
      // No plan: the row has its id only, and plugin-prisma loads what the fields need.
      idOnly: t.field({
        type: Order,
        args: { id: t.arg.int({ required: true }) },
        resolve: (_root, { id }) => prisma.order.findUniqueOrThrow({ where: { id }, select: { id: true } }),
      }),
    }),
  });
  return builder.toSchema();
}

describe('loaded columns fast path', () => {
  it('answers from the row, also null columns, and loads a column the row lacks', async () => {
    const { app, sql } = await testApp();
    const t = await newTenant();
    const first = await t.order({ code: 'FAST-1', items: [] });
    await t.prisma.order.update({ where: { id: first.id }, data: { notes: 'fragile' } });
    const second = await t.order({ code: 'FAST-2', items: [] });
    // The app's client for this tenant: under row-level security (CI) the base client sees no rows.
    const schema = buildSchema(app.db.forTenant(t.id));

    sql.reset();
    const planned = await run({
      schema,
      document: parse(`{ planned(ids: [${first.id}, ${second.id}]) { id code notes } }`),
      contextValue: {},
    });
    expect(planned.errors).toBeUndefined();
    expect(planned.data?.planned).toEqual([
      { id: expect.any(String), code: 'FAST-1', notes: 'fragile' },
      { id: expect.any(String), code: 'FAST-2', notes: null },
    ]);
    const ids = (planned.data?.planned as Array<{ id: string }>).map((o) => decodeGlobalID(o.id));
    expect(ids).toEqual([
      { typename: 'Order', id: String(first.id) },
      { typename: 'Order', id: String(second.id) },
    ]);
    expect(sql.statements.filter((s) => s.includes('"Order"'))).toHaveLength(1);

    sql.reset();
    const partial = await run({ schema, document: parse(`{ idOnly(id: ${first.id}) { id code notes } }`), contextValue: {} });
    expect(partial.errors).toBeUndefined();
    expect(partial.data?.idOnly).toEqual({ id: expect.any(String), code: 'FAST-1', notes: 'fragile' });
    // The row came without code and notes: plugin-prisma loaded them (one statement for both).
    expect(sql.statements.filter((s) => s.includes('"Order"'))).toHaveLength(2);
  });
});
