import { beforeAll, describe, expect, it } from 'vitest';
import {
  CatalogNodeByIdDocument,
  ProductCategoryDetailDocument,
  ProductCategoryListDocument,
  ProductDetailDocument,
  ProductListDocument,
  ProductsWithStockDocument,
  ProductsWithStockLevelsDocument,
  SupplierDetailDocument,
  SupplierListDocument,
  VariationBySkuDocument,
  VariationDetailDocument,
  VariationListDocument,
} from '../generated/graphql.js';
import { testApp } from '../support/app.js';
import { countStatements, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

/** Statements that read data, leaving out the API key lookup (cached by the auth layer or not). */
const dataStatements = (statements: string[]) => statements.filter((sql) => !sql.includes('"ApiKey"'));

// The database starts within the hook timeout, not the first test's.
beforeAll(async () => {
  await testApp();
});

describe('catalog tenant isolation', () => {
  it('shows tenant B none of tenant A products, variations, prices, categories or suppliers, by any path', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const category = await a.prisma.productCategory.create({ data: { tenantId: a.id, name: 'Sepatu' } });
    const supplier = await a.prisma.supplier.create({ data: { tenantId: a.id, name: 'Supplier A' } });
    const { product, variations } = await a.product({ name: 'Sepatu A', categoryId: category.id, variations: [{ sku: 'SHARED-SKU' }] });
    const variation = variations[0]!;
    const reseller = await a.customerCategory({ code: 'Y' });
    const price = await a.prisma.variationPrice.create({ data: { tenantId: a.id, variationId: variation.id, customerCategoryId: reseller.id, price: '10' } });
    const tier = await a.prisma.wholesalePrice.create({ data: { tenantId: a.id, variationId: variation.id, minQty: 5, price: '9' } });
    // B has its own variation with the same SKU: SKUs are unique per tenant only.
    const mine = await b.product({ name: 'Sepatu B', variations: [{ sku: 'SHARED-SKU' }] });

    // Lists
    const products = await query(b.key, ProductListDocument, { first: 50 });
    expect(products.products.edges.map((e) => e.node.name)).toEqual(['Sepatu B']);
    expect((await query(b.key, ProductListDocument, { first: 50, filter: { archived: true } })).products.totalCount).toBe(0);
    const list = await query(b.key, VariationListDocument, { first: 50 });
    expect(list.variations.edges.map((e) => e.node.product.name)).toEqual(['Sepatu B']);
    expect((await query(b.key, ProductCategoryListDocument, { first: 50 })).productCategories.totalCount).toBe(0);
    expect((await query(b.key, SupplierListDocument, { first: 50 })).suppliers.totalCount).toBe(0);
    // A's ids used in B's filters find nothing.
    expect((await query(b.key, ProductListDocument, { first: 50, filter: { category: gid('ProductCategory', category.id) } })).products.totalCount).toBe(0);
    expect((await query(b.key, VariationListDocument, { first: 50, filter: { product: gid('Product', product.id) } })).variations.totalCount).toBe(0);

    // One-object queries
    expect((await query(b.key, ProductDetailDocument, { id: gid('Product', product.id) })).product).toBeNull();
    expect((await query(b.key, VariationDetailDocument, { id: gid('Variation', variation.id) })).variation).toBeNull();
    expect((await query(b.key, ProductCategoryDetailDocument, { id: gid('ProductCategory', category.id) })).productCategory).toBeNull();
    expect((await query(b.key, SupplierDetailDocument, { id: gid('Supplier', supplier.id) })).supplier).toBeNull();
    const bySku = await query(b.key, VariationBySkuDocument, { sku: 'SHARED-SKU' });
    expect(bySku.variationBySku).toMatchObject({ id: gid('Variation', mine.variations[0]!.id), product: { name: 'Sepatu B' } });

    // node(id)
    for (const [typename, id] of [
      ['Product', product.id],
      ['Variation', variation.id],
      ['ProductCategory', category.id],
      ['Supplier', supplier.id],
      ['VariationPrice', price.id],
      ['WholesalePrice', tier.id],
    ] as const) {
      expect((await query(b.key, CatalogNodeByIdDocument, { id: gid(typename, id) })).node, typename).toBeNull();
      // The same ids work for their own tenant.
      expect((await query(a.key, CatalogNodeByIdDocument, { id: gid(typename, id) })).node, typename).toEqual({ id: gid(typename, id), __typename: typename });
    }
  });
});

