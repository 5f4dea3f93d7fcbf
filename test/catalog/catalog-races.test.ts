// Concurrent catalog writes on PostgreSQL: the row locks keep every invariant, and
// every loser gets a typed error, never a driver error.
import { describe, expect, it } from 'vitest';
import {
  CatProductCategoryDeleteDocument,
  CatProductCategoryUpdateDocument,
  CatProductCreateDocument,
  CatSupplierDeleteDocument,
  CatVariationDeleteDocument,
} from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';
import { gid } from './catalog-fixtures.js';

describe.skipIf(!process.env.DATABASE_URL)('catalog writes racing on PostgreSQL', () => {
  it('deleting the last two variations of a product at once leaves one: the other gets LastVariationError', async () => {
    const t = await newTenant();
    const { product, variations } = await t.product({ variations: [{}, {}] });
    const results = await Promise.all(
      variations.map(async (v) => (await query(t.key, CatVariationDeleteDocument, { input: { variation: gid('Variation', v.id) } })).variationDelete),
    );
    expect(results.map((r) => r.__typename).sort()).toEqual(['LastVariationError', 'VariationDeletePayload']);
    expect(await t.prisma.variation.count({ where: { productId: product.id } })).toBe(1);
  });

  it('a category deleted while a product is filed under it: either the delete is refused or the product finds no category', async () => {
    for (let round = 0; round < 5; round += 1) {
      const t = await newTenant();
      const category = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'RACE' } });
      const [created, deleted] = await Promise.all([
        query(t.key, CatProductCreateDocument, {
          input: { name: 'P', category: gid('ProductCategory', category.id), variations: [{ sku: 'R-1', price: '1' }] },
        }),
        query(t.key, CatProductCategoryDeleteDocument, { input: { productCategory: gid('ProductCategory', category.id) } }),
      ]);
      const outcome = [created.productCreate.__typename, deleted.productCategoryDelete.__typename];
      expect([
        ['ProductCreatePayload', 'ProductCategoryInUseError'],
        ['NotFoundError', 'ProductCategoryDeletePayload'],
      ]).toContainEqual(outcome);
      const products = await t.prisma.product.findMany({ where: { tenantId: t.id } });
      const categories = await t.prisma.productCategory.count({ where: { tenantId: t.id } });
      // Never a product whose category vanished under it (the FK would have set it to null).
      expect(products.every((p) => p.categoryId === category.id)).toBe(true);
      expect(categories + (products.length ? 0 : 1)).toBe(1);
    }
  });

  it('a supplier deleted while a product names it: either the delete is refused or the product finds no supplier', async () => {
    const t = await newTenant();
    const supplier = await t.prisma.supplier.create({ data: { tenantId: t.id, name: 'RACE' } });
    const [created, deleted] = await Promise.all([
      query(t.key, CatProductCreateDocument, { input: { name: 'P', supplier: gid('Supplier', supplier.id), variations: [{ sku: 'S-1', price: '1' }] } }),
      query(t.key, CatSupplierDeleteDocument, { input: { supplier: gid('Supplier', supplier.id) } }),
    ]);
    expect([
      ['ProductCreatePayload', 'SupplierInUseError'],
      ['NotFoundError', 'SupplierDeletePayload'],
    ]).toContainEqual([created.productCreate.__typename, deleted.supplierDelete.__typename]);
  });

  it('two categories moved under each other at once: one move wins, the other would close a loop and is refused', async () => {
    const t = await newTenant();
    const a = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'A' } });
    const b = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'B' } });
    const move = async (id: number, parent: number) =>
      (
        await query(t.key, CatProductCategoryUpdateDocument, {
          input: { productCategory: gid('ProductCategory', id), parent: gid('ProductCategory', parent) },
        })
      ).productCategoryUpdate.__typename;
    const results = await Promise.all([move(a.id, b.id), move(b.id, a.id)]);
    expect(results.sort()).toEqual(['ProductCategoryUpdatePayload', 'ValidationError']);
    const rows = await t.prisma.productCategory.findMany({ where: { tenantId: t.id } });
    expect(rows.filter((r) => r.parentId !== null)).toHaveLength(1);
  });
});
