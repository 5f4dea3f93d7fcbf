import { beforeAll, describe, expect, it } from 'vitest';
import {
  ProductCategoryDetailDocument,
  ProductCategoryListDocument,
  ProductDetailDocument,
  ProductListDocument,
  SupplierDetailDocument,
  SupplierListDocument,
  VariationBySkuDocument,
  VariationDetailDocument,
  VariationListDocument,
  type ProductFilter,
  type ProductOrderBy,
  type VariationFilter,
  type VariationOrderBy,
} from '../generated/graphql.js';
import { testApp } from '../support/app.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

// The database starts within the hook timeout, not the first test's.
beforeAll(async () => {
  await testApp();
});

async function productNames(t: TestTenant, filter?: ProductFilter, orderBy?: ProductOrderBy) {
  const data = await query(t.key, ProductListDocument, { first: 100, filter, orderBy });
  expect(data.products.totalCount).toBe(data.products.edges.length);
  return data.products.edges.map((e) => e.node.name);
}

const sorted = (names: string[]) => [...names].sort();

/** A catalog covering every product filter: each product differs from the others in one way. */
async function seedCatalog(t: TestTenant) {
  const wh1 = await t.warehouse();
  const wh2 = await t.warehouse();
  const shoes = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'Sepatu' } });
  const supplier = await t.prisma.supplier.create({ data: { tenantId: t.id, name: 'Sejahtera Makmur' } });

  // OWN, in stock in one warehouse, categorised, featured, from the supplier.
  const red = await t.product({ name: 'Sepatu Merah', categoryId: shoes.id, variations: [{ sku: 'SEP-MER-01', stock: { [wh1.id]: 10 } }] });
  await t.prisma.product.update({ where: { id: red.product.id }, data: { isFeatured: true, supplierId: supplier.id } });
  // OWN, every unit reserved: not in stock; unpublished.
  const plain = await t.product({ name: 'Kaos Polos', variations: [{ sku: 'KP-HITAM-XL', stock: { [wh1.id]: 5 }, reserved: { [wh1.id]: 5 } }] });
  await t.prisma.product.update({ where: { id: plain.product.id }, data: { isActive: false } });
  // OWN, fully reserved in one warehouse but free units in another: in stock.
  await t.product({ name: 'Celana Jeans', variations: [{ stock: { [wh1.id]: 3, [wh2.id]: 2 }, reserved: { [wh1.id]: 3 } }] });
  // OWN, units only on an archived variation: not in stock.
  const hat = await t.product({ name: 'Topi Rajut', variations: [{ stock: { [wh1.id]: 4 } }, {}] });
  await t.prisma.variation.update({ where: { id: hat.variations[0]!.id }, data: { archivedAt: new Date() } });
  // SUPPLIER, available: in stock without any stock level.
  const bag = await t.product({ name: 'Tas Kulit', stockType: 'SUPPLIER', categoryId: shoes.id });
  await t.prisma.product.update({ where: { id: bag.product.id }, data: { supplierId: supplier.id } });
  // PREORDER, not available.
  const cap = await t.product({ name: 'Kemeja Batik', stockType: 'PREORDER' });
  await t.prisma.variation.updateMany({ where: { productId: cap.product.id }, data: { available: false } });
  await t.prisma.product.update({ where: { id: cap.product.id }, data: { preorderUnit: 'WEEK', preorderLength: 2 } });
  // Archived, otherwise like the first.
  const old = await t.product({ name: 'Sepatu Lama', categoryId: shoes.id, variations: [{ stock: { [wh1.id]: 1 } }] });
  await t.prisma.product.update({ where: { id: old.product.id }, data: { archivedAt: new Date() } });
  return { shoes, supplier };
}

