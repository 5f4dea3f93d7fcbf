// customerCreate / customerUpdate / customerDelete through the API (seed 002 /customer, seed 004 customers).
import { beforeAll, describe, expect, it } from 'vitest';
import { CustCreateDocument, CustDeleteDocument, CustNodeDocument, CustOrderCustomerDocument, CustUpdateDocument, CustomerListDocument } from '../generated/graphql.js';
import type { CustomerCreateInput, CustomerUpdateInput } from '../generated/graphql.js';
import { testApp } from '../support/app.js';
import { countStatements, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');
const idOf = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);

beforeAll(async () => {
  await testApp();
});

const create = async (t: TestTenant, input: CustomerCreateInput) => (await query(t.key, CustCreateDocument, { input })).customerCreate;
const update = async (t: TestTenant, input: CustomerUpdateInput) => (await query(t.key, CustUpdateDocument, { input })).customerUpdate;
const remove = async (t: TestTenant, customerId: number) =>
  (await query(t.key, CustDeleteDocument, { input: { customer: gid('Customer', customerId) } })).customerDelete;

const customerRows = (t: TestTenant) =>
  t.prisma.customer.findMany({ where: { tenantId: t.id }, orderBy: { id: 'asc' }, omit: { createdAt: true, updatedAt: true } });

async function listedNames(t: TestTenant) {
  const data = await query(t.key, CustomerListDocument, { first: 100 });
  expect(data.customers.totalCount).toBe(data.customers.edges.length);
  return data.customers.edges.map((e) => e.node.name);
}

describe('customerCreate', () => {
  it('creates a customer with every field, active by default, the category given by code', async () => {
    const t = await newTenant();
    const reseller = await t.customerCategory({ code: 'Y', name: 'Reseller' });
    const region = await t.region('Tajinan');
    const created = await create(t, {
      name: '  Budi Santoso ',
      phone: '0812-3456 7890',
      email: 'Budi@Example.com',
      lineId: 'budi.line',
      otherContact: 'IG @budi',
      categoryCode: 'Y',
      address: 'Jl. Mawar 1',
      region: gid('Region', region.id),
      postalCode: '65172',
      notes: 'Prefers morning delivery',
    });
    if (created.__typename !== 'CustomerCreatePayload') throw new Error(JSON.stringify(created));
    expect(created.customer).toEqual({
      id: expect.any(String),
      name: 'Budi Santoso',
      phone: '081234567890',
      email: 'budi@example.com',
      lineId: 'budi.line',
      otherContact: 'IG @budi',
      status: 'ACTIVE',
      address: 'Jl. Mawar 1',
      postalCode: '65172',
      notes: 'Prefers morning delivery',
      deletedAt: null,
      availableTransitions: ['DEACTIVATE', 'BLOCK'],
      category: { id: gid('CustomerCategory', reseller.id), code: 'Y' },
      region: { id: gid('Region', region.id), name: 'Tajinan' },
    });
    const [row] = await customerRows(t);
    expect(row).toMatchObject({ id: idOf(created.customer.id), name: 'Budi Santoso', phone: '081234567890', categoryId: reseller.id, regionId: region.id, status: 'ACTIVE' });
  });

  it.each([
    ['PENDING', ['ACCEPT', 'REFUSE', 'BLOCK']],
    ['INACTIVE', ['ACTIVATE', 'BLOCK']],
    ['ACTIVE', ['DEACTIVATE', 'BLOCK']],
  ] as const)('creates a customer in status %s when asked, with its transitions', async (status, transitions) => {
    const t = await newTenant();
    const created = await create(t, { name: 'Sari', status });
    if (created.__typename !== 'CustomerCreatePayload') throw new Error(created.__typename);
    expect(created.customer).toMatchObject({ status, availableTransitions: transitions, phone: null, category: null });
  });

  it('accepts an international phone with "+" and takes the category by global id', async () => {
    const t = await newTenant();
    const category = await t.customerCategory({ code: 'D' });
    const created = await create(t, { name: 'Ann', phone: '+62 812 3456', category: gid('CustomerCategory', category.id) });
    if (created.__typename !== 'CustomerCreatePayload') throw new Error(created.__typename);
    expect(created.customer).toMatchObject({ phone: '+628123456', category: { code: 'D' } });
  });

  it('reports every problem with its path at once and writes nothing', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const foreignRegion = await other.region();
    const foreignCategory = await other.customerCategory({ code: 'Z' });
    const result = await create(t, {
      name: ' ',
      phone: '12-34',
      email: 'budi@',
      postalCode: 'ABC',
      lineId: 'x'.repeat(51),
      status: 'BLOCKED',
      region: gid('Region', foreignRegion.id),
      category: gid('CustomerCategory', foreignCategory.id),
    });
    expect(result.__typename).toBe('ValidationError');
    if (result.__typename !== 'ValidationError') return;
    expect(result.problems.map((p) => p.path.join('.')).sort()).toEqual(['category', 'email', 'lineId', 'name', 'phone', 'postalCode', 'region', 'status']);
    expect(await customerRows(t)).toEqual([]);
  });

  it.each([
    ['12345', false],
    ['123456', true],
    ['+123456', true],
    ['1'.repeat(20), true],
    ['1'.repeat(21), false],
    ['++123456', false],
    ['0812abc456', false],
    ['0812 3456 (789)', true],
  ])('phone %s is accepted: %s', async (phone, ok) => {
    const t = await newTenant();
    const result = await create(t, { name: 'Budi', phone });
    expect(result.__typename).toBe(ok ? 'CustomerCreatePayload' : 'ValidationError');
    if (result.__typename === 'ValidationError') expect(result.problems).toEqual([{ path: ['phone'], message: expect.stringContaining('6 to 20 digits') }]);
  });

  it('refuses an unknown category code, an inactive category and both category and categoryCode', async () => {
    const t = await newTenant();
    const inactive = await t.customerCategory({ code: 'OLD' });
    await t.prisma.customerCategory.update({ where: { id: inactive.id }, data: { isActive: false } });
    const unknown = await create(t, { name: 'A', categoryCode: 'NOPE' });
    const retired = await create(t, { name: 'A', categoryCode: 'OLD' });
    const both = await create(t, { name: 'A', categoryCode: 'OLD', category: gid('CustomerCategory', inactive.id) });
    expect(unknown).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['categoryCode'], message: 'no customer category has code "NOPE"' }] });
    expect(retired).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['categoryCode'], message: expect.stringContaining('inactive') }] });
    expect(both).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['categoryCode'] }] });
    expect(await customerRows(t)).toEqual([]);
  });
});

