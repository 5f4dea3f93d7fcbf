import { describe, expect, it } from 'vitest';
import {
  CatProductCategoryCreateDocument,
  CatProductCategoryDeleteDocument,
  CatProductCategoryUpdateDocument,
  CatSupplierCreateDocument,
  CatSupplierDeleteDocument,
  CatSupplierUpdateDocument,
  type ProductCategoryCreateInput,
  type ProductCategoryUpdateInput,
  type SupplierCreateInput,
  type SupplierUpdateInput,
} from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';
import { catalogRowCounts, gid } from './catalog-fixtures.js';

const createCategory = async (t: TestTenant, input: ProductCategoryCreateInput) =>
  (await query(t.key, CatProductCategoryCreateDocument, { input })).productCategoryCreate;
const updateCategory = async (t: TestTenant, input: ProductCategoryUpdateInput) =>
  (await query(t.key, CatProductCategoryUpdateDocument, { input })).productCategoryUpdate;
const deleteCategory = async (t: TestTenant, id: number) =>
  (await query(t.key, CatProductCategoryDeleteDocument, { input: { productCategory: gid('ProductCategory', id) } })).productCategoryDelete;
const createSupplier = async (t: TestTenant, input: SupplierCreateInput) => (await query(t.key, CatSupplierCreateDocument, { input })).supplierCreate;
const updateSupplier = async (t: TestTenant, input: SupplierUpdateInput) => (await query(t.key, CatSupplierUpdateDocument, { input })).supplierUpdate;
const deleteSupplier = async (t: TestTenant, id: number) =>
  (await query(t.key, CatSupplierDeleteDocument, { input: { supplier: gid('Supplier', id) } })).supplierDelete;

/** A chain of categories a > b > c of the tenant. */
async function chain(t: TestTenant) {
  const a = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'A' } });
  const b = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'B', parentId: a.id } });
  const c = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'C', parentId: b.id } });
  return { a, b, c };
}

describe('productCategoryCreate', () => {
  it('creates a top-level category and one under it', async () => {
    const t = await newTenant();
    const top = await createCategory(t, { name: ' FASHION ' });
    expect(top).toMatchObject({ __typename: 'ProductCategoryCreatePayload', productCategory: { name: 'FASHION', parent: null } });
    if (top.__typename !== 'ProductCategoryCreatePayload') return;
    const child = await createCategory(t, { name: 'GAMIS', parent: top.productCategory.id });
    expect(child).toMatchObject({ productCategory: { name: 'GAMIS', parent: { id: top.productCategory.id, name: 'FASHION' } } });
  });

  it('refuses a name the tenant already uses with DuplicateProductCategoryNameError', async () => {
    const t = await newTenant();
    const existing = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'BOOKS' } });
    expect(await createCategory(t, { name: 'BOOKS' })).toMatchObject({
      __typename: 'DuplicateProductCategoryNameError',
      code: 'DUPLICATE_PRODUCT_CATEGORY_NAME',
      name: 'BOOKS',
      existingProductCategoryId: gid('ProductCategory', existing.id),
    });
    expect((await catalogRowCounts(t)).categories).toBe(1);
  });

  it('refuses an empty name, and a parent of another tenant as not found', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const foreign = await b.prisma.productCategory.create({ data: { tenantId: b.id, name: 'B' } });
    expect(await createCategory(a, { name: '' })).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['name'] }] });
    expect(await createCategory(a, { name: 'X', parent: gid('ProductCategory', foreign.id) })).toMatchObject({ __typename: 'NotFoundError' });
    expect((await catalogRowCounts(a)).categories).toBe(0);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('productCategoryCreate on PostgreSQL', () => {
  it('lets one of several concurrent creates of one name win', async () => {
    const t = await newTenant();
    const results = await Promise.all(Array.from({ length: 5 }, () => createCategory(t, { name: 'SAME' })));
    expect(results.filter((r) => r.__typename === 'ProductCategoryCreatePayload')).toHaveLength(1);
    expect(results.filter((r) => r.__typename === 'DuplicateProductCategoryNameError')).toHaveLength(4);
  });
});

describe('productCategoryUpdate', () => {
  it('renames a category and moves it to the top', async () => {
    const t = await newTenant();
    const { b } = await chain(t);
    expect(await updateCategory(t, { productCategory: gid('ProductCategory', b.id), name: 'B2', parent: null })).toMatchObject({
      productCategory: { name: 'B2', parent: null },
    });
  });

  it.each([
    ['itself', 'a', 'a', 'a category cannot be its own parent'],
    ['its child', 'a', 'b', 'would put the category under one of its own sub-categories'],
    ['its grandchild', 'a', 'c', 'would put the category under one of its own sub-categories'],
  ] as const)('refuses to put a category under %s', async (_name, moved, parent, message) => {
    const t = await newTenant();
    const tree = await chain(t);
    const result = await updateCategory(t, { productCategory: gid('ProductCategory', tree[moved].id), parent: gid('ProductCategory', tree[parent].id) });
    expect(result).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['parent'], message }] });
    expect((await t.prisma.productCategory.findUniqueOrThrow({ where: { id: tree[moved].id } })).parentId).toBe(null);
  });

  it('moves a category under a sibling branch', async () => {
    const t = await newTenant();
    const { a, c } = await chain(t);
    const d = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'D' } });
    expect(await updateCategory(t, { productCategory: gid('ProductCategory', d.id), parent: gid('ProductCategory', c.id) })).toMatchObject({
      productCategory: { parent: { name: 'C' } },
    });
    expect(a.parentId).toBeNull();
  });

  it("refuses another category's name, and answers another tenant's category as not found", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const { b: second } = await chain(a);
    const foreign = await b.prisma.productCategory.create({ data: { tenantId: b.id, name: 'Z' } });
    expect(await updateCategory(a, { productCategory: gid('ProductCategory', second.id), name: 'A' })).toMatchObject({
      __typename: 'DuplicateProductCategoryNameError',
    });
    expect(await updateCategory(a, { productCategory: gid('ProductCategory', foreign.id), name: 'Mine' })).toMatchObject({ __typename: 'NotFoundError' });
  });
});