describe('products (read)', () => {
  it('filters products by category, stock type, search, stock, flags, archive and supplier', async () => {
    const t = await newTenant();
    const { shoes, supplier } = await seedCatalog(t);
    const catalog = ['Celana Jeans', 'Kaos Polos', 'Kemeja Batik', 'Sepatu Merah', 'Tas Kulit', 'Topi Rajut'];

    expect(sorted(await productNames(t))).toEqual(catalog);
    expect(sorted(await productNames(t, { category: gid('ProductCategory', shoes.id) }))).toEqual(['Sepatu Merah', 'Tas Kulit']);
    expect(sorted(await productNames(t, { uncategorized: true }))).toEqual(['Celana Jeans', 'Kaos Polos', 'Kemeja Batik', 'Topi Rajut']);
    expect(sorted(await productNames(t, { uncategorized: false }))).toEqual(['Sepatu Merah', 'Tas Kulit']);
    expect(sorted(await productNames(t, { stockTypes: ['SUPPLIER', 'PREORDER'] }))).toEqual(['Kemeja Batik', 'Tas Kulit']);
    expect(await productNames(t, { search: 'sEPATU' })).toEqual(['Sepatu Merah']);
    // A variation SKU, not the name: "hitam" appears only in Kaos Polos's SKU.
    expect(await productNames(t, { search: 'hitam-xl' })).toEqual(['Kaos Polos']);
    expect(sorted(await productNames(t, { inStock: true }))).toEqual(['Celana Jeans', 'Sepatu Merah', 'Tas Kulit']);
    expect(sorted(await productNames(t, { inStock: false }))).toEqual(['Kaos Polos', 'Kemeja Batik', 'Topi Rajut']);
    expect(await productNames(t, { isActive: false })).toEqual(['Kaos Polos']);
    expect(await productNames(t, { isFeatured: true })).toEqual(['Sepatu Merah']);
    expect(await productNames(t, { archived: true })).toEqual(['Sepatu Lama']);
    expect(sorted(await productNames(t, { supplier: gid('Supplier', supplier.id) }))).toEqual(['Sepatu Merah', 'Tas Kulit']);
    // Conditions combine.
    expect(await productNames(t, { category: gid('ProductCategory', shoes.id), stockTypes: ['OWN'], archived: true })).toEqual(['Sepatu Lama']);
  });

  it('sorts newest first by default, and by name or update time on request', async () => {
    const t = await newTenant();
    const names = ['Bantal', 'Anduk', 'Celemek'];
    for (const [i, name] of names.entries()) {
      const { product } = await t.product({ name });
      await t.prisma.product.update({
        where: { id: product.id },
        data: { createdAt: new Date(Date.UTC(2025, 0, 1 + i)), updatedAt: new Date(Date.UTC(2025, 5, 3 - i)) },
      });
    }
    expect(await productNames(t)).toEqual(['Celemek', 'Anduk', 'Bantal']);
    expect(await productNames(t, undefined, { field: 'CREATED_AT', direction: 'ASC' })).toEqual(['Bantal', 'Anduk', 'Celemek']);
    expect(await productNames(t, undefined, { field: 'NAME', direction: 'ASC' })).toEqual(['Anduk', 'Bantal', 'Celemek']);
    expect(await productNames(t, undefined, { field: 'NAME', direction: 'DESC' })).toEqual(['Celemek', 'Bantal', 'Anduk']);
    expect(await productNames(t, undefined, { field: 'UPDATED_AT', direction: 'ASC' })).toEqual(['Celemek', 'Anduk', 'Bantal']);
  });

  it('pages through products with cursors, same-name products included once each', async () => {
    const t = await newTenant();
    for (const name of ['A', 'B', 'B', 'B', 'C']) await t.product({ name });
    const seen: string[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 3; page++) {
      const data = await query(t.key, ProductListDocument, { first: 2, after, orderBy: { field: 'NAME', direction: 'ASC' } });
      expect(data.products.totalCount).toBe(5);
      seen.push(...data.products.edges.map((e) => e.node.id));
      expect(data.products.pageInfo.hasNextPage).toBe(page < 2);
      after = data.products.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(5);
    const all = await query(t.key, ProductListDocument, { first: 5, orderBy: { field: 'NAME', direction: 'ASC' } });
    expect(seen).toEqual(all.products.edges.map((e) => e.node.id));
  });

  it('shows a product with its variations, category prices and wholesale tiers as exact decimals', async () => {
    const t = await newTenant();
    const reseller = await t.customerCategory({ code: 'Y', name: 'Reseller' });
    const price1 = await t.customerCategory({ code: '1', name: 'Teman' });
    const parent = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'Fashion' } });
    const category = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'Sepatu', parentId: parent.id } });
    const { product, variations } = await t.product({
      name: 'Sepatu',
      categoryId: category.id,
      variations: [{ sku: 'SEP-MER-KhC', price: '5000' }, { sku: 'SEP-PUT-KhX', price: '5250.5' }, { sku: 'SEP-OLD' }],
    });
    const [red, white, old] = variations as [(typeof variations)[0], (typeof variations)[0], (typeof variations)[0]];
    await t.prisma.product.update({
      where: { id: product.id },
      data: { description: 'Sepatu Bagus', weightGrams: 100, images: ['https://img.test/a.jpg'], showStock: false },
    });
    await t.prisma.variation.update({
      where: { id: red.id },
      data: {
        color: 'merah',
        costPrice: '1000',
        images: ['https://img.test/1.jpg', 'https://img.test/2.jpg'],
        primaryImageIndex: 1,
        weightGrams: 120,
      },
    });
    await t.prisma.variation.update({ where: { id: old.id }, data: { archivedAt: new Date() } });
    // Created out of order: the API orders by category id and by minimum quantity.
    await t.prisma.variationPrice.create({ data: { tenantId: t.id, variationId: red.id, customerCategoryId: price1.id, price: '2100' } });
    await t.prisma.variationPrice.create({ data: { tenantId: t.id, variationId: red.id, customerCategoryId: reseller.id, price: '2000.5' } });
    await t.prisma.wholesalePrice.create({ data: { tenantId: t.id, variationId: red.id, minQty: 50, price: '4250.25' } });
    await t.prisma.wholesalePrice.create({ data: { tenantId: t.id, variationId: red.id, minQty: 10, maxQty: 49, price: '4500' } });

    const data = await query(t.key, ProductDetailDocument, { id: gid('Product', product.id) });
    const p = data.product!;
    expect(p).toMatchObject({
      name: 'Sepatu',
      description: 'Sepatu Bagus',
      stockType: 'OWN',
      weightGrams: 100,
      images: ['https://img.test/a.jpg'],
      isActive: true,
      isFeatured: false,
      showStock: false,
      preorderUnit: null,
      archivedAt: null,
      category: { name: 'Sepatu', parent: { name: 'Fashion' } },
      supplier: null,
      variationCount: 2,
    });
    expect(p.variations.map((v) => v.sku)).toEqual(['SEP-MER-KhC', 'SEP-PUT-KhX']);
    expect(p.variations[0]).toMatchObject({
      color: 'merah',
      costPrice: '1000.00',
      price: '5000.00',
      currency: 'IDR',
      weightGrams: 120,
      primaryImageIndex: 1,
      primaryImage: 'https://img.test/2.jpg',
      available: true,
      product: { name: 'Sepatu' },
      categoryPrices: [
        { price: '2000.50', customerCategory: { code: 'Y', name: 'Reseller' } },
        { price: '2100.00', customerCategory: { code: '1', name: 'Teman' } },
      ],
      wholesalePrices: [
        { minQty: 10, maxQty: 49, price: '4500.00' },
        { minQty: 50, maxQty: null, price: '4250.25' },
      ],
    });
    expect(p.variations[1]).toMatchObject({ price: '5250.50', costPrice: null, primaryImage: null, categoryPrices: [], wholesalePrices: [] });

    const withArchived = await query(t.key, ProductDetailDocument, { id: gid('Product', product.id), includeArchived: true });
    expect(withArchived.product!.variations.map((v) => v.sku)).toEqual(['SEP-MER-KhC', 'SEP-PUT-KhX', 'SEP-OLD']);
    expect(withArchived.product!.variations[2]!.archivedAt).not.toBeNull();
  });

  it('shows the preorder time of a preorder product', async () => {
    const t = await newTenant();
    const { product } = await t.product({ name: 'Kemeja Batik', stockType: 'PREORDER' });
    await t.prisma.product.update({ where: { id: product.id }, data: { preorderUnit: 'DAY', preorderLength: 14 } });
    const data = await query(t.key, ProductDetailDocument, { id: gid('Product', product.id) });
    expect(data.product).toMatchObject({ stockType: 'PREORDER', preorderUnit: 'DAY', preorderLength: 14 });
  });
});

