import { describe, expect, it } from 'vitest';
import {
  CatProductArchiveDocument,
  CatProductCreateDocument,
  CatProductDeleteDocument,
  CatProductUnarchiveDocument,
  CatProductUpdateDocument,
  type ProductCreateInput,
  type ProductUpdateInput,
} from '../generated/graphql.js';
import { countStatements, execute, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';
import { catalogRowCounts, dbId, gid, sepatuInput } from './catalog-fixtures.js';

async function create(t: TestTenant, input: ProductCreateInput) {
  return (await query(t.key, CatProductCreateDocument, { input })).productCreate;
}
async function update(t: TestTenant, input: ProductUpdateInput) {
  return (await query(t.key, CatProductUpdateDocument, { input })).productUpdate;
}
async function remove(t: TestTenant, productId: number) {
  return (await query(t.key, CatProductDeleteDocument, { input: { product: gid('Product', productId) } })).productDelete;
}

describe('productCreate', () => {
  it('creates the seed 002 example product with its variations in input order, tied to the caller tenant', async () => {
    const t = await newTenant();
    const category = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'FASHION' } });
    const supplier = await t.prisma.supplier.create({ data: { tenantId: t.id, name: 'Sejahtera Makmur' } });
    const result = await create(
      t,
      sepatuInput({
        category: gid('ProductCategory', category.id),
        supplier: gid('Supplier', supplier.id),
        isFeatured: true,
        images: ['https://cdn.example.com/sepatu.jpg'],
        variations: [
          {
            sku: 'SEP-MER-KhC',
            price: '5000',
            costPrice: '1000',
            color: 'merah',
            size: '42',
            name: 'Merah / 42',
            images: ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/b.jpg'],
            primaryImageIndex: 1,
          },
          { sku: 'SEP-PUT-KhX', price: '5500.50', color: 'putih', weightGrams: 120 },
        ],
      }),
    );
    expect(result.__typename).toBe('ProductCreatePayload');
    if (result.__typename !== 'ProductCreatePayload') return;
    expect(result.product).toMatchObject({
      name: 'Sepatu',
      description: 'Sepatu Bagus',
      stockType: 'OWN',
      category: { id: gid('ProductCategory', category.id), name: 'FASHION' },
      supplier: { id: gid('Supplier', supplier.id), name: 'Sejahtera Makmur' },
      weightGrams: 100,
      images: ['https://cdn.example.com/sepatu.jpg'],
      isActive: false,
      isFeatured: true,
      showStock: false,
      preorderUnit: null,
      preorderLength: null,
      archivedAt: null,
    });
    expect(result.product.variations).toMatchObject([
      {
        sku: 'SEP-MER-KhC',
        name: 'Merah / 42',
        size: '42',
        color: 'merah',
        weightGrams: 100,
        primaryImageIndex: 1,
        primaryImage: 'https://cdn.example.com/b.jpg',
        costPrice: '1000.00',
        price: '5000.00',
        available: true,
      },
      { sku: 'SEP-PUT-KhX', color: 'putih', weightGrams: 120, costPrice: null, price: '5500.50' },
    ]);
    const row = await t.prisma.product.findUniqueOrThrow({ where: { id: dbId(result.product.id) } });
    expect(row.tenantId).toBe(t.id);
  });

  it('applies the defaults of a minimal input: OWN, active, not featured, stock shown', async () => {
    const t = await newTenant();
    const result = await create(t, { name: 'Kaos', variations: [{ sku: 'KAO-1', price: '0' }] });
    expect(result).toMatchObject({
      product: { stockType: 'OWN', isActive: true, isFeatured: false, showStock: true, weightGrams: 0, variations: [{ price: '0.00', available: true }] },
    });
  });

  it('creates a PREORDER product with its preorder time', async () => {
    const t = await newTenant();
    const result = await create(
      t,
      sepatuInput({ stockType: 'PREORDER', preorderUnit: 'WEEK', preorderLength: 12, variations: [{ sku: 'PO-1', price: '100', available: false }] }),
    );
    expect(result).toMatchObject({ product: { stockType: 'PREORDER', preorderUnit: 'WEEK', preorderLength: 12, variations: [{ available: false }] } });
  });

  it.each([
    ['PREORDER without a preorder time', { stockType: 'PREORDER' as const }, [['preorderUnit'], ['preorderLength']]],
    ['more than 90 days', { stockType: 'PREORDER' as const, preorderUnit: 'DAY' as const, preorderLength: 91 }, [['preorderLength']]],
    ['more than 12 weeks', { stockType: 'PREORDER' as const, preorderUnit: 'WEEK' as const, preorderLength: 13 }, [['preorderLength']]],
    ['a preorder time on an OWN product', { preorderUnit: 'DAY' as const, preorderLength: 3 }, [['preorderUnit'], ['preorderLength']]],
    ['a zero preorder length', { stockType: 'PREORDER' as const, preorderUnit: 'DAY' as const, preorderLength: 0 }, [['preorderLength']]],
  ])('refuses %s with a ValidationError on the preorder fields', async (_name, overrides, paths) => {
    const t = await newTenant();
    const result = await create(t, sepatuInput(overrides));
    expect(result.__typename).toBe('ValidationError');
    if (result.__typename !== 'ValidationError') return;
    expect(result.problems.map((p) => p.path)).toEqual(paths);
  });

  it('reports every problem of the input with its path, and writes nothing', async () => {
    const t = await newTenant();
    const before = await catalogRowCounts(t);
    const result = await create(t, {
      name: '  ',
      weightGrams: -1,
      images: ['ftp://x/y.jpg'],
      variations: [
        { sku: 'OK-1', price: '10.005' },
        { sku: 'bad sku!', price: '-1', costPrice: '-5', images: ['https://a/1.jpg'], primaryImageIndex: 1 },
        { sku: '', price: '1', images: ['https://a/1', 'https://a/2', 'https://a/3', 'https://a/4', 'https://a/5', 'https://a/6'] },
      ],
    });
    expect(result.__typename).toBe('ValidationError');
    if (result.__typename !== 'ValidationError') return;
    expect(result.problems.map((p) => p.path)).toEqual([
      ['name'],
      ['weightGrams'],
      ['images', '0'],
      ['variations', '0', 'price'],
      ['variations', '1', 'sku'],
      ['variations', '1', 'price'],
      ['variations', '1', 'costPrice'],
      ['variations', '1', 'primaryImageIndex'],
      ['variations', '2', 'sku'],
      ['variations', '2', 'images'],
    ]);
    expect(await catalogRowCounts(t)).toEqual(before);
  });

  it('refuses a product without variations', async () => {
    const t = await newTenant();
    const result = await create(t, sepatuInput({ variations: [] }));
    expect(result).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['variations'] }] });
  });

  it('refuses a SKU used by another product of the tenant with DuplicateSkuError naming it, and writes nothing', async () => {
    const t = await newTenant();
    const { variations } = await t.product({ variations: [{ sku: 'SEP-PUT-KhX' }] });
    const before = await catalogRowCounts(t);
    const result = await create(t, sepatuInput());
    expect(result).toMatchObject({
      __typename: 'DuplicateSkuError',
      code: 'DUPLICATE_SKU',
      sku: 'SEP-PUT-KhX',
      path: ['variations', '1', 'sku'],
      existingVariationId: gid('Variation', variations[0]!.id),
    });
    expect(await catalogRowCounts(t)).toEqual(before);
  });

  it('refuses the same SKU twice in one input with DuplicateSkuError on the second', async () => {
    const t = await newTenant();
    const result = await create(
      t,
      sepatuInput({ variations: [{ sku: 'A-1', price: '1' }, { sku: 'B-1', price: '1' }, { sku: ' A-1 ', price: '1' }] }),
    );
    expect(result).toMatchObject({ __typename: 'DuplicateSkuError', sku: 'A-1', path: ['variations', '2', 'sku'], existingVariationId: null });
    expect((await catalogRowCounts(t)).products).toBe(0);
  });

  it('allows a SKU that another tenant uses', async () => {
    const a = await newTenant();
    const b = await newTenant();
    await a.product({ variations: [{ sku: 'SEP-MER-KhC' }] });
    expect((await create(b, sepatuInput())).__typename).toBe('ProductCreatePayload');
  });

  it("answers another tenant's category or supplier as not found, and writes nothing", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const category = await b.prisma.productCategory.create({ data: { tenantId: b.id, name: 'B only' } });
    const supplier = await b.prisma.supplier.create({ data: { tenantId: b.id, name: 'B only' } });
    expect(await create(a, sepatuInput({ category: gid('ProductCategory', category.id) }))).toMatchObject({
      __typename: 'NotFoundError',
      entity: 'ProductCategory',
    });
    expect(await create(a, sepatuInput({ supplier: gid('Supplier', supplier.id) }))).toMatchObject({ __typename: 'NotFoundError', entity: 'Supplier' });
    expect((await catalogRowCounts(a)).products).toBe(0);
  });

  it('costs the same number of SQL statements for 2 and for 20 variations, payload re-read included', async () => {
    const t = await newTenant();
    const withVariations = (n: number, prefix: string) =>
      sepatuInput({ variations: Array.from({ length: n }, (_, i) => ({ sku: `${prefix}-${i}`, price: '1', color: `c${i}` })) });
    const small = await countStatements(() => create(t, withVariations(2, 'S')));
    const large = await countStatements(() => create(t, withVariations(20, 'L')));
    expect(large.result).toMatchObject({ __typename: 'ProductCreatePayload' });
    expect(large.result.__typename === 'ProductCreatePayload' && large.result.product.variations).toHaveLength(20);
    expect(large.count).toBe(small.count);
    expect(small.count).toBeLessThanOrEqual(10);
  });

  it('refuses a global id of the wrong type as a bad input', async () => {
    const t = await newTenant();
    const result = await execute(t.key, CatProductCreateDocument, { input: sepatuInput({ category: gid('Supplier', 1) }) });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe.skipIf(!process.env.DATABASE_URL)('productCreate on PostgreSQL', () => {
  it('lets exactly one of many concurrent creates with the same SKU win; the others get DuplicateSkuError', async () => {
    const t = await newTenant();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => create(t, { name: `Race ${i}`, variations: [{ sku: 'RACE-1', price: '1' }] })),
    );
    const names = results.map((r) => r.__typename).sort();
    expect(names.filter((n) => n === 'ProductCreatePayload')).toHaveLength(1);
    expect(names.filter((n) => n === 'DuplicateSkuError')).toHaveLength(7);
    for (const r of results) if (r.__typename === 'DuplicateSkuError') expect(r.sku).toBe('RACE-1');
    expect(await t.prisma.product.count({ where: { tenantId: t.id } })).toBe(1);
  });
});