describe('customerUpdate', () => {
  it('changes the fields given, clears those set to null and leaves the others', async () => {
    const t = await newTenant();
    const region = await t.region();
    const category = await t.customerCategory({ code: 'N' });
    const c = await t.prisma.customer.create({
      data: { tenantId: t.id, name: 'Budi', phone: '0811111111', email: 'a@b.co', lineId: 'l', categoryId: category.id, regionId: region.id, notes: 'n' },
    });
    const result = await update(t, { customer: gid('Customer', c.id), name: 'Budi S', email: null, lineId: null, categoryCode: null, region: null, postalCode: '10150' });
    if (result.__typename !== 'CustomerUpdatePayload') throw new Error(JSON.stringify(result));
    expect(result.customer).toMatchObject({ name: 'Budi S', phone: '0811111111', email: null, lineId: null, category: null, region: null, postalCode: '10150', notes: 'n' });
    expect(await t.prisma.customer.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ categoryId: null, regionId: null, email: null, status: 'ACTIVE' });
  });

  it('keeps a customer in a category that has since been deactivated', async () => {
    const t = await newTenant();
    const category = await t.customerCategory({ code: 'OLD' });
    const c = await t.customer({ categoryId: category.id });
    await t.prisma.customerCategory.update({ where: { id: category.id }, data: { isActive: false } });
    const result = await update(t, { customer: gid('Customer', c.id), categoryCode: 'OLD', notes: 'kept' });
    expect(result).toMatchObject({ __typename: 'CustomerUpdatePayload', customer: { category: { code: 'OLD' }, notes: 'kept' } });
  });

  it('refuses a blank name and a bad email with their paths, changing nothing', async () => {
    const t = await newTenant();
    const c = await t.customer({ name: 'Budi' });
    const before = await customerRows(t);
    const result = await update(t, { customer: gid('Customer', c.id), name: '', email: 'no-at-sign', region: gid('Region', 999999) });
    expect(result.__typename).toBe('ValidationError');
    if (result.__typename === 'ValidationError') expect(result.problems.map((p) => p.path[0]).sort()).toEqual(['email', 'name', 'region']);
    expect(await customerRows(t)).toEqual(before);
  });

  it("answers NotFound for another tenant's customer and leaves it unchanged", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const theirs = await other.customer({ name: 'Theirs' });
    const result = await update(t, { customer: gid('Customer', theirs.id), name: 'Mine now' });
    expect(result).toMatchObject({ __typename: 'NotFoundError', entity: 'Customer', id: String(theirs.id) });
    expect((await other.prisma.customer.findUniqueOrThrow({ where: { id: theirs.id } })).name).toBe('Theirs');
  });

  it('answers NotFound for a deleted customer', async () => {
    const t = await newTenant();
    const c = await t.customer();
    await t.prisma.customer.update({ where: { id: c.id }, data: { deletedAt: new Date() } });
    expect(await update(t, { customer: gid('Customer', c.id), name: 'Back' })).toMatchObject({ __typename: 'NotFoundError' });
  });
});

