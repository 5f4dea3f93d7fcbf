// customerCategoryCreate / Update / Delete through the API (seed 002 customer categories).
import { describe, expect, it } from 'vitest';
import {
  PricingCustomerCategoryByCodeDocument,
  PricingCustomerCategoryCreateDocument,
  PricingCustomerCategoryDeleteDocument,
  PricingCustomerCategoryUpdateDocument,
  PricingVariationPricesSetDocument,
} from '../generated/graphql.js';
import type { CustomerCategoryCreateInput, CustomerCategoryUpdateInput } from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');
const idOf = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);

async function create(t: TestTenant, input: CustomerCategoryCreateInput) {
  return (await query(t.key, PricingCustomerCategoryCreateDocument, { input })).customerCategoryCreate;
}

async function update(t: TestTenant, input: CustomerCategoryUpdateInput) {
  return (await query(t.key, PricingCustomerCategoryUpdateDocument, { input })).customerCategoryUpdate;
}

async function remove(t: TestTenant, categoryId: number) {
  return (await query(t.key, PricingCustomerCategoryDeleteDocument, { input: { id: gid('CustomerCategory', categoryId) } })).customerCategoryDelete;
}

const categoryRows = (t: TestTenant) =>
  t.prisma.customerCategory.findMany({
    where: { tenantId: t.id },
    orderBy: { id: 'asc' },
    select: { code: true, name: true, isActive: true, discountAccess: true, wholesaleAccess: true },
  });

describe('customerCategoryCreate', () => {
  it('creates a category with its price access, defaulting to active with both accesses', async () => {
    const t = await newTenant();
    const created = await create(t, { code: 'Y', name: 'Reseller', wholesaleAccess: false });
    if (created.__typename !== 'CustomerCategoryCreatePayload') throw new Error(created.__typename);
    expect(created.customerCategory).toMatchObject({ code: 'Y', name: 'Reseller', isActive: true, discountAccess: true, wholesaleAccess: false });
    expect(await categoryRows(t)).toEqual([{ code: 'Y', name: 'Reseller', isActive: true, discountAccess: true, wholesaleAccess: false }]);
  });

  it('numbers categories without a code 1, 2, ... as seed 002 does, skipping numbers in use', async () => {
    const t = await newTenant();
    await t.customerCategory({ code: 'N' });
    const first = await create(t, { name: 'Teman' });
    await t.customerCategory({ code: '7' });
    const second = await create(t, { name: 'Pelanggan Tetap', discountAccess: false });
    if (first.__typename !== 'CustomerCategoryCreatePayload' || second.__typename !== 'CustomerCategoryCreatePayload') throw new Error('not created');
    expect(first.customerCategory.code).toBe('1');
    expect(second.customerCategory).toMatchObject({ code: '8', discountAccess: false });
  });

  it('refuses a code already used with DuplicateCustomerCategoryError, writing nothing', async () => {
    const t = await newTenant();
    await t.customerCategory({ code: 'Y', name: 'Reseller' });
    const result = await create(t, { code: 'Y', name: 'Another' });
    expect(result).toMatchObject({ __typename: 'DuplicateCustomerCategoryError', code: 'DUPLICATE_CUSTOMER_CATEGORY', categoryCode: 'Y' });
    expect(await categoryRows(t)).toHaveLength(1);
  });

  it('lets two tenants use the same code', async () => {
    const a = await newTenant();
    const b = await newTenant();
    expect((await create(a, { code: 'Y', name: 'Reseller' })).__typename).toBe('CustomerCategoryCreatePayload');
    expect((await create(b, { code: 'Y', name: 'Reseller' })).__typename).toBe('CustomerCategoryCreatePayload');
  });

  it.each([
    [{ code: '', name: 'X' }, [{ path: ['code'], message: 'must not be empty' }]],
    [{ code: 'a b', name: ' ' }, [{ path: ['code'], message: 'may hold letters, digits, "_" and "-" only, starting with a letter or digit' }, { path: ['name'], message: 'must not be empty' }]],
    [{ code: 'X'.repeat(21), name: 'n'.repeat(101) }, [{ path: ['code'], message: 'must be at most 20 characters' }, { path: ['name'], message: 'must be at most 100 characters' }]],
  ])('refuses %j with every problem', async (input, problems) => {
    const t = await newTenant();
    const result = await create(t, input);
    if (result.__typename !== 'ValidationError') throw new Error(result.__typename);
    expect(result.problems).toEqual(problems);
    expect(await categoryRows(t)).toEqual([]);
  });
});