/** n products, each with 2 variations stocked in 2 warehouses, written in a few bulk statements. */
async function seedProducts(t: TestTenant, n: number) {
  const warehouses = [await t.warehouse(), await t.warehouse()];
  const category = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'Umum' } });
  const products = await t.prisma.product.createManyAndReturn({
    data: Array.from({ length: n }, (_, i) => ({ tenantId: t.id, name: `Produk ${i}`, categoryId: category.id })),
  });
  const variations = await t.prisma.variation.createManyAndReturn({
    data: products.flatMap((p) => [0, 1].map((j) => ({ tenantId: t.id, productId: p.id, sku: `${t.slug}-${p.id}-${j}`, price: '1500' }))),
  });
  await t.prisma.stockLevel.createMany({
    data: variations.flatMap((v) => warehouses.map((w, k) => ({ tenantId: t.id, variationId: v.id, warehouseId: w.id, onHand: 10 + k, reserved: k }))),
  });
}

describe('catalog SQL statements', () => {
  it('loads a page of products with variations, stock and warehouses in the same number of statements for 10 and 50 products', async () => {
    const t = await newTenant();
    await seedProducts(t, 60);
    await query(t.key, ProductsWithStockDocument, { first: 1 }); // warm-up

    const ten = await countStatements(() => query(t.key, ProductsWithStockDocument, { first: 10 }));
    const fifty = await countStatements(() => query(t.key, ProductsWithStockDocument, { first: 50 }));
    expect(ten.result.products.edges).toHaveLength(10);
    expect(fifty.result.products.edges).toHaveLength(50);
    const node = fifty.result.products.edges[0]!.node;
    expect(node.variations).toHaveLength(2);
    expect(node.variations[0]!.stock).toEqual({ onHand: 21, reserved: 1, available: 20 });
    expect(node.variations[0]!.stockLevels.map((l) => l.onHand)).toEqual([10, 11]);

    const [tenData, fiftyData] = [dataStatements(ten.statements).length, dataStatements(fifty.statements).length];
    console.log(`products(first: 10 / 50) { variations { stock stockLevels { warehouse } } }: ${ten.count} / ${fifty.count} statements (${tenData} / ${fiftyData} without the key lookup)`);
    expect(fifty.count).toBe(ten.count);
    // Variation.stock and Variation.stockLevels select stockLevels in the same order, so they fold together.
    expect(tenData).toBe(1);
  });

  it('loads products with variations, stock levels and warehouses in one statement', async () => {
    const t = await newTenant();
    await seedProducts(t, 60);
    await query(t.key, ProductsWithStockLevelsDocument, { first: 1 }); // warm-up

    const ten = await countStatements(() => query(t.key, ProductsWithStockLevelsDocument, { first: 10 }));
    const fifty = await countStatements(() => query(t.key, ProductsWithStockLevelsDocument, { first: 50 }));
    expect(fifty.result.products.edges).toHaveLength(50);
    expect(fifty.result.products.edges[0]!.node.variations[0]!.stockLevels.map((l) => l.available)).toEqual([10, 10]);
    console.log(`products(first: 10 / 50) { variations { stockLevels { warehouse } } }: ${ten.count} / ${fifty.count} statements`);
    expect(fifty.count).toBe(ten.count);
    expect(dataStatements(ten.statements)).toHaveLength(1);
    expect(dataStatements(fifty.statements)).toHaveLength(1);
  });
});