async function skus(t: TestTenant, filter?: VariationFilter, orderBy?: VariationOrderBy) {
  const data = await query(t.key, VariationListDocument, { first: 100, filter, orderBy });
  expect(data.variations.totalCount).toBe(data.variations.edges.length);
  return data.variations.edges.map((e) => e.node.sku);
}

describe('variations (read)', () => {
  it('filters variations by product, search, stock type, stock and archive', async () => {
    const t = await newTenant();
    const wh = await t.warehouse();
    const shoes = await t.product({
      name: 'Sepatu',
      variations: [
        { sku: 'A-RED', price: '5000', stock: { [wh.id]: 4 } },
        { sku: 'A-WHITE', price: '5000', stock: { [wh.id]: 2 }, reserved: { [wh.id]: 2 } },
        { sku: 'A-OLD', price: '5000', stock: { [wh.id]: 9 } },
      ],
    });
    await t.prisma.variation.update({ where: { id: shoes.variations[2]!.id }, data: { archivedAt: new Date() } });
    await t.prisma.variation.update({ where: { id: shoes.variations[1]!.id }, data: { name: 'Putih Salju' } });
    const bags = await t.product({ name: 'Tas Kulit', stockType: 'SUPPLIER', variations: [{ sku: 'B-1' }, { sku: 'B-2' }] });
    await t.prisma.variation.update({ where: { id: bags.variations[1]!.id }, data: { available: false } });
    const gone = await t.product({ name: 'Dompet', variations: [{ sku: 'C-1', stock: { [wh.id]: 1 } }] });
    await t.prisma.product.update({ where: { id: gone.product.id }, data: { archivedAt: new Date() } });

    expect(await skus(t)).toEqual(['A-RED', 'A-WHITE', 'B-1', 'B-2']);
    expect(await skus(t, { product: gid('Product', bags.product.id) })).toEqual(['B-1', 'B-2']);
    // SKU, variation name and product name, case-insensitive.
    expect(await skus(t, { search: 'a-re' })).toEqual(['A-RED']);
    expect(await skus(t, { search: 'SALJU' })).toEqual(['A-WHITE']);
    expect(await skus(t, { search: 'kulit' })).toEqual(['B-1', 'B-2']);
    expect(await skus(t, { stockTypes: ['SUPPLIER'] })).toEqual(['B-1', 'B-2']);
    expect(await skus(t, { inStock: true })).toEqual(['A-RED', 'B-1']);
    expect(await skus(t, { inStock: false })).toEqual(['A-WHITE', 'B-2']);
    // Archived variations and variations of archived products.
    expect(await skus(t, { archived: true })).toEqual(['A-OLD', 'C-1']);
  });

  it('sorts variations by SKU by default, and by price or creation time on request', async () => {
    const t = await newTenant();
    await t.product({ variations: [{ sku: 'M', price: '300' }, { sku: 'Z', price: '100.5' }, { sku: 'A', price: '200' }] });
    expect(await skus(t)).toEqual(['A', 'M', 'Z']);
    expect(await skus(t, undefined, { field: 'PRICE', direction: 'ASC' })).toEqual(['Z', 'A', 'M']);
    expect(await skus(t, undefined, { field: 'PRICE', direction: 'DESC' })).toEqual(['M', 'A', 'Z']);
    expect(await skus(t, undefined, { field: 'CREATED_AT', direction: 'ASC' })).toEqual(['M', 'Z', 'A']);
    expect(await skus(t, undefined, { field: 'SKU', direction: 'DESC' })).toEqual(['Z', 'M', 'A']);
    const data = await query(t.key, VariationListDocument, { first: 3, orderBy: { field: 'PRICE', direction: 'ASC' } });
    expect(data.variations.edges.map((e) => e.node.price)).toEqual(['100.50', '200.00', '300.00']);
  });

  it('pages through variations with cursors', async () => {
    const t = await newTenant();
    await t.product({ variations: ['V1', 'V2', 'V3', 'V4', 'V5'].map((sku) => ({ sku })) });
    const first = await query(t.key, VariationListDocument, { first: 3 });
    expect(first.variations.edges.map((e) => e.node.sku)).toEqual(['V1', 'V2', 'V3']);
    expect(first.variations.pageInfo.hasNextPage).toBe(true);
    const second = await query(t.key, VariationListDocument, { first: 3, after: first.variations.pageInfo.endCursor });
    expect(second.variations.edges.map((e) => e.node.sku)).toEqual(['V4', 'V5']);
    expect(second.variations.pageInfo.hasNextPage).toBe(false);
    expect(second.variations.totalCount).toBe(5);
  });

  it('finds a variation by global id and by exact SKU', async () => {
    const t = await newTenant();
    const { variations } = await t.product({ name: 'Sepatu', variations: [{ sku: 'SEP-MER-KhC', price: '5000' }] });
    const byId = await query(t.key, VariationDetailDocument, { id: gid('Variation', variations[0]!.id) });
    expect(byId.variation).toEqual({ id: gid('Variation', variations[0]!.id), sku: 'SEP-MER-KhC', price: '5000.00', product: { name: 'Sepatu' } });
    const bySku = await query(t.key, VariationBySkuDocument, { sku: 'SEP-MER-KhC' });
    expect(bySku.variationBySku?.id).toBe(gid('Variation', variations[0]!.id));
    expect((await query(t.key, VariationBySkuDocument, { sku: 'sep-mer-khc' })).variationBySku).toBeNull();
    expect((await query(t.key, VariationBySkuDocument, { sku: 'NOPE' })).variationBySku).toBeNull();
  });
});