describe('productUpdate', () => {
  it('changes only the fields given and clears the ones set to null', async () => {
    const t = await newTenant();
    const category = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'BOOKS' } });
    const created = await create(t, sepatuInput({ category: gid('ProductCategory', category.id) }));
    if (created.__typename !== 'ProductCreatePayload') throw new Error(created.__typename);
    const result = await update(t, { product: created.product.id, name: 'Sepatu Bagus', category: null, description: null, isFeatured: true });
    expect(result).toMatchObject({
      product: { name: 'Sepatu Bagus', category: null, description: null, isFeatured: true, isActive: false, showStock: false, weightGrams: 100 },
    });
  });

  it('turns a product into PREORDER with its time, and back to SUPPLIER clearing the time', async () => {
    const t = await newTenant();
    const { product } = await t.product();
    const id = gid('Product', product.id);
    expect(await update(t, { product: id, stockType: 'PREORDER', preorderUnit: 'DAY', preorderLength: 90 })).toMatchObject({
      product: { stockType: 'PREORDER', preorderUnit: 'DAY', preorderLength: 90 },
    });
    // Changing only the length keeps the stored unit, and is checked against it.
    expect(await update(t, { product: id, preorderLength: 91 })).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['preorderLength'] }] });
    expect(await update(t, { product: id, stockType: 'SUPPLIER' })).toMatchObject({
      product: { stockType: 'SUPPLIER', preorderUnit: null, preorderLength: null },
    });
  });

  it('refuses to take an OWN product holding stock to SUPPLIER', async () => {
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { product } = await t.product({ variations: [{ stock: { [warehouse.id]: 3 } }] });
    const result = await update(t, { product: gid('Product', product.id), stockType: 'SUPPLIER' });
    expect(result).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['stockType'] }] });
    expect((await t.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stockType).toBe('OWN');
  });

  it('reports shape problems and problems that depend on the stored product together', async () => {
    const t = await newTenant();
    const { product } = await t.product({ stockType: 'PREORDER' });
    const result = await update(t, { product: gid('Product', product.id), name: '', preorderUnit: 'WEEK', images: ['not a url'] });
    expect(result.__typename === 'ValidationError' && result.problems.map((p) => p.path)).toEqual([['name'], ['images', '0'], ['preorderLength']]);
  });

  it('refuses null for a field that cannot be cleared', async () => {
    const t = await newTenant();
    const { product } = await t.product();
    const result = await update(t, { product: gid('Product', product.id), name: null, isActive: null, weightGrams: null });
    expect(result).toMatchObject({ __typename: 'ValidationError' });
    if (result.__typename !== 'ValidationError') return;
    expect(result.problems.map((p) => p.path)).toEqual([['name'], ['weightGrams'], ['isActive']]);
  });

  it("answers another tenant's product as not found and leaves it alone", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const { product } = await b.product({ name: 'Punya B' });
    expect(await update(a, { product: gid('Product', product.id), name: 'Mine' })).toMatchObject({ __typename: 'NotFoundError', entity: 'Product' });
    expect((await b.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).name).toBe('Punya B');
  });
});