describe('productCategoryDelete', () => {
  it('deletes an unused category', async () => {
    const t = await newTenant();
    const { c } = await chain(t);
    expect(await deleteCategory(t, c.id)).toEqual({ __typename: 'ProductCategoryDeletePayload', deletedProductCategoryId: gid('ProductCategory', c.id), name: 'C' });
    expect((await catalogRowCounts(t)).categories).toBe(2);
  });

  it('refuses while products (archived ones too) or sub-categories are filed under it', async () => {
    const t = await newTenant();
    const { b } = await chain(t);
    const { product } = await t.product({ categoryId: b.id });
    await t.prisma.product.update({ where: { id: product.id }, data: { archivedAt: new Date() } });
    expect(await deleteCategory(t, b.id)).toMatchObject({
      __typename: 'ProductCategoryInUseError',
      code: 'PRODUCT_CATEGORY_IN_USE',
      productCategoryId: gid('ProductCategory', b.id),
      productCount: 1,
      childCount: 1,
    });
    expect((await catalogRowCounts(t)).categories).toBe(3);
  });

  it("answers another tenant's category as not found", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const foreign = await b.prisma.productCategory.create({ data: { tenantId: b.id, name: 'Z' } });
    expect(await deleteCategory(a, foreign.id)).toMatchObject({ __typename: 'NotFoundError' });
    expect((await catalogRowCounts(b)).categories).toBe(1);
  });
});

describe('supplierCreate', () => {
  it('creates a supplier with every seed field', async () => {
    const t = await newTenant();
    const region = await t.region('Cengkareng');
    const result = await createSupplier(t, {
      name: 'Sejahtera Makmur',
      phone: '08123456789',
      email: 'halo@sejahtera.id',
      address: 'JL. ABC',
      region: gid('Region', region.id),
      postalCode: '11730',
      notes: 'Kain katun',
    });
    expect(result).toMatchObject({
      __typename: 'SupplierCreatePayload',
      supplier: {
        name: 'Sejahtera Makmur',
        phone: '08123456789',
        email: 'halo@sejahtera.id',
        address: 'JL. ABC',
        postalCode: '11730',
        notes: 'Kain katun',
        region: { id: gid('Region', region.id), name: 'Cengkareng' },
      },
    });
  });

  it('reports every problem with its path and writes nothing', async () => {
    const t = await newTenant();
    const result = await createSupplier(t, { name: '', phone: 'call me', email: 'nope', postalCode: '!' });
    expect(result.__typename === 'ValidationError' && result.problems.map((p) => p.path)).toEqual([['name'], ['phone'], ['email'], ['postalCode']]);
    expect((await catalogRowCounts(t)).suppliers).toBe(0);
  });

  it("answers another tenant's region as not found", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const region = await b.region();
    expect(await createSupplier(a, { name: 'X', region: gid('Region', region.id) })).toMatchObject({ __typename: 'NotFoundError', entity: 'Region' });
  });
});

describe('supplierUpdate', () => {
  it('changes only the fields given and clears the ones set to null', async () => {
    const t = await newTenant();
    const supplier = await t.prisma.supplier.create({ data: { tenantId: t.id, name: 'Lama', phone: '0811111', notes: 'x' } });
    const result = await updateSupplier(t, { supplier: gid('Supplier', supplier.id), name: 'Baru', notes: null });
    expect(result).toMatchObject({ supplier: { name: 'Baru', phone: '0811111', notes: null } });
  });

  it("answers another tenant's supplier as not found", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const supplier = await b.prisma.supplier.create({ data: { tenantId: b.id, name: 'B' } });
    expect(await updateSupplier(a, { supplier: gid('Supplier', supplier.id), name: 'Mine' })).toMatchObject({ __typename: 'NotFoundError' });
    expect((await b.prisma.supplier.findUniqueOrThrow({ where: { id: supplier.id } })).name).toBe('B');
  });
});

describe('supplierDelete', () => {
  it('deletes a supplier no product names', async () => {
    const t = await newTenant();
    const supplier = await t.prisma.supplier.create({ data: { tenantId: t.id, name: 'Pergi' } });
    expect(await deleteSupplier(t, supplier.id)).toEqual({ __typename: 'SupplierDeletePayload', deletedSupplierId: gid('Supplier', supplier.id), name: 'Pergi' });
    expect((await catalogRowCounts(t)).suppliers).toBe(0);
  });

  it('refuses while products name it, with SupplierInUseError', async () => {
    const t = await newTenant();
    const supplier = await t.prisma.supplier.create({ data: { tenantId: t.id, name: 'Dipakai' } });
    const { product } = await t.product({ stockType: 'SUPPLIER' });
    await t.prisma.product.update({ where: { id: product.id }, data: { supplierId: supplier.id } });
    expect(await deleteSupplier(t, supplier.id)).toMatchObject({
      __typename: 'SupplierInUseError',
      code: 'SUPPLIER_IN_USE',
      supplierId: gid('Supplier', supplier.id),
      productCount: 1,
    });
    expect((await catalogRowCounts(t)).suppliers).toBe(1);
  });

  it("answers another tenant's supplier as not found", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const supplier = await b.prisma.supplier.create({ data: { tenantId: b.id, name: 'B' } });
    expect(await deleteSupplier(a, supplier.id)).toMatchObject({ __typename: 'NotFoundError' });
  });
});
