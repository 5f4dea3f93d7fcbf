import { beforeAll, describe, expect, it } from 'vitest';
import {
  OrderByCodeDocument,
  OrderDetailDocument,
  OrderListDocument,
  OrderNodeDocument,
  OrderStatusCountsDocument,
} from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

describe('orders tenant isolation', () => {
  let a: TestTenant;
  let b: TestTenant;
  let orderId: string;
  let customerId: string;

  beforeAll(async () => {
    a = await newTenant();
    b = await newTenant();
    const customer = await a.customer({ name: 'Only In A' });
    const { variations } = await a.product({ variations: [{ sku: 'A-ONLY-SKU' }] });
    const order = await a.order({ code: 'SAME-CODE', customerId: customer.id, status: 'PACKED', items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    const { variations: bVariations } = await b.product();
    await b.order({ code: 'B-OWN', items: [{ variationId: bVariations[0]!.id, quantity: 1 }] });
    orderId = gid('Order', order.id);
    customerId = gid('Customer', customer.id);
  });

  it("never shows one tenant's orders to another, by list, id, code, node or counts", async () => {
    // Tenant A sees its order everywhere.
    expect((await query(a.key, OrderDetailDocument, { id: orderId })).order?.code).toBe('SAME-CODE');
    expect((await query(a.key, OrderByCodeDocument, { code: 'SAME-CODE' })).orderByCode?.id).toBe(orderId);

    // Tenant B sees none of it.
    const list = await query(b.key, OrderListDocument, { first: 100 });
    expect(list.orders.edges.map((e) => e.node.code)).toEqual(['B-OWN']);
    expect(list.orders.totalCount).toBe(1);
    const searched = await query(b.key, OrderListDocument, { first: 100, filter: { search: 'A-ONLY' } });
    expect(searched.orders.totalCount).toBe(0);
    const byCustomer = await query(b.key, OrderListDocument, { first: 100, filter: { customer: customerId } });
    expect(byCustomer.orders.edges).toEqual([]);
    expect((await query(b.key, OrderDetailDocument, { id: orderId })).order).toBeNull();
    expect((await query(b.key, OrderByCodeDocument, { code: 'SAME-CODE' })).orderByCode).toBeNull();
    expect((await query(b.key, OrderNodeDocument, { id: orderId })).node).toBeNull();
    const counts = await query(b.key, OrderStatusCountsDocument, {});
    expect(counts.orderStatusCounts.find((c) => c.status === 'PACKED')?.count).toBe(0);
    expect(counts.orderStatusCounts.find((c) => c.status === 'PENDING')?.count).toBe(1);
  });
});