describe('customerCategoryByCode', () => {
  it("answers a category's price access by its code (seed 002 check-price), and null for another tenant's code", async () => {
    const t = await newTenant();
    const other = await newTenant();
    await t.prisma.customerCategory.create({ data: { tenantId: t.id, code: 'D', name: 'Dropship', discountAccess: true, wholesaleAccess: false } });
    await other.prisma.customerCategory.create({ data: { tenantId: other.id, code: 'X', name: 'Theirs' } });
    expect((await query(t.key, PricingCustomerCategoryByCodeDocument, { code: 'D' })).customerCategoryByCode).toEqual({
      code: 'D',
      name: 'Dropship',
      discountAccess: true,
      wholesaleAccess: false,
    });
    expect((await query(t.key, PricingCustomerCategoryByCodeDocument, { code: 'd' })).customerCategoryByCode).toBeNull();
    expect((await query(t.key, PricingCustomerCategoryByCodeDocument, { code: 'X' })).customerCategoryByCode).toBeNull();
  });
});

describe('customerCategoryUpdate', () => {
  it('changes only the fields given', async () => {
    const t = await newTenant();
    const category = await t.customerCategory({ code: '1', name: 'Teman' });
    const result = await update(t, { id: gid('CustomerCategory', category.id), isActive: false, wholesaleAccess: false });
    if (result.__typename !== 'CustomerCategoryUpdatePayload') throw new Error(result.__typename);
    expect(result.customerCategory).toMatchObject({ code: '1', name: 'Teman', isActive: false, discountAccess: true, wholesaleAccess: false });
    await update(t, { id: gid('CustomerCategory', category.id), code: 'TMN', name: 'Harga Teman', discountAccess: false });
    expect(await categoryRows(t)).toEqual([{ code: 'TMN', name: 'Harga Teman', isActive: false, discountAccess: false, wholesaleAccess: false }]);
  });

  it('changes what priceFor gives at once: wholesale access taken away', async () => {
    const t = await newTenant();
    const category = await t.customerCategory({ code: 'AG' });
    const customer = await t.customer({ categoryId: category.id });
    const { variations } = await t.product({ variations: [{ price: '10000' }] });
    await query(t.key, PricingVariationPricesSetDocument, {
      input: { variation: gid('Variation', variations[0]!.id), wholesaleTiers: [{ minQty: 10, price: '9000' }] },
    });
    const priceOf = async () =>
      (
        await query<any, any>(t.key, `query($id: ID!, $c: ID) { variation(id: $id) { priceFor(customer: $c, quantity: 12) { unitPrice source } } }`, {
          id: gid('Variation', variations[0]!.id),
          c: gid('Customer', customer.id),
        })
      ).variation.priceFor;
    expect(await priceOf()).toEqual({ unitPrice: '9000.00', source: 'WHOLESALE' });
    await update(t, { id: gid('CustomerCategory', category.id), wholesaleAccess: false });
    expect(await priceOf()).toEqual({ unitPrice: '10000.00', source: 'BASE' });
  });

  it('refuses a code another category has, and answers NotFoundError for another tenant\'s category', async () => {
    const t = await newTenant();
    const other = await newTenant();
    await t.customerCategory({ code: 'Y' });
    const category = await t.customerCategory({ code: 'D', name: 'Dropshipper' });
    expect(await update(t, { id: gid('CustomerCategory', category.id), code: 'Y' })).toMatchObject({
      __typename: 'DuplicateCustomerCategoryError',
      categoryCode: 'Y',
    });
    const foreign = await other.customerCategory({ code: 'Z', name: 'Theirs' });
    expect(await update(t, { id: gid('CustomerCategory', foreign.id), name: 'Mine now' })).toMatchObject({ __typename: 'NotFoundError', entity: 'CustomerCategory' });
    expect(await categoryRows(other)).toMatchObject([{ code: 'Z', name: 'Theirs' }]);
    expect((await categoryRows(t)).map((c) => c.code)).toEqual(['Y', 'D']);
  });
});

