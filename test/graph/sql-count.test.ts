// A query's SQL statement count must not grow with the page: an N+1 fails here.
import { beforeAll, describe, expect, it } from 'vitest';
import { CustomersWithStatsAndOrdersDocument, OrderDetailDeepDocument, OrderListDeepDocument } from '../generated/graphql.js';
import { testApp } from '../support/app.js';
import { countStatements, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

let t: TestTenant;
let firstOrderId: string;

beforeAll(async () => {
  await testApp();
  t = await newTenant();
  const [jkt, bdg] = [await t.warehouse({ name: 'Gudang Jakarta' }), await t.warehouse({ name: 'Gudang Bandung' })];
  const category = await t.customerCategory({ code: 'Y', name: 'Reseller' });
  const customers = [await t.customer({ name: 'Rina', categoryId: category.id }), await t.customer({ name: 'Agus' })];
  const { variations } = await t.product({
    variations: [{ price: '15000', stock: { [jkt.id]: 40, [bdg.id]: 10 } }, { price: '22500.50', stock: { [jkt.id]: 5 } }],
  });
  for (let i = 0; i < 120; i++) {
    await t.order({
      customerId: customers[i % 2]!.id,
      items: [
        { variationId: variations[0]!.id, quantity: 1 + (i % 3) },
        { variationId: variations[1]!.id, quantity: 1 },
      ],
    });
  }
  const page = await query(t.key, OrderListDeepDocument, { first: 1 });
  firstOrderId = page.orders.edges[0]!.node.id;
});

describe('SQL statements per query shape', () => {
  it('lists orders with customer, items, variations, products and stock per warehouse in the same number of statements at 10 and 100', async () => {
    const ten = await countStatements(() => query(t.key, OrderListDeepDocument, { first: 10 }));
    const hundred = await countStatements(() => query(t.key, OrderListDeepDocument, { first: 100 }));
    expect(ten.result.orders.edges).toHaveLength(10);
    expect(hundred.result.orders.edges).toHaveLength(100);
    const line = hundred.result.orders.edges[0]!.node.items[0]!;
    expect(line.variation?.stockLevels.map((l) => l.warehouse.name).sort()).toEqual(['Gudang Bandung', 'Gudang Jakarta']);
    expect(line.variation?.stock).toEqual({ onHand: 50, reserved: 0, available: 50 });
    console.info(`order list: ${ten.count} statements at first: 10, ${hundred.count} at first: 100`);
    expect(hundred.count, hundred.statements.join('\n')).toBe(ten.count);
    // The page with everything nested, and totalCount: one compiled statement (variations and stock have SQL forms).
    expect(ten.count).toBe(1);
  });

  it('lists orders with totalCount, filtered by statuses and a createdAt range, in one statement (the compiled read) at 10 and 100', async () => {
    const list = `query ($first: Int, $f: OrderFilter) { orders(first: $first, filter: $f) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id code status createdAt totals { grandTotal } customer { name } items { quantity variation { sku } } } } } }`;
    const filter = { statuses: ['PENDING', 'CONFIRMED'], createdAt: { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' } };
    for (const first of [10, 100]) {
      const counted = await countStatements(() => query<any, unknown>(t.key, list, { first, f: filter }));
      // The 120 orders t.order made are PENDING.
      expect({ edges: counted.result.orders.edges.length, totalCount: counted.result.orders.totalCount }).toEqual({ edges: first, totalCount: 120 });
      expect(counted.count, counted.statements.join('\n')).toBe(1);
    }
  });

  it('reads one order with everything nested in a fixed small number of statements', async () => {
    const detail = await countStatements(() => query(t.key, OrderDetailDeepDocument, { id: firstOrderId }));
    expect(detail.result.order?.items).toHaveLength(2);
    console.info(`order detail: ${detail.count} statements`);
    // The order tree, and the customer's stats (one grouped statement).
    expect(detail.count, detail.statements.join('\n')).toBe(2);
  });

  it('lists customers with stats and their latest orders in the same number of statements at 1 and 2 customers', async () => {
    const one = await countStatements(() => query(t.key, CustomersWithStatsAndOrdersDocument, { first: 1 }));
    const two = await countStatements(() => query(t.key, CustomersWithStatsAndOrdersDocument, { first: 2 }));
    expect(two.result.customers.edges.map((e) => e.node.stats.orderCount)).toEqual([60, 60]);
    console.info(`customers with stats and orders: ${one.count} / ${two.count} statements`);
    expect(two.count, two.statements.join('\n')).toBe(one.count);
  });
});
