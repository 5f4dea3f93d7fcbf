// Every `search` filter: at most 200 characters (BAD_USER_INPUT beyond), and every
// character literal: "%" and "_" are not LIKE wildcards, and "\" (LIKE's escape
// character) finds a row that holds one.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { execute } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

beforeAll(async () => {
  await testApp();
});

// One row whose searched text holds "%", "_" and "\", one whose text holds none of them.
const SPECIAL = 'Diskon 50% A_B \\ C';
const PLAIN = 'Gudang Biasa';

interface SearchList {
  field: string;
  /** Creates the two rows; returns their global ids [special, plain]. */
  seed(t: TestTenant): Promise<[string, string]>;
}

const lists: SearchList[] = [
  {
    field: 'warehouses',
    async seed(t) {
      const a = await t.prisma.warehouse.create({ data: { tenantId: t.id, code: 'WS1', name: SPECIAL } });
      const b = await t.prisma.warehouse.create({ data: { tenantId: t.id, code: 'WS2', name: PLAIN } });
      return [gid('Warehouse', a.id), gid('Warehouse', b.id)];
    },
  },
  {
    field: 'products',
    async seed(t) {
      const a = await t.product({ name: SPECIAL });
      const b = await t.product({ name: PLAIN });
      return [gid('Product', a.product.id), gid('Product', b.product.id)];
    },
  },
  {
    field: 'variations',
    async seed(t) {
      const a = await t.product({ name: SPECIAL });
      const b = await t.product({ name: PLAIN });
      return [gid('Variation', a.variations[0]!.id), gid('Variation', b.variations[0]!.id)];
    },
  },
  {
    field: 'productCategories',
    async seed(t) {
      const a = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: SPECIAL } });
      const b = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: PLAIN } });
      return [gid('ProductCategory', a.id), gid('ProductCategory', b.id)];
    },
  },
  {
    field: 'suppliers',
    async seed(t) {
      const a = await t.prisma.supplier.create({ data: { tenantId: t.id, name: SPECIAL } });
      const b = await t.prisma.supplier.create({ data: { tenantId: t.id, name: PLAIN } });
      return [gid('Supplier', a.id), gid('Supplier', b.id)];
    },
  },
  {
    field: 'customers',
    async seed(t) {
      const a = await t.prisma.customer.create({ data: { tenantId: t.id, name: SPECIAL } });
      const b = await t.prisma.customer.create({ data: { tenantId: t.id, name: PLAIN } });
      return [gid('Customer', a.id), gid('Customer', b.id)];
    },
  },
  {
    field: 'regions',
    async seed(t) {
      const a = await t.prisma.region.create({ data: { tenantId: t.id, level: 'PROVINCE', code: 'RS1', name: SPECIAL } });
      const b = await t.prisma.region.create({ data: { tenantId: t.id, level: 'PROVINCE', code: 'RS2', name: PLAIN } });
      return [gid('Region', a.id), gid('Region', b.id)];
    },
  },
  {
    field: 'orders',
    async seed(t) {
      const { variations } = await t.product();
      const a = await t.order({ code: `ORD-${SPECIAL}`, items: [{ variationId: variations[0]!.id, quantity: 1 }] });
      const b = await t.order({ code: `ORD-${PLAIN}`, items: [{ variationId: variations[0]!.id, quantity: 1 }] });
      return [gid('Order', a.id), gid('Order', b.id)];
    },
  },
];

function search(t: TestTenant, field: string, term: string) {
  return execute<Record<string, { edges: Array<{ node: { id: string } }> }>, { s: string }>(
    t.key,
    `query($s: String) { ${field}(first: 50, filter: { search: $s }) { edges { node { id } } } }`,
    { s: term },
  );
}

async function found(t: TestTenant, field: string, term: string): Promise<string[]> {
  const result = await search(t, field, term);
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data![field]!.edges.map((e) => e.node.id).sort();
}

describe.each(lists)('$field(filter: { search })', ({ field, seed }) => {
  it('takes "%", "_" and "\\" literally', async () => {
    const t = await newTenant();
    const [special, plain] = await seed(t);
    expect(await found(t, field, '%')).toEqual([special]);
    expect(await found(t, field, '_')).toEqual([special]);
    expect(await found(t, field, '\\')).toEqual([special]);
    expect(await found(t, field, '0% a_b \\ c')).toEqual([special]);
    // Still a case-insensitive substring search.
    expect(await found(t, field, 'biasa')).toEqual([plain]);
  });

  it('refuses a search longer than 200 characters with BAD_USER_INPUT', async () => {
    const t = await newTenant();
    expect(await found(t, field, 'x'.repeat(200))).toEqual([]);
    const result = await search(t, field, 'x'.repeat(201));
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, path: [field] });
    expect(result.errors![0]!.message).toBe('filter.search must be at most 200 characters (got 201)');
  });
});
