import { beforeAll, describe, expect, it } from 'vitest';
import {
  OrderListCodesDocument,
  OrderListDocument,
  OrderListWithItemsDocument,
  type OrderFilter,
  type OrderListQuery,
} from '../generated/graphql.js';
import { countStatements, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');
const day = (d: number) => new Date(Date.UTC(2026, 0, d));

async function codes(t: TestTenant, filter: OrderFilter) {
  const data = await query(t.key, OrderListCodesDocument, { first: 100, filter });
  return data.orders.edges.map((e) => e.node.code).sort();
}

describe('orders list filters', () => {
  let t: TestTenant;
  const ids: Record<string, string> = {};

  // Four orders, each filter below matches a strict subset of them.
  beforeAll(async () => {
    t = await newTenant();
    const wh1 = await t.warehouse();
    const wh2 = await t.warehouse();
    const catA = await t.customerCategory();
    const catB = await t.customerCategory();
    const siti = await t.customer({ name: 'Siti Aminah', phone: '0811111', categoryId: catA.id });
    const budi = await t.customer({ name: 'Budi', phone: '0822222' });
    const own = await t.product({ stockType: 'OWN', variations: [{ sku: 'SKU-OWN-1' }] });
    const preorder = await t.product({ stockType: 'PREORDER', variations: [{ sku: 'SKU-PO-2' }] });
    const source = await t.prisma.orderSource.create({ data: { tenantId: t.id, name: 'Instagram' } });
    const courier = await t.courier();
    const v1 = own.variations[0]!.id;
    const v2 = preorder.variations[0]!.id;

    const o1 = await t.order({ code: 'A-001', customerId: siti.id, channel: 'shopee', createdAt: day(1), items: [{ variationId: v1, quantity: 2 }] });
    await t.prisma.order.update({ where: { id: o1.id }, data: { orderedAt: day(1), originWarehouseId: wh1.id, sourceId: source.id } });

    const o2 = await t.order({ code: 'A-002', customerId: budi.id, status: 'SHIPPED', createdAt: day(5), items: [{ variationId: v2, quantity: 1 }] });
    await t.prisma.order.update({
      where: { id: o2.id },
      data: { orderedAt: day(5), paymentStatus: 'PAID', paidAt: day(4), shippedAt: day(6), printedAt: day(5), originWarehouseId: wh2.id },
    });
    await t.shipment({ orderId: o2.id, courierId: courier.id, trackingNumber: 'JNE-TRACK-777' });

    const o3 = await t.order({ code: 'A-003', status: 'CANCELLED', kind: 'RELOCATION', channel: 'tokopedia', createdAt: day(10), items: [{ variationId: v1, quantity: 1 }] });
    await t.prisma.order.update({
      where: { id: o3.id },
      data: {
        orderedAt: day(10),
        isDraft: true,
        externalRef: 'EXT-REF-9',
        customerCategoryId: catA.id,
        parties: { create: { tenantId: t.id, role: 'RECIPIENT', name: 'Joko Widodo', phone: '0899999' } },
      },
    });
    const item3 = await t.prisma.orderItem.findFirstOrThrow({ where: { orderId: o3.id } });
    await t.prisma.orderItemAllocation.create({ data: { tenantId: t.id, orderItemId: item3.id, warehouseId: wh2.id, quantity: 1 } });

    // Siti's order, but recorded under another category: the order's category wins.
    const o4 = await t.order({ code: 'A-004', customerId: siti.id, createdAt: day(15), items: [{ variationId: v1, quantity: 3 }] });
    await t.prisma.order.update({ where: { id: o4.id }, data: { orderedAt: day(14), paymentStatus: 'PARTIALLY_PAID', customerCategoryId: catB.id } });

    Object.assign(ids, {
      wh1: gid('Warehouse', wh1.id),
      wh2: gid('Warehouse', wh2.id),
      catA: gid('CustomerCategory', catA.id),
      siti: gid('Customer', siti.id),
      source: gid('OrderSource', source.id),
      courier: gid('Courier', courier.id),
    });
  });

  it('lists every order of the tenant without a filter', async () => {
    expect(await codes(t, {})).toEqual(['A-001', 'A-002', 'A-003', 'A-004']);
  });

  const cases: Array<[string, () => OrderFilter, string[]]> = [
    ['statuses', () => ({ statuses: ['PENDING'] }), ['A-001', 'A-004']],
    ['payment statuses', () => ({ paymentStatuses: ['PAID', 'PARTIALLY_PAID'] }), ['A-002', 'A-004']],
    ['kinds', () => ({ kinds: ['RELOCATION'] }), ['A-003']],
    ['channels, ignoring case', () => ({ channels: ['Shopee', 'TOKOPEDIA'] }), ['A-001', 'A-003']],
    ['order source', () => ({ source: ids.source }), ['A-001']],
    ['customer', () => ({ customer: ids.siti }), ['A-001', 'A-004']],
    ["customer category, the order's own before the customer's", () => ({ customerCategory: ids.catA }), ['A-001', 'A-003']],
    ['warehouse, as origin or through an allocation', () => ({ warehouse: ids.wh2 }), ['A-002', 'A-003']],
    ['origin warehouse only', () => ({ warehouse: ids.wh1 }), ['A-001']],
    ['courier of a shipment', () => ({ courier: ids.courier }), ['A-002']],
    ['product stock type of a line', () => ({ productTypes: ['PREORDER'] }), ['A-002']],
    ['printed', () => ({ printed: true }), ['A-002']],
    ['not printed', () => ({ printed: false }), ['A-001', 'A-003', 'A-004']],
    ['drafts', () => ({ isDraft: true }), ['A-003']],
    ['placed orders', () => ({ isDraft: false }), ['A-001', 'A-002', 'A-004']],
    ['creation time, end exclusive', () => ({ createdAt: { from: day(5).toISOString(), to: day(10).toISOString() } }), ['A-002']],
    ['order time', () => ({ orderedAt: { from: day(12).toISOString() } }), ['A-004']],
    ['payment time', () => ({ paidAt: { from: day(1).toISOString() } }), ['A-002']],
    ['shipping time', () => ({ shippedAt: { to: day(7).toISOString() } }), ['A-002']],
    ['keyword in the order code', () => ({ search: 'a-003' }), ['A-003']],
    ['keyword in the external reference', () => ({ search: 'ext-ref' }), ['A-003']],
    ['keyword in the customer name', () => ({ search: 'siti' }), ['A-001', 'A-004']],
    ['keyword in the customer phone', () => ({ search: '0822222' }), ['A-002']],
    ['keyword in a party name', () => ({ search: 'joko' }), ['A-003']],
    ['keyword in a party phone', () => ({ search: '0899999' }), ['A-003']],
    ['keyword in an item SKU', () => ({ search: 'sku-po' }), ['A-002']],
    ['keyword in a tracking number', () => ({ search: 'track-777' }), ['A-002']],
    ['several conditions at once (all must hold)', () => ({ statuses: ['PENDING'], customerCategory: ids.catA }), ['A-001']],
  ];

  it.each(cases)('filters by %s', async (_name, filter, expected) => {
    expect(await codes(t, filter())).toEqual(expected);
  });

  it('counts the filtered orders in totalCount', async () => {
    const data = await query(t.key, OrderListDocument, { first: 1, filter: { statuses: ['PENDING'] } });
    expect(data.orders.totalCount).toBe(2);
    expect(data.orders.edges).toHaveLength(1);
  });
});

describe('orders list sorting and paging', () => {
  let t: TestTenant;

  beforeAll(async () => {
    t = await newTenant();
    const { variations } = await t.product({ variations: [{ price: '1000' }] });
    // Seven orders; B-2/B-3 and B-5/B-6 share a creation time, so the id tiebreaker matters.
    const created = [day(1), day(2), day(2), day(3), day(4), day(4), day(5)];
    const quantities = [5, 1, 7, 3, 6, 2, 4];
    for (let i = 0; i < 7; i++) {
      await t.order({ code: `B-${i + 1}`, createdAt: created[i], items: [{ variationId: variations[0]!.id, quantity: quantities[i]! }] });
    }
  });

  it('sorts newest first by default, ties broken by id', async () => {
    const data = await query(t.key, OrderListDocument, { first: 10 });
    expect(data.orders.edges.map((e) => e.node.code)).toEqual(['B-7', 'B-6', 'B-5', 'B-4', 'B-3', 'B-2', 'B-1']);
  });

  it('sorts by grand total, code and creation time in either direction', async () => {
    const byTotal = await query(t.key, OrderListDocument, { first: 10, orderBy: { field: 'GRAND_TOTAL', direction: 'ASC' } });
    expect(byTotal.orders.edges.map((e) => e.node.code)).toEqual(['B-2', 'B-6', 'B-4', 'B-7', 'B-1', 'B-5', 'B-3']);
    const byCode = await query(t.key, OrderListDocument, { first: 10, orderBy: { field: 'CODE', direction: 'DESC' } });
    expect(byCode.orders.edges.map((e) => e.node.code)).toEqual(['B-7', 'B-6', 'B-5', 'B-4', 'B-3', 'B-2', 'B-1']);
    const oldest = await query(t.key, OrderListDocument, { first: 10, orderBy: { field: 'CREATED_AT', direction: 'ASC' } });
    expect(oldest.orders.edges.map((e) => e.node.code)).toEqual(['B-1', 'B-2', 'B-3', 'B-4', 'B-5', 'B-6', 'B-7']);
  });

  it.each([
    ['CREATED_AT', 'DESC'],
    ['GRAND_TOTAL', 'ASC'],
    ['ORDERED_AT', 'DESC'],
    ['STATUS', 'ASC'],
    ['UPDATED_AT', 'DESC'],
  ] as const)('pages through %s %s with after cursors without duplicates or gaps', async (field, direction) => {
    const orderBy = { field, direction };
    const all = await query(t.key, OrderListDocument, { first: 100, orderBy });
    const seen: string[] = [];
    let after: string | null | undefined = null;
    for (let page = 0; page < 5; page++) {
      const data: OrderListQuery = await query(t.key, OrderListDocument, { first: 3, after, orderBy });
      seen.push(...data.orders.edges.map((e) => e.node.code));
      expect(data.orders.totalCount).toBe(7);
      if (!data.orders.pageInfo.hasNextPage) break;
      after = data.orders.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.orders.edges.map((e) => e.node.code));
    expect(new Set(seen).size).toBe(7);
    // Asking again gives the same pages: the order is stable.
    const again = await query(t.key, OrderListDocument, { first: 3, orderBy });
    expect(again.orders.edges.map((e) => e.node.code)).toEqual(seen.slice(0, 3));
  });

  it('pages backwards with last and before', async () => {
    const first = await query(t.key, OrderListDocument, { first: 4 });
    const back = await query(t.key, OrderListDocument, { last: 2, before: first.orders.pageInfo.endCursor });
    expect(back.orders.edges.map((e) => e.node.code)).toEqual(['B-6', 'B-5']);
  });

  it('refuses pages larger than 100', async () => {
    await expect(query(t.key, OrderListDocument, { first: 101 })).rejects.toThrow(/between 0 and 100/);
  });
});

describe('orders list SQL statements', () => {
  let t: TestTenant;

  // Thirty orders of two lines; half have a customer, two thirds a recorded customer category.
  beforeAll(async () => {
    t = await newTenant();
    const { variations } = await t.product({ variations: [{ sku: 'SQL-1' }, { sku: 'SQL-2' }] });
    const customer = await t.customer({ name: 'Rina' });
    const categories = [await t.customerCategory({ code: 'N' }), await t.customerCategory({ code: 'Y' })];
    for (let i = 0; i < 30; i++) {
      const order = await t.order({
        customerId: i % 2 ? customer.id : undefined,
        items: [
          { variationId: variations[0]!.id, quantity: 1 },
          { variationId: variations[1]!.id, quantity: 2 },
        ],
      });
      if (i % 3) await t.prisma.order.update({ where: { id: order.id }, data: { customerCategoryId: categories[(i % 3) - 1]!.id } });
    }
    await query(t.key, OrderListWithItemsDocument, { first: 1 }); // warm-up
  });

  it('loads a page with items, variations, products, customers and categories in the same number of statements for 10 or 100 orders', async () => {
    const ten = await countStatements(() => query(t.key, OrderListWithItemsDocument, { first: 10 }));
    const hundred = await countStatements(() => query(t.key, OrderListWithItemsDocument, { first: 100 }));
    expect(ten.result.orders.edges).toHaveLength(10);
    expect(hundred.result.orders.edges).toHaveLength(30);
    expect(hundred.result.orders.edges.filter((e) => e.node.customer?.name === 'Rina')).toHaveLength(15);
    expect(hundred.result.orders.edges.filter((e) => e.node.customerCategory?.code === 'Y')).toHaveLength(10);
    expect(hundred.result.orders.edges[0]!.node).toMatchObject({
      itemCount: 2,
      totalQuantity: 3,
      items: [
        { sku: 'SQL-1', quantity: 1, variation: { sku: 'SQL-1', product: { name: 'Sepatu', stockType: 'OWN' } } },
        { sku: 'SQL-2', quantity: 2, variation: { sku: 'SQL-2', product: { name: 'Sepatu', stockType: 'OWN' } } },
      ],
    });
    // The whole page, customers and categories included, in one statement.
    console.info(`orders(first: 10) statements: ${ten.count}, orders(first: 100) statements: ${hundred.count}`);
    expect(hundred.count, hundred.statements.join('\n')).toBe(ten.count);
    expect(ten.count).toBe(1);
  });

  it('adds one COUNT statement only when totalCount is asked for (on the executor: a two-letter search)', async () => {
    const withCount = await countStatements(() => query(t.key, OrderListDocument, { first: 2, filter: { search: 'or' } }));
    const without = await countStatements(() => query(t.key, OrderListCodesDocument, { first: 2, filter: { search: 'or' } }));
    expect(withCount.result.orders.totalCount).toBe(30);
    console.info(`orders with totalCount: ${withCount.count}, without: ${without.count}`);
    expect(withCount.count).toBe(without.count + 1);
  });

  it('answers a search of three letters or more with its totalCount in one statement (compiled)', async () => {
    const withCount = await countStatements(() => query(t.key, OrderListDocument, { first: 2, filter: { search: 'ord' } }));
    expect(withCount.result.orders.totalCount).toBe(30);
    expect(withCount.count).toBe(1);
  });
});
