import { describe, expect, it } from 'vitest';
import { execute, query } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';

describe('warehouses and stock (read)', () => {
  it('lists only the caller tenant warehouses, with stock totals per variation', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const wh = await a.warehouse({ name: 'Gudang Jakarta' });
    const wh2 = await a.warehouse({ name: 'Gudang Bandung' });
    await b.warehouse({ name: 'Gudang Lain' });
    await a.product({ variations: [{ stock: { [wh.id]: 10, [wh2.id]: 5 }, reserved: { [wh.id]: 3 } }] });

    const data = await query<any, any>(a.key, `{
      warehouses(orderBy: { field: NAME, direction: ASC }) { totalCount edges { node { name stockLevels { totalCount edges { node { onHand reserved available variation { sku stock { onHand reserved available } } } } } } } }
    }`);
    expect(data.warehouses.totalCount).toBe(2);
    expect(data.warehouses.edges.map((e: any) => e.node.name)).toEqual(['Gudang Bandung', 'Gudang Jakarta']);
    const jakarta = data.warehouses.edges[1].node.stockLevels.edges[0].node;
    expect(jakarta).toMatchObject({ onHand: 10, reserved: 3, available: 7 });
    expect(jakarta.variation.stock).toEqual({ onHand: 15, reserved: 3, available: 12 });
  });

  it('refuses a request without a valid key with 401 UNAUTHENTICATED', async () => {
    const result = await execute(undefined, '{ viewer { role } }');
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await execute('og_not_a_real_key_000000000000000', '{ viewer { role } }');
    expect(wrong.status).toBe(401);
  });
});
