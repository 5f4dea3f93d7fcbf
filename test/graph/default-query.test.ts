import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY } from '../../src/http/default-query.js';
import { execute } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';

describe('the GraphiQL default query', () => {
  it('runs without errors against the schema', async () => {
    const t = await newTenant();
    const wh = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [wh.id]: 3 } }] });
    await t.order({ items: [{ variationId: variations[0]!.id, quantity: 2 }] });
    const result = await execute<any, never>(t.key, DEFAULT_QUERY);
    expect(result.errors).toBeUndefined();
    expect(result.data.orders.totalCount).toBe(1);
    expect(result.data.orders.edges[0].node.items[0].variation.stock.available).toBe(3);
  });
});
