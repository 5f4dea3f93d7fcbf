import { beforeAll, describe, expect, it } from 'vitest';
import {
  CustomerCategoryListDocument,
  CustomerDetailDocument,
  CustomerListDocument,
  RegionDetailDocument,
  RegionListDocument,
  type CustomerFilter,
  type CustomerOrderBy,
  type RegionFilter,
} from '../generated/graphql.js';
import { testApp } from '../support/app.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

// The database starts within the hook timeout, not the first test's.
beforeAll(async () => {
  await testApp();
});

async function customerNames(t: TestTenant, filter?: CustomerFilter, orderBy?: CustomerOrderBy) {
  const data = await query(t.key, CustomerListDocument, { first: 100, filter, orderBy });
  expect(data.customers.totalCount).toBe(data.customers.edges.length);
  return data.customers.edges.map((e) => e.node.name);
}

const sorted = (names: string[]) => [...names].sort();

describe('customers (read)', () => {
  it('filters customers by category, category code, status, region, search and creation time', async () => {
    const t = await newTenant();
    const reseller = await t.customerCategory({ code: 'Y', name: 'Reseller' });
    const regular = await t.customerCategory({ code: 'N', name: 'Pelanggan' });
    const mk = (data: { level: 'PROVINCE' | 'CITY' | 'DISTRICT' | 'SUBDISTRICT'; code: string; name: string; parentId?: number }) =>
      t.prisma.region.create({ data: { tenantId: t.id, ...data } });
    const java = await mk({ level: 'PROVINCE', code: '35', name: 'Jawa Timur' });
    const malang = await mk({ level: 'CITY', code: '35.07', name: 'Kabupaten Malang', parentId: java.id });
    const tajinan = await mk({ level: 'DISTRICT', code: '35.07.11', name: 'Tajinan', parentId: malang.id });
    const village = await mk({ level: 'SUBDISTRICT', code: '35.07.11.2001', name: 'Gunungronggo', parentId: tajinan.id });
    const bandung = await mk({ level: 'CITY', code: '32.04', name: 'Kabupaten Bandung' });

    const angga = await t.customer({ name: 'Angga', phone: '628212345678', categoryId: reseller.id, regionId: village.id });
    const budi = await t.customer({ name: 'Budi', phone: '081298765432', categoryId: regular.id, regionId: malang.id });
    const citra = await t.customer({ name: 'Citra', phone: '0857111222', regionId: bandung.id });
    await t.prisma.customer.update({ where: { id: citra.id }, data: { status: 'BLOCKED', email: 'Citra@Example.test' } });
    const dewi = await t.customer({ name: 'Dewi', phone: '0813000000' });
    await t.prisma.customer.update({ where: { id: dewi.id }, data: { status: 'PENDING', address: 'Jl. Merdeka 10, Jakarta' } });
    await t.prisma.customer.update({ where: { id: angga.id }, data: { createdAt: new Date('2024-01-15T00:00:00Z') } });
    await t.prisma.customer.update({ where: { id: budi.id }, data: { createdAt: new Date('2024-02-15T00:00:00Z') } });
    // Deleted customers never appear in the list.
    const gone = await t.customer({ name: 'Eko', categoryId: reseller.id });
    await t.prisma.customer.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });

    expect(sorted(await customerNames(t))).toEqual(['Angga', 'Budi', 'Citra', 'Dewi']);
    expect(await customerNames(t, { category: gid('CustomerCategory', reseller.id) })).toEqual(['Angga']);
    expect(await customerNames(t, { categoryCode: 'N' })).toEqual(['Budi']);
    expect(sorted(await customerNames(t, { statuses: ['BLOCKED', 'PENDING'] }))).toEqual(['Citra', 'Dewi']);
    // A region takes in every region below it.
    expect(sorted(await customerNames(t, { region: gid('Region', java.id) }))).toEqual(['Angga', 'Budi']);
    expect(sorted(await customerNames(t, { region: gid('Region', malang.id) }))).toEqual(['Angga', 'Budi']);
    expect(await customerNames(t, { region: gid('Region', tajinan.id) })).toEqual(['Angga']);
    expect(await customerNames(t, { region: gid('Region', bandung.id) })).toEqual(['Citra']);
    // Name, email, address and phone, case-insensitive; 08.. and 628.. are the same phone.
    expect(await customerNames(t, { search: 'ANGG' })).toEqual(['Angga']);
    expect(await customerNames(t, { search: 'citra@example' })).toEqual(['Citra']);
    expect(await customerNames(t, { search: 'merdeka' })).toEqual(['Dewi']);
    expect(await customerNames(t, { search: '08212345678' })).toEqual(['Angga']);
    expect(await customerNames(t, { search: '6281298765432' })).toEqual(['Budi']);
    expect(sorted(await customerNames(t, { createdAt: { from: '2024-01-01T00:00:00Z', to: '2024-03-01T00:00:00Z' } }))).toEqual([
      'Angga',
      'Budi',
    ]);
    expect(await customerNames(t, { createdAt: { from: '2024-02-01T00:00:00Z', to: '2024-03-01T00:00:00Z' } })).toEqual(['Budi']);
  });

  it('sorts newest first by default, and by name on request', async () => {
    const t = await newTenant();
    for (const [i, name] of ['Budi', 'Citra', 'Angga'].entries()) {
      const c = await t.customer({ name });
      await t.prisma.customer.update({ where: { id: c.id }, data: { createdAt: new Date(Date.UTC(2025, 0, 1 + i)) } });
    }
    expect(await customerNames(t)).toEqual(['Angga', 'Citra', 'Budi']);
    expect(await customerNames(t, undefined, { field: 'CREATED_AT', direction: 'ASC' })).toEqual(['Budi', 'Citra', 'Angga']);
    expect(await customerNames(t, undefined, { field: 'NAME', direction: 'ASC' })).toEqual(['Angga', 'Budi', 'Citra']);
    expect(await customerNames(t, undefined, { field: 'NAME', direction: 'DESC' })).toEqual(['Citra', 'Budi', 'Angga']);
  });

  it('pages through customers with cursors', async () => {
    const t = await newTenant();
    for (const name of ['A', 'B', 'C', 'D', 'E']) await t.customer({ name });
    const seen: string[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 3; page++) {
      const data = await query(t.key, CustomerListDocument, { first: 2, after, orderBy: { field: 'NAME', direction: 'ASC' } });
      expect(data.customers.totalCount).toBe(5);
      expect(data.customers.pageInfo.hasNextPage).toBe(page < 2);
      seen.push(...data.customers.edges.map((e) => e.node.name));
      after = data.customers.pageInfo.endCursor;
    }
    expect(seen).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('shows a customer with category, region, addresses and orders, filtered by status and paged', async () => {
    const t = await newTenant();
    const reseller = await t.customerCategory({ code: 'Y', name: 'Reseller' });
    const city = await t.prisma.region.create({ data: { tenantId: t.id, level: 'CITY', code: '35.07', name: 'Kabupaten Malang' } });
    const village = await t.prisma.region.create({
      data: { tenantId: t.id, level: 'SUBDISTRICT', code: '35.07.11.2001', name: 'Tajinan', parentId: city.id, postalCodes: ['65172'] },
    });
    const c = await t.customer({ name: 'Budi', phone: '628212345678', categoryId: reseller.id, regionId: village.id });
    await t.prisma.customer.update({
      where: { id: c.id },
      data: { email: 'budi@example.test', lineId: 'budi.line', otherContact: 'IG @budi', address: 'Jl. ABC', postalCode: '65172', notes: 'VIP' },
    });
    await t.prisma.customerAddress.create({
      data: { tenantId: t.id, customerId: c.id, label: 'Kantor', recipientName: 'Budi', address: 'Jl. Kantor 1' },
    });
    await t.prisma.customerAddress.create({
      data: { tenantId: t.id, customerId: c.id, label: 'Rumah', recipientName: 'Ani', address: 'Jl. Rumah 2', isDefault: true, regionId: village.id },
    });
    const { variations } = await t.product({ variations: [{ price: '1000' }] });
    const v = variations[0]!.id;
    const codes: string[] = [];
    for (const [i, status] of (['PENDING', 'CANCELLED', 'SHIPPED', 'PENDING'] as const).entries()) {
      const order = await t.order({ customerId: c.id, status, code: `ORD-${i}`, createdAt: new Date(Date.UTC(2025, 0, 1 + i)), items: [{ variationId: v, quantity: 1 }] });
      codes.push(order.code);
    }

    const data = await query(t.key, CustomerDetailDocument, { id: gid('Customer', c.id), first: 10 });
    expect(data.customer).toMatchObject({
      name: 'Budi',
      phone: '628212345678',
      email: 'budi@example.test',
      lineId: 'budi.line',
      otherContact: 'IG @budi',
      status: 'ACTIVE',
      address: 'Jl. ABC',
      postalCode: '65172',
      notes: 'VIP',
      deletedAt: null,
      category: { id: gid('CustomerCategory', reseller.id), code: 'Y', name: 'Reseller', discountAccess: true, wholesaleAccess: true },
      region: { name: 'Tajinan', level: 'SUBDISTRICT', parent: { name: 'Kabupaten Malang', parent: null } },
      addresses: [
        { label: 'Rumah', recipientName: 'Ani', isDefault: true, region: { name: 'Tajinan' } },
        { label: 'Kantor', recipientName: 'Budi', isDefault: false, region: null },
      ],
    });
    // Newest first.
    expect(data.customer!.orders.totalCount).toBe(4);
    expect(data.customer!.orders.edges.map((e) => e.node.code)).toEqual(['ORD-3', 'ORD-2', 'ORD-1', 'ORD-0']);

    const pending = await query(t.key, CustomerDetailDocument, { id: gid('Customer', c.id), first: 10, statuses: ['PENDING'] });
    expect(pending.customer!.orders.totalCount).toBe(2);
    expect(pending.customer!.orders.edges.map((e) => e.node.code)).toEqual(['ORD-3', 'ORD-0']);

    const page1 = await query(t.key, CustomerDetailDocument, { id: gid('Customer', c.id), first: 3 });
    expect(page1.customer!.orders.pageInfo.hasNextPage).toBe(true);
    const page2 = await query(t.key, CustomerDetailDocument, { id: gid('Customer', c.id), first: 3, after: page1.customer!.orders.pageInfo.endCursor });
    expect(page2.customer!.orders.edges.map((e) => e.node.code)).toEqual(['ORD-0']);
    expect(page2.customer!.orders.pageInfo.hasNextPage).toBe(false);
  });

  it('counts orders, units and money spent exactly, leaving out drafts, cancelled orders and cancelled lines', async () => {
    const t = await newTenant();
    const budi = await t.customer({ name: 'Budi' });
    const ani = await t.customer({ name: 'Ani' });
    const none = await t.customer({ name: 'Tanpa Order' });
    const { variations } = await t.product({ variations: [{ price: '1000.10' }, { price: '2500.25' }] });
    const [a, b] = [variations[0]!.id, variations[1]!.id];

    // 3 x 1000.10 + 2 x 2500.25 = 8000.80
    const first = await t.order({ customerId: budi.id, status: 'COMPLETED', items: [{ variationId: a, quantity: 3 }, { variationId: b, quantity: 2 }] });
    // 1 x 2500.25; one more line of 4 units cancelled (the grand total is what the order says).
    const second = await t.order({ customerId: budi.id, status: 'PACKED', items: [{ variationId: b, quantity: 1 }, { variationId: a, quantity: 4 }] });
    await t.prisma.orderItem.updateMany({ where: { orderId: second.id, quantity: 4 }, data: { isCancelled: true } });
    await t.prisma.order.update({ where: { id: second.id }, data: { grandTotal: '2500.25' } });
    // Cancelled: counted as an order, not in units or money.
    const cancelled = await t.order({ customerId: budi.id, status: 'CANCELLED', items: [{ variationId: a, quantity: 7 }] });
    // Draft: not counted at all.
    const draft = await t.order({ customerId: budi.id, items: [{ variationId: a, quantity: 9 }] });
    await t.prisma.order.update({ where: { id: draft.id }, data: { isDraft: true, orderedAt: new Date('2030-01-01T00:00:00Z') } });
    await t.prisma.order.update({ where: { id: first.id }, data: { orderedAt: new Date('2025-03-01T08:00:00Z') } });
    await t.prisma.order.update({ where: { id: second.id }, data: { orderedAt: new Date('2025-03-05T09:30:00Z') } });
    await t.prisma.order.update({ where: { id: cancelled.id }, data: { orderedAt: new Date('2025-03-10T10:00:00Z') } });
    await t.order({ customerId: ani.id, status: 'SHIPPED', items: [{ variationId: b, quantity: 1 }] });
    // Another customer of another tenant with the same shape must not leak in.
    const other = await newTenant();
    const otherProduct = await other.product({ variations: [{ price: '99' }] });
    await other.order({ customerId: (await other.customer()).id, items: [{ variationId: otherProduct.variations[0]!.id, quantity: 5 }] });

    const stats = async (id: number) => (await query(t.key, CustomerDetailDocument, { id: gid('Customer', id), first: 1 })).customer!.stats;
    expect(await stats(budi.id)).toEqual({
      orderCount: 3,
      cancelledOrderCount: 1,
      itemCount: 6,
      totalSpent: '10501.05',
      firstOrderAt: '2025-03-01T08:00:00.000Z',
      lastOrderAt: '2025-03-10T10:00:00.000Z',
    });
    expect((await stats(ani.id)).totalSpent).toBe('2500.25');
    expect((await stats(ani.id)).itemCount).toBe(1);
    expect(await stats(none.id)).toEqual({
      orderCount: 0,
      cancelledOrderCount: 0,
      itemCount: 0,
      totalSpent: '0.00',
      firstOrderAt: null,
      lastOrderAt: null,
    });
  });

  it('finds a deleted customer by id but leaves it out of the list', async () => {
    const t = await newTenant();
    const c = await t.customer({ name: 'Eko' });
    await t.prisma.customer.update({ where: { id: c.id }, data: { deletedAt: new Date('2025-01-01T00:00:00Z') } });
    const data = await query(t.key, CustomerDetailDocument, { id: gid('Customer', c.id), first: 1 });
    expect(data.customer).toMatchObject({ name: 'Eko', deletedAt: '2025-01-01T00:00:00.000Z' });
    expect(await customerNames(t)).toEqual([]);
  });
});