describe('product categories and suppliers (read)', () => {
  it('lists product categories A to Z with their tree and products, filtered by parent, level and name', async () => {
    const t = await newTenant();
    const fashion = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'Fashion' } });
    const shoes = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'Sepatu', parentId: fashion.id } });
    await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'Kaos', parentId: fashion.id } });
    await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'Elektronik' } });
    await t.product({ name: 'Sneakers', categoryId: shoes.id });
    await t.product({ name: 'Boots', categoryId: shoes.id });
    const archived = await t.product({ name: 'Sandal', categoryId: shoes.id });
    await t.prisma.product.update({ where: { id: archived.product.id }, data: { archivedAt: new Date() } });

    const all = await query(t.key, ProductCategoryListDocument, { first: 10 });
    expect(all.productCategories.totalCount).toBe(4);
    expect(all.productCategories.edges.map((e) => e.node.name)).toEqual(['Elektronik', 'Fashion', 'Kaos', 'Sepatu']);
    const fashionNode = all.productCategories.edges[1]!.node;
    expect(fashionNode.children.map((c) => c.name)).toEqual(['Kaos', 'Sepatu']);
    const shoesNode = all.productCategories.edges[3]!.node;
    expect(shoesNode.parent).toEqual({ name: 'Fashion' });
    expect(shoesNode.products.totalCount).toBe(2);
    expect(shoesNode.products.edges.map((e) => e.node.name)).toEqual(['Boots', 'Sneakers']);

    const names = async (filter: object) =>
      (await query(t.key, ProductCategoryListDocument, { first: 10, filter })).productCategories.edges.map((e) => e.node.name);
    expect(await names({ parent: gid('ProductCategory', fashion.id) })).toEqual(['Kaos', 'Sepatu']);
    expect(await names({ topLevel: true })).toEqual(['Elektronik', 'Fashion']);
    expect(await names({ topLevel: false })).toEqual(['Kaos', 'Sepatu']);
    expect(await names({ search: 'PATU' })).toEqual(['Sepatu']);

    const page = await query(t.key, ProductCategoryListDocument, { first: 3 });
    expect(page.productCategories.pageInfo.hasNextPage).toBe(true);
    const rest = await query(t.key, ProductCategoryListDocument, { first: 3, after: page.productCategories.pageInfo.endCursor });
    expect(rest.productCategories.edges.map((e) => e.node.name)).toEqual(['Sepatu']);

    const one = await query(t.key, ProductCategoryDetailDocument, { id: gid('ProductCategory', shoes.id) });
    expect(one.productCategory?.name).toBe('Sepatu');
  });

  it('lists suppliers A to Z with their products, searched by name, phone or email', async () => {
    const t = await newTenant();
    const good = await t.prisma.supplier.create({ data: { tenantId: t.id, name: 'Supplier Bagus', phone: '08123456789' } });
    await t.prisma.supplier.create({ data: { tenantId: t.id, name: 'Abadi Jaya', email: 'halo@abadi.test' } });
    await t.prisma.supplier.create({ data: { tenantId: t.id, name: 'Sejahtera Makmur' } });
    const bag = await t.product({ name: 'Tas', stockType: 'SUPPLIER' });
    await t.prisma.product.update({ where: { id: bag.product.id }, data: { supplierId: good.id } });

    const all = await query(t.key, SupplierListDocument, { first: 10 });
    expect(all.suppliers.totalCount).toBe(3);
    expect(all.suppliers.edges.map((e) => e.node.name)).toEqual(['Abadi Jaya', 'Sejahtera Makmur', 'Supplier Bagus']);
    expect(all.suppliers.edges[2]!.node.products).toEqual({ totalCount: 1, edges: [{ node: { name: 'Tas' } }] });

    const names = async (search: string) =>
      (await query(t.key, SupplierListDocument, { first: 10, filter: { search } })).suppliers.edges.map((e) => e.node.name);
    expect(await names('makmur')).toEqual(['Sejahtera Makmur']);
    expect(await names('0812345')).toEqual(['Supplier Bagus']);
    expect(await names('ABADI.TEST')).toEqual(['Abadi Jaya']);

    const one = await query(t.key, SupplierDetailDocument, { id: gid('Supplier', good.id) });
    expect(one.supplier?.name).toBe('Supplier Bagus');
  });
});