describe('productArchive / productUnarchive', () => {
  it('archives a product (keeping the first time when archived twice) and brings it back', async () => {
    const t = await newTenant();
    const { product } = await t.product();
    const input = { product: gid('Product', product.id) };
    const first = (await query(t.key, CatProductArchiveDocument, { input })).productArchive;
    expect(first.__typename).toBe('ProductArchivePayload');
    if (first.__typename !== 'ProductArchivePayload') return;
    expect(first.product.archivedAt).not.toBeNull();
    const second = (await query(t.key, CatProductArchiveDocument, { input })).productArchive;
    expect(second).toMatchObject({ product: { archivedAt: first.product.archivedAt } });
    const back = (await query(t.key, CatProductUnarchiveDocument, { input })).productUnarchive;
    expect(back).toMatchObject({ product: { archivedAt: null } });
  });

  it('archives a product that open orders reference', async () => {
    const t = await newTenant();
    const { product, variations } = await t.product();
    await t.order({ status: 'CONFIRMED', items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    const result = (await query(t.key, CatProductArchiveDocument, { input: { product: gid('Product', product.id) } })).productArchive;
    expect(result.__typename).toBe('ProductArchivePayload');
  });

  it("answers another tenant's product as not found", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const { product } = await b.product();
    const result = (await query(a.key, CatProductArchiveDocument, { input: { product: gid('Product', product.id) } })).productArchive;
    expect(result).toMatchObject({ __typename: 'NotFoundError' });
    expect((await b.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).archivedAt).toBeNull();
  });
});

describe('productDelete', () => {
  it('deletes a product without orders or stock, with its variations and prices', async () => {
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { product, variations } = await t.product({ name: 'Hapus', variations: [{ sku: 'DEL-1' }, { sku: 'DEL-2', stock: { [warehouse.id]: 0 } }] });
    const category = await t.customerCategory();
    await t.prisma.variationPrice.create({ data: { tenantId: t.id, variationId: variations[0]!.id, customerCategoryId: category.id, price: '4000' } });
    const result = await remove(t, product.id);
    expect(result).toEqual({
      __typename: 'ProductDeletePayload',
      deletedProductId: gid('Product', product.id),
      name: 'Hapus',
      deletedVariationIds: variations.map((v) => gid('Variation', v.id)),
      skus: ['DEL-1', 'DEL-2'],
    });
    expect(await catalogRowCounts(t)).toMatchObject({ products: 0, variations: 0, stockLevels: 0 });
    expect(await t.prisma.variationPrice.count({ where: { tenantId: t.id } })).toBe(0);
  });

  it.each(['PENDING', 'CONFIRMED', 'PROCESSING', 'PACKED', 'SHIPPED'] as const)(
    'refuses while a %s order references a variation, with VariationInUseError naming the SKU',
    async (status) => {
      const t = await newTenant();
      const { product, variations } = await t.product({ variations: [{ sku: 'FREE-1' }, { sku: 'USED-1' }] });
      await t.order({ status, items: [{ variationId: variations[1]!.id, quantity: 1 }] });
      await t.order({ status, items: [{ variationId: variations[1]!.id, quantity: 2 }] });
      const before = await catalogRowCounts(t);
      const result = await remove(t, product.id);
      expect(result).toMatchObject({
        __typename: 'VariationInUseError',
        code: 'VARIATION_IN_USE',
        variationId: gid('Variation', variations[1]!.id),
        sku: 'USED-1',
        openOrderCount: 2,
      });
      expect(await catalogRowCounts(t)).toEqual(before);
    },
  );

  it.each(['COMPLETED', 'CANCELLED', 'RETURNED'] as const)(
    'tells the client to archive instead when a %s order names a variation',
    async (status) => {
      const t = await newTenant();
      const { product, variations } = await t.product({ variations: [{ sku: 'OLD-1' }] });
      await t.order({ status, items: [{ variationId: variations[0]!.id, quantity: 1 }] });
      const result = await remove(t, product.id);
      expect(result).toMatchObject({ __typename: 'VariationInOrderHistoryError', code: 'VARIATION_IN_ORDER_HISTORY', sku: 'OLD-1', orderCount: 1 });
      expect(result.__typename === 'VariationInOrderHistoryError' && result.message).toMatch(/archive/);
      expect((await catalogRowCounts(t)).products).toBe(1);
    },
  );

  it('refuses while a variation has units on hand, with VariationHasStockError', async () => {
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { product } = await t.product({ variations: [{ sku: 'STK-1', stock: { [warehouse.id]: 4 }, reserved: { [warehouse.id]: 1 } }] });
    const result = await remove(t, product.id);
    expect(result).toMatchObject({ __typename: 'VariationHasStockError', sku: 'STK-1', onHand: 4, reserved: 1 });
    expect((await catalogRowCounts(t)).products).toBe(1);
  });

  it('reports open orders before order history', async () => {
    const t = await newTenant();
    const { product, variations } = await t.product({ variations: [{ sku: 'HIST-1' }, { sku: 'OPEN-1' }] });
    await t.order({ status: 'COMPLETED', items: [{ variationId: variations[0]!.id, quantity: 1 }] });
    await t.order({ status: 'PENDING', items: [{ variationId: variations[1]!.id, quantity: 1 }] });
    expect(await remove(t, product.id)).toMatchObject({ __typename: 'VariationInUseError', sku: 'OPEN-1' });
  });

  it("answers another tenant's product as not found and deletes nothing", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const { product } = await b.product();
    expect(await remove(a, product.id)).toMatchObject({ __typename: 'NotFoundError', entity: 'Product' });
    expect((await catalogRowCounts(b)).products).toBe(1);
  });
});