describe('customerDelete', () => {
  it('removes a customer without orders together with its addresses', async () => {
    const t = await newTenant();
    const c = await t.customer({ name: 'Gone' });
    await t.prisma.customerAddress.create({ data: { tenantId: t.id, customerId: c.id, recipientName: 'Gone', address: 'Jl. 1', isDefault: true } });
    const result = await remove(t, c.id);
    expect(result).toEqual({ __typename: 'CustomerDeletePayload', deletedCustomerId: gid('Customer', c.id), softDeleted: false, orderCount: 0 });
    expect(await customerRows(t)).toEqual([]);
    expect(await t.prisma.customerAddress.count({ where: { tenantId: t.id } })).toBe(0);
  });

  it('marks a customer with orders deleted: gone from lists and writes, still the customer of its orders', async () => {
    const t = await newTenant();
    const c = await t.customer({ name: 'Buyer' });
    await t.customer({ name: 'Stays' });
    const { variations } = await t.product();
    const order = await t.order({ customerId: c.id, items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    const result = await remove(t, c.id);
    expect(result).toEqual({ __typename: 'CustomerDeletePayload', deletedCustomerId: gid('Customer', c.id), softDeleted: true, orderCount: 1 });
    const row = await t.prisma.customer.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(await listedNames(t)).toEqual(['Stays']);
    const onOrder = await query(t.key, CustOrderCustomerDocument, { id: gid('Order', order.id) });
    expect(onOrder.order?.customer).toMatchObject({ id: gid('Customer', c.id), name: 'Buyer', deletedAt: expect.any(String) });
    // By id it is still found, marked deleted (the read side's rule), so a client can refetch an order's customer.
    const node = await query(t.key, CustNodeDocument, { id: gid('Customer', c.id) });
    expect(node.node).toMatchObject({ __typename: 'Customer', name: 'Buyer', deletedAt: expect.any(String) });
    expect(await remove(t, c.id)).toMatchObject({ __typename: 'NotFoundError', entity: 'Customer' });
  });

  it("answers NotFound for another tenant's customer and deletes nothing", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const theirs = await other.customer();
    expect(await remove(t, theirs.id)).toMatchObject({ __typename: 'NotFoundError', entity: 'Customer' });
    expect(await other.prisma.customer.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ deletedAt: null });
  });
});

describe('statements per customer write', () => {
  it('creates a customer and re-reads it with category and region in a fixed number of statements', async () => {
    const t = await newTenant();
    await t.customerCategory({ code: 'Y' });
    const region = await t.region();
    const { result, count, statements } = await countStatements(() =>
      query(t.key, CustCreateDocument, { input: { name: 'Budi', categoryCode: 'Y', region: gid('Region', region.id), phone: '0812345678' } }),
    );
    expect(result.customerCreate.__typename).toBe('CustomerCreatePayload');
    console.info(`customerCreate { customer { category region } }: ${count} statements`);
    // Region check, category lookup, INSERT, COMMIT, one re-read with both relations joined.
    expect(count, statements.join('\n')).toBeLessThanOrEqual(6);
  });
});
