import { beforeAll, describe, expect, it } from 'vitest';
import {
  CustomerCategoryDetailDocument,
  CustomerCategoryListDocument,
  CustomerDetailDocument,
  CustomerListDocument,
  CustomersNodeByIdDocument,
  CustomersWithStatsDocument,
  RegionDetailDocument,
  RegionListDocument,
} from '../generated/graphql.js';
import { testApp } from '../support/app.js';
import { countStatements, query } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

/** Statements that read data, leaving out the API key lookup (cached by the auth layer or not). */
const dataStatements = (statements: string[]) => statements.filter((sql) => !sql.includes('"ApiKey"'));

// The database starts within the hook timeout, not the first test's.
beforeAll(async () => {
  await testApp();
});

describe('customers tenant isolation', () => {
  it('shows tenant B none of tenant A customers, categories, addresses or regions, by any path', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const region = await a.region('Gambir');
    const category = await a.customerCategory({ code: 'Y' });
    const customer = await a.customer({ name: 'Budi A', categoryId: category.id, regionId: region.id });
    const address = await a.prisma.customerAddress.create({
      data: { tenantId: a.id, customerId: customer.id, recipientName: 'Budi', address: 'Jl. A' },
    });
    await b.customer({ name: 'Budi B' });

    // Lists, also with A's ids as filters.
    const list = await query(b.key, CustomerListDocument, { first: 50 });
    expect(list.customers.edges.map((e) => e.node.name)).toEqual(['Budi B']);
    expect((await query(b.key, CustomerListDocument, { first: 50, filter: { category: gid('CustomerCategory', category.id) } })).customers.totalCount).toBe(0);
    expect((await query(b.key, CustomerListDocument, { first: 50, filter: { region: gid('Region', region.id) } })).customers.totalCount).toBe(0);
    expect((await query(b.key, CustomerListDocument, { first: 50, filter: { categoryCode: 'Y' } })).customers.totalCount).toBe(0);
    expect((await query(b.key, CustomerCategoryListDocument, {})).customerCategories.totalCount).toBe(0);
    expect((await query(b.key, RegionListDocument, { first: 50 })).regions.totalCount).toBe(0);

    // One-object queries
    expect((await query(b.key, CustomerDetailDocument, { id: gid('Customer', customer.id), first: 1 })).customer).toBeNull();
    expect((await query(b.key, CustomerCategoryDetailDocument, { id: gid('CustomerCategory', category.id) })).customerCategory).toBeNull();
    expect((await query(b.key, RegionDetailDocument, { id: gid('Region', region.id) })).region).toBeNull();

    // node(id)
    for (const [typename, id] of [
      ['Customer', customer.id],
      ['CustomerCategory', category.id],
      ['CustomerAddress', address.id],
      ['Region', region.id],
    ] as const) {
      expect((await query(b.key, CustomersNodeByIdDocument, { id: gid(typename, id) })).node, typename).toBeNull();
      expect((await query(a.key, CustomersNodeByIdDocument, { id: gid(typename, id) })).node, typename).toEqual({
        id: gid(typename, id),
        __typename: typename,
      });
    }
  });
});

describe('customers SQL statements', () => {
  it('loads a page of customers with their order statistics in the same number of statements for 10 and 50 customers', async () => {
    const t = await newTenant();
    const category = await t.customerCategory({ code: 'N' });
    const customers = await t.prisma.customer.createManyAndReturn({
      data: Array.from({ length: 60 }, (_, i) => ({ tenantId: t.id, name: `Pelanggan ${i}`, categoryId: category.id })),
    });
    const { variations } = await t.product({ variations: [{ price: '1000' }] });
    // Every customer has one order of 2 units.
    for (const c of customers) await t.order({ customerId: c.id, items: [{ variationId: variations[0]!.id, quantity: 2 }] });
    await query(t.key, CustomersWithStatsDocument, { first: 1 }); // warm-up

    const ten = await countStatements(() => query(t.key, CustomersWithStatsDocument, { first: 10 }));
    const fifty = await countStatements(() => query(t.key, CustomersWithStatsDocument, { first: 50 }));
    expect(ten.result.customers.edges).toHaveLength(10);
    expect(fifty.result.customers.edges).toHaveLength(50);
    for (const edge of fifty.result.customers.edges) {
      expect(edge.node.stats).toMatchObject({ orderCount: 1, itemCount: 2, totalSpent: '2000.00' });
      expect(edge.node.category).toEqual({ code: 'N' });
    }

    console.log(`customers(first: 10 / 50) { category stats }: ${ten.count} / ${fifty.count} statements`);
    expect(fifty.count).toBe(ten.count);
    // One compiled read: the customers with their categories and statistics.
    expect(dataStatements(ten.statements)).toHaveLength(1);
    expect(dataStatements(fifty.statements)).toHaveLength(1);
  });
});
