// productCreate with each variation's first stock per warehouse: the stock rows and
// their "Initial stock" movements are written with the product, or nothing is.
import { describe, expect, it } from 'vitest';
import { execute } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

const CREATE = `mutation ($input: ProductCreateInput!) {
  productCreate(input: $input) {
    __typename
    ... on ProductCreatePayload { product { id variations { sku stock { onHand } stockLevels { warehouse { code } onHand available } } } }
    ... on ValidationError { problems { path message } }
    ... on Error { message }
  }
}`;

async function create(t: TestTenant, input: Record<string, unknown>) {
  const response = await execute<{ productCreate: Record<string, unknown> & { __typename: string } }, Record<string, unknown>>(t.key, CREATE, { input });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!.productCreate;
}

async function written(t: TestTenant) {
  const [products, levels, movements] = await Promise.all([
    t.prisma.product.count({ where: { tenantId: t.id } }),
    t.prisma.stockLevel.count({ where: { tenantId: t.id } }),
    t.prisma.stockMovement.count({ where: { tenantId: t.id } }),
  ]);
  return { products, levels, movements };
}

describe('productCreate with initial stock', () => {
  it('puts each variation\'s stock into its warehouses, one "Initial stock" movement per row', async () => {
    const t = await newTenant();
    const jkt = await t.warehouse({ code: 'JKT' });
    const bdg = await t.warehouse({ code: 'BDG' });
    const result = await create(t, {
      name: 'Kaos Polos',
      variations: [
        { sku: 'KAOS-M', price: '50000', initialStock: [{ warehouse: gid('Warehouse', jkt.id), onHand: 12 }, { warehouse: gid('Warehouse', bdg.id), onHand: 3 }] },
        { sku: 'KAOS-L', price: '55000', initialStock: [{ warehouse: gid('Warehouse', bdg.id), onHand: 0 }] },
        { sku: 'KAOS-XL', price: '60000' },
      ],
    });
    expect(result.__typename).toBe('ProductCreatePayload');
    const variations = (result as unknown as { product: { variations: Array<{ sku: string; stock: { onHand: number }; stockLevels: Array<{ warehouse: { code: string }; onHand: number; available: number }> }> } }).product.variations;
    const byCode = (levels: Array<{ warehouse: { code: string }; onHand: number }>) => Object.fromEntries(levels.map((l) => [l.warehouse.code, l.onHand]));
    expect(variations.map((v) => [v.sku, v.stock.onHand, byCode(v.stockLevels)])).toEqual([
      ['KAOS-M', 15, { JKT: 12, BDG: 3 }],
      ['KAOS-L', 0, { BDG: 0 }],
      ['KAOS-XL', 0, {}],
    ]);
    const movements = await t.prisma.stockMovement.findMany({ where: { tenantId: t.id }, orderBy: { id: 'asc' } });
    expect(movements.map((m) => [m.kind, m.quantityIn, m.balance, m.description]).sort()).toEqual(
      [
        ['ADJUSTMENT', 0, 0, 'Initial stock'],
        ['ADJUSTMENT', 12, 12, 'Initial stock'],
        ['ADJUSTMENT', 3, 3, 'Initial stock'],
      ].sort(),
    );
    // Partners hear of each stock row as for any stock change.
    expect(await t.prisma.outboxEvent.count({ where: { tenantId: t.id, type: 'stock.level_changed' } })).toBe(3);
  });

  it('reports a negative figure, a warehouse given twice and stock on a SUPPLIER product, each with its path, writing nothing', async () => {
    const t = await newTenant();
    const jkt = await t.warehouse({ code: 'JKT' });
    const w = gid('Warehouse', jkt.id);
    const bad = await create(t, {
      name: 'Kaos',
      variations: [{ sku: 'K-1', price: '1', initialStock: [{ warehouse: w, onHand: -1 }, { warehouse: w, onHand: 2 }] }],
    });
    expect(bad.__typename).toBe('ValidationError');
    expect((bad as unknown as { problems: Array<{ path: string[] }> }).problems.map((p) => p.path.join('.'))).toEqual([
      'variations.0.initialStock.0.onHand',
      'variations.0.initialStock.1.warehouse',
    ]);
    const supplier = await create(t, { name: 'Titipan', stockType: 'SUPPLIER', variations: [{ sku: 'T-1', price: '1', initialStock: [{ warehouse: w, onHand: 1 }] }] });
    expect(supplier.__typename).toBe('ValidationError');
    expect((supplier as unknown as { problems: Array<{ path: string[]; message: string }> }).problems).toEqual([
      { path: ['variations', '0', 'initialStock'], message: 'only OWN products keep stock' },
    ]);
    expect(await written(t)).toEqual({ products: 0, levels: 0, movements: 0 });
  });

  it('refuses an inactive warehouse and another tenant\'s, writing nothing', async () => {
    const t = await newTenant();
    const closed = await t.warehouse({ code: 'OLD', isActive: false });
    const inactive = await create(t, { name: 'Kaos', variations: [{ sku: 'K-1', price: '1', initialStock: [{ warehouse: gid('Warehouse', closed.id), onHand: 5 }] }] });
    expect(inactive.__typename).toBe('WarehouseInactiveError');
    const other = await newTenant();
    const theirs = await other.warehouse({ code: 'X' });
    const foreign = await create(t, { name: 'Kaos', variations: [{ sku: 'K-1', price: '1', initialStock: [{ warehouse: gid('Warehouse', theirs.id), onHand: 5 }] }] });
    expect(foreign.__typename).toBe('NotFoundError');
    expect(await written(t)).toEqual({ products: 0, levels: 0, movements: 0 });
  });
});