describe('customerCategoryDelete', () => {
  it('deletes an unused category with its variation prices', async () => {
    const t = await newTenant();
    const created = await create(t, { code: 'P1', name: 'Price 1' });
    if (created.__typename !== 'CustomerCategoryCreatePayload') throw new Error(created.__typename);
    const categoryId = idOf(created.customerCategory.id);
    const { variations } = await t.product({ variations: [{ price: '10000' }, { price: '20000' }] });
    for (const v of variations) {
      await query(t.key, PricingVariationPricesSetDocument, {
        input: { variation: gid('Variation', v.id), categoryPrices: [{ categoryCode: 'P1', price: '9000' }] },
      });
    }
    const result = await remove(t, categoryId);
    expect(result).toEqual({ __typename: 'CustomerCategoryDeletePayload', deletedId: created.customerCategory.id, deletedPriceCount: 2 });
    expect(await categoryRows(t)).toEqual([]);
    expect(await t.prisma.variationPrice.count({ where: { tenantId: t.id } })).toBe(0);
  });

  it('refuses while customers belong to it or orders recorded it, with the counts, deleting nothing', async () => {
    const t = await newTenant();
    const withCustomers = await t.customerCategory({ code: 'Y' });
    await t.customer({ categoryId: withCustomers.id });
    await t.customer({ categoryId: withCustomers.id });
    const deleted = await t.customer({ categoryId: withCustomers.id });
    await t.prisma.customer.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    expect(await remove(t, withCustomers.id)).toMatchObject({
      __typename: 'CustomerCategoryInUseError',
      code: 'CUSTOMER_CATEGORY_IN_USE',
      categoryCode: 'Y',
      customerCount: 2,
      orderCount: 0,
    });

    const onOrders = await t.customerCategory({ code: 'D' });
    const { variations } = await t.product();
    const order = await t.order({ items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    await t.prisma.order.update({ where: { id: order.id }, data: { customerCategoryId: onOrders.id } });
    expect(await remove(t, onOrders.id)).toMatchObject({ __typename: 'CustomerCategoryInUseError', customerCount: 0, orderCount: 1 });
    expect((await categoryRows(t)).map((c) => c.code)).toEqual(['Y', 'D']);
  });

  it("answers NotFoundError for another tenant's category and leaves it", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const foreign = await other.customerCategory({ code: 'Z' });
    expect(await remove(t, foreign.id)).toMatchObject({ __typename: 'NotFoundError', entity: 'CustomerCategory', id: String(foreign.id) });
    expect(await categoryRows(other)).toHaveLength(1);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('customer categories under concurrency (PostgreSQL)', () => {
  it('creates a code once when many ask for it at the same time; the others get DuplicateCustomerCategoryError', async () => {
    const t = await newTenant();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => create(t, { code: 'RACE', name: `Racer ${i}` })));
    const typenames = results.map((r) => r.__typename).sort();
    expect(typenames.filter((n) => n === 'CustomerCategoryCreatePayload')).toHaveLength(1);
    expect(typenames.filter((n) => n === 'DuplicateCustomerCategoryError')).toHaveLength(9);
    expect(await categoryRows(t)).toHaveLength(1);
  });

  it('never deletes a category while a customer is being put in it', async () => {
    const t = await newTenant();
    const category = await t.customerCategory({ code: 'Q' });
    const [deleted, customer] = await Promise.allSettled([
      remove(t, category.id),
      t.prisma.customer.create({ data: { tenantId: t.id, name: 'Late', categoryId: category.id } }),
    ]);
    const exists = await t.prisma.customerCategory.count({ where: { id: category.id } });
    if (customer.status === 'fulfilled') {
      // The customer got in first: the delete saw it and refused.
      expect(deleted).toMatchObject({ status: 'fulfilled', value: { __typename: 'CustomerCategoryInUseError', customerCount: 1 } });
      expect(exists).toBe(1);
    } else {
      // The delete got in first: the customer's foreign key fails, nobody is left in a deleted category.
      expect(deleted).toMatchObject({ status: 'fulfilled', value: { __typename: 'CustomerCategoryDeletePayload' } });
      expect(exists).toBe(0);
    }
  });
});
