import { beforeAll, describe, expect, it } from 'vitest';
import { OrderStatusCountsDocument } from '../generated/graphql.js';
import { countStatements, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

describe('orderStatusCounts', () => {
  let t: TestTenant;

  beforeAll(async () => {
    t = await newTenant();
    const other = await newTenant();
    const { variations } = await t.product();
    const items = [{ variationId: variations[0]!.id, quantity: 1 }];
    const plan = [
      ['PENDING', 'shopee'],
      ['PENDING', 'offline'],
      ['PENDING', 'shopee'],
      ['SHIPPED', 'shopee'],
      ['CANCELLED', 'offline'],
      ['COMPLETED', 'offline'],
      ['COMPLETED', 'shopee'],
    ] as const;
    for (const [status, channel] of plan) await t.order({ status, channel, items });
    const { variations: otherVariations } = await other.product();
    await other.order({ status: 'PENDING', items: [{ variationId: otherVariations[0]!.id, quantity: 1 }] });
  });

  it('counts orders per status, listing every status with zeros, in one SQL statement', async () => {
    await query(t.key, OrderStatusCountsDocument, {}); // warm-up
    const { result, count } = await countStatements(() => query(t.key, OrderStatusCountsDocument, {}));
    expect(result.orderStatusCounts).toEqual([
      { status: 'PENDING', count: 3 },
      { status: 'CONFIRMED', count: 0 },
      { status: 'PROCESSING', count: 0 },
      { status: 'PACKED', count: 0 },
      { status: 'SHIPPED', count: 1 },
      { status: 'COMPLETED', count: 2 },
      { status: 'CANCELLED', count: 1 },
      { status: 'RETURNED', count: 0 },
    ]);
    // One GROUP BY (the API key lookup is not counted).
    console.info(`orderStatusCounts statements: ${count}`);
    expect(count).toBe(1);
  });

  it('counts only the orders that match the filter', async () => {
    const shopee = await countStatements(() => query(t.key, OrderStatusCountsDocument, { filter: { channels: ['shopee'], search: 'ord' } }));
    expect(shopee.result.orderStatusCounts.filter((c) => c.count > 0)).toEqual([
      { status: 'PENDING', count: 2 },
      { status: 'SHIPPED', count: 1 },
      { status: 'COMPLETED', count: 1 },
    ]);
    expect(shopee.count).toBe(1);
  });
});