describe('customer categories and regions (read)', () => {
  it('lists customer categories oldest first with their access rights and customer counts, filtered by activity', async () => {
    const t = await newTenant();
    const customer = await t.customerCategory({ code: 'N', name: 'Pelanggan' });
    const reseller = await t.customerCategory({ code: 'Y', name: 'Reseller' });
    const friend = await t.customerCategory({ code: '1', name: 'Teman' });
    await t.prisma.customerCategory.update({ where: { id: reseller.id }, data: { wholesaleAccess: false } });
    await t.prisma.customerCategory.update({ where: { id: friend.id }, data: { isActive: false, discountAccess: false } });
    await t.customer({ categoryId: customer.id });
    await t.customer({ categoryId: customer.id });
    await t.customer({ categoryId: reseller.id });
    const gone = await t.customer({ categoryId: reseller.id });
    await t.prisma.customer.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });

    const all = await query(t.key, CustomerCategoryListDocument, {});
    expect(all.customerCategories.totalCount).toBe(3);
    expect(all.customerCategories.edges.map((e) => e.node)).toEqual([
      { id: gid('CustomerCategory', customer.id), code: 'N', name: 'Pelanggan', isActive: true, discountAccess: true, wholesaleAccess: true, customerCount: 2 },
      { id: gid('CustomerCategory', reseller.id), code: 'Y', name: 'Reseller', isActive: true, discountAccess: true, wholesaleAccess: false, customerCount: 1 },
      { id: gid('CustomerCategory', friend.id), code: '1', name: 'Teman', isActive: false, discountAccess: false, wholesaleAccess: true, customerCount: 0 },
    ]);
    const active = await query(t.key, CustomerCategoryListDocument, { filter: { isActive: true } });
    expect(active.customerCategories.edges.map((e) => e.node.code)).toEqual(['N', 'Y']);
    const inactive = await query(t.key, CustomerCategoryListDocument, { filter: { isActive: false } });
    expect(inactive.customerCategories.edges.map((e) => e.node.code)).toEqual(['1']);
  });

  it('lists regions A to Z, filtered by level, parent, name, code or postal code, and pages them', async () => {
    const t = await newTenant();
    const mk = (data: { level: 'PROVINCE' | 'CITY' | 'DISTRICT' | 'SUBDISTRICT'; code: string; name: string; parentId?: number; postalCodes?: string[] }) =>
      t.prisma.region.create({ data: { tenantId: t.id, ...data } });
    const java = await mk({ level: 'PROVINCE', code: '35', name: 'Jawa Timur' });
    const malang = await mk({ level: 'CITY', code: '35.07', name: 'Kabupaten Malang', parentId: java.id });
    await mk({ level: 'CITY', code: '35.78', name: 'Kota Surabaya', parentId: java.id });
    await mk({ level: 'DISTRICT', code: '35.07.11', name: 'Tajinan', parentId: malang.id, postalCodes: ['65172'] });

    const names = async (filter?: RegionFilter) => {
      const data = await query(t.key, RegionListDocument, { first: 50, filter });
      expect(data.regions.totalCount).toBe(data.regions.edges.length);
      return data.regions.edges.map((e) => e.node.name);
    };
    expect(await names()).toEqual(['Jawa Timur', 'Kabupaten Malang', 'Kota Surabaya', 'Tajinan']);
    expect(await names({ level: 'CITY' })).toEqual(['Kabupaten Malang', 'Kota Surabaya']);
    expect(await names({ parent: gid('Region', java.id) })).toEqual(['Kabupaten Malang', 'Kota Surabaya']);
    expect(await names({ search: 'SURA' })).toEqual(['Kota Surabaya']);
    expect(await names({ search: '65172' })).toEqual(['Tajinan']);
    expect(await names({ search: '35.07' })).toEqual(['Kabupaten Malang']);

    const all = await query(t.key, RegionListDocument, { first: 50 });
    expect(all.regions.edges[0]!.node).toMatchObject({ level: 'PROVINCE', code: '35', parent: null, children: [{ name: 'Kabupaten Malang' }, { name: 'Kota Surabaya' }] });
    expect(all.regions.edges[3]!.node).toMatchObject({ postalCodes: ['65172'], parent: { name: 'Kabupaten Malang' }, children: [] });

    const page = await query(t.key, RegionListDocument, { first: 3 });
    expect(page.regions.pageInfo.hasNextPage).toBe(true);
    const rest = await query(t.key, RegionListDocument, { first: 3, after: page.regions.pageInfo.endCursor });
    expect(rest.regions.edges.map((e) => e.node.name)).toEqual(['Tajinan']);
    expect(rest.regions.pageInfo.hasNextPage).toBe(false);

    const one = await query(t.key, RegionDetailDocument, { id: gid('Region', malang.id) });
    expect(one.region).toEqual({ id: gid('Region', malang.id), name: 'Kabupaten Malang', level: 'CITY', parent: { name: 'Jawa Timur' } });
  });
});
