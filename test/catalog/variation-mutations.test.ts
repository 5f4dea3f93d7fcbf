import { describe, expect, it } from 'vitest';
import {
  CatSkuCheckDocument,
  CatSkuGenerateDocument,
  CatVariationArchiveDocument,
  CatVariationCreateDocument,
  CatVariationDeleteDocument,
  CatVariationUnarchiveDocument,
  CatVariationUpdateDocument,
  type VariationCreateInput,
  type VariationUpdateInput,
} from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';
import { catalogRowCounts, gid } from './catalog-fixtures.js';

async function create(t: TestTenant, input: VariationCreateInput) {
  return (await query(t.key, CatVariationCreateDocument, { input })).variationCreate;
}
async function update(t: TestTenant, input: VariationUpdateInput) {
  return (await query(t.key, CatVariationUpdateDocument, { input })).variationUpdate;
}
async function remove(t: TestTenant, variationId: number) {
  return (await query(t.key, CatVariationDeleteDocument, { input: { variation: gid('Variation', variationId) } })).variationDelete;
}

describe('variationCreate', () => {
  it("adds a variation to a product, taking the product's weight when none is given", async () => {
    const t = await newTenant();
    const { product } = await t.product();
    await t.prisma.product.update({ where: { id: product.id }, data: { weightGrams: 250 } });
    const result = await create(t, { product: gid('Product', product.id), sku: 'NEW-XL', price: '7500', size: 'XL', costPrice: '5000.25' });
    expect(result).toMatchObject({
      __typename: 'VariationCreatePayload',
      variation: { sku: 'NEW-XL', size: 'XL', weightGrams: 250, price: '7500.00', costPrice: '5000.25', product: { id: gid('Product', product.id), variationCount: 2 } },
    });
  });

  it('refuses a SKU the tenant already uses with DuplicateSkuError, and writes nothing', async () => {
    const t = await newTenant();
    const { product, variations } = await t.product({ variations: [{ sku: 'TAKEN' }] });
    const result = await create(t, { product: gid('Product', product.id), sku: 'TAKEN', price: '1' });
    expect(result).toMatchObject({ __typename: 'DuplicateSkuError', sku: 'TAKEN', path: ['sku'], existingVariationId: gid('Variation', variations[0]!.id) });
    expect((await catalogRowCounts(t)).variations).toBe(1);
  });

  it('validates the fields with their paths before looking at the product', async () => {
    const t = await newTenant();
    const { product } = await t.product();
    const result = await create(t, { product: gid('Product', product.id), sku: 'x'.repeat(51), price: '1.999', weightGrams: 2_000_000 });
    expect(result.__typename).toBe('ValidationError');
    if (result.__typename !== 'ValidationError') return;
    expect(result.problems.map((p) => p.path)).toEqual([['sku'], ['price'], ['weightGrams']]);
  });

  it("answers another tenant's product as not found", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const { product } = await b.product();
    expect(await create(a, { product: gid('Product', product.id), sku: 'X-1', price: '1' })).toMatchObject({ __typename: 'NotFoundError', entity: 'Product' });
    expect((await catalogRowCounts(b)).variations).toBe(1);
  });
});

describe('variationUpdate', () => {
  it('changes only the fields given and clears the ones set to null', async () => {
    const t = await newTenant();
    const { variations } = await t.product({ variations: [{ sku: 'UPD-1', price: '100' }] });
    const id = gid('Variation', variations[0]!.id);
    await update(t, { variation: id, color: 'merah', costPrice: '50', images: ['https://a/1.jpg', 'https://a/2.jpg'], primaryImageIndex: 1 });
    const result = await update(t, { variation: id, sku: 'UPD-2', color: null, costPrice: null, available: false });
    expect(result).toMatchObject({
      variation: { sku: 'UPD-2', color: null, costPrice: null, price: '100.00', available: false, primaryImageIndex: 1, primaryImage: 'https://a/2.jpg' },
    });
  });

  it('keeps its own SKU without calling it a duplicate', async () => {
    const t = await newTenant();
    const { variations } = await t.product({ variations: [{ sku: 'SAME' }] });
    expect(await update(t, { variation: gid('Variation', variations[0]!.id), sku: 'SAME', price: '9' })).toMatchObject({ variation: { sku: 'SAME', price: '9.00' } });
  });

  it("refuses another variation's SKU with DuplicateSkuError and changes nothing", async () => {
    const t = await newTenant();
    const { variations } = await t.product({ variations: [{ sku: 'ONE' }, { sku: 'TWO' }] });
    const result = await update(t, { variation: gid('Variation', variations[1]!.id), sku: 'ONE', price: '99' });
    expect(result).toMatchObject({ __typename: 'DuplicateSkuError', sku: 'ONE', existingVariationId: gid('Variation', variations[0]!.id) });
    const row = await t.prisma.variation.findUniqueOrThrow({ where: { id: variations[1]!.id } });
    expect([row.sku, row.price.toString()]).toEqual(['TWO', '5000']);
  });

  it('checks the primary image index against the stored images when only the images change', async () => {
    const t = await newTenant();
    const { variations } = await t.product();
    const id = gid('Variation', variations[0]!.id);
    await update(t, { variation: id, images: ['https://a/1', 'https://a/2', 'https://a/3'], primaryImageIndex: 2 });
    const result = await update(t, { variation: id, images: ['https://a/1'] });
    expect(result).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['images'] }] });
  });

  it('refuses null for the SKU and the price', async () => {
    const t = await newTenant();
    const { variations } = await t.product();
    const result = await update(t, { variation: gid('Variation', variations[0]!.id), sku: null, price: null });
    expect(result.__typename === 'ValidationError' && result.problems.map((p) => p.path)).toEqual([['sku'], ['price']]);
  });

  it("answers another tenant's variation as not found", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const { variations } = await b.product({ variations: [{ sku: 'B-1' }] });
    expect(await update(a, { variation: gid('Variation', variations[0]!.id), sku: 'A-1' })).toMatchObject({ __typename: 'NotFoundError', entity: 'Variation' });
    expect((await b.prisma.variation.findUniqueOrThrow({ where: { id: variations[0]!.id } })).sku).toBe('B-1');
  });
});

describe.skipIf(!process.env.DATABASE_URL)('variationUpdate on PostgreSQL', () => {
  it('lets one of two variations renamed to the same SKU at once win; the other gets DuplicateSkuError', async () => {
    const t = await newTenant();
    const { variations } = await t.product({ variations: [{ sku: 'P-1' }, { sku: 'P-2' }, { sku: 'P-3' }, { sku: 'P-4' }] });
    const results = await Promise.all(variations.map((v) => update(t, { variation: gid('Variation', v.id), sku: 'WANTED' })));
    expect(results.filter((r) => r.__typename === 'VariationUpdatePayload')).toHaveLength(1);
    expect(results.filter((r) => r.__typename === 'DuplicateSkuError')).toHaveLength(3);
    expect(await t.prisma.variation.count({ where: { tenantId: t.id, sku: 'WANTED' } })).toBe(1);
  });
});

describe('variationArchive / variationUnarchive', () => {
  it('archives a variation, leaving it out of the product list, and brings it back', async () => {
    const t = await newTenant();
    const { product, variations } = await t.product({ variations: [{}, {}] });
    const input = { variation: gid('Variation', variations[0]!.id) };
    const archived = (await query(t.key, CatVariationArchiveDocument, { input })).variationArchive;
    expect(archived.__typename === 'VariationArchivePayload' && archived.variation.archivedAt).toBeTruthy();
    const row = await t.prisma.product.findUniqueOrThrow({ where: { id: product.id }, include: { variations: { where: { archivedAt: null } } } });
    expect(row.variations.map((v) => v.id)).toEqual([variations[1]!.id]);
    const back = (await query(t.key, CatVariationUnarchiveDocument, { input })).variationUnarchive;
    expect(back).toMatchObject({ variation: { archivedAt: null } });
  });

  it("answers another tenant's variation as not found", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const { variations } = await b.product();
    const result = (await query(a.key, CatVariationArchiveDocument, { input: { variation: gid('Variation', variations[0]!.id) } })).variationArchive;
    expect(result).toMatchObject({ __typename: 'NotFoundError' });
  });
});

describe('variationDelete', () => {
  it('deletes a variation without orders or stock, and frees its SKU', async () => {
    const t = await newTenant();
    const { product, variations } = await t.product({ variations: [{ sku: 'KEEP' }, { sku: 'GONE' }] });
    const result = await remove(t, variations[1]!.id);
    expect(result).toEqual({
      __typename: 'VariationDeletePayload',
      deletedVariationId: gid('Variation', variations[1]!.id),
      sku: 'GONE',
      product: { id: gid('Product', product.id), variationCount: 1 },
    });
    expect(await t.prisma.variation.count({ where: { tenantId: t.id, sku: 'GONE' } })).toBe(0);
  });

  it('refuses the last variation of a product with LastVariationError', async () => {
    const t = await newTenant();
    const { product, variations } = await t.product({ variations: [{ sku: 'ONLY' }] });
    expect(await remove(t, variations[0]!.id)).toMatchObject({
      __typename: 'LastVariationError',
      code: 'LAST_VARIATION',
      variationId: gid('Variation', variations[0]!.id),
      productId: gid('Product', product.id),
    });
  });

  it('refuses while an open order references it, with VariationInUseError naming the SKU', async () => {
    const t = await newTenant();
    const { variations } = await t.product({ variations: [{ sku: 'A' }, { sku: 'ON-ORDER' }] });
    await t.order({ status: 'PACKED', items: [{ variationId: variations[1]!.id, quantity: 1 }] });
    const before = await catalogRowCounts(t);
    expect(await remove(t, variations[1]!.id)).toMatchObject({ __typename: 'VariationInUseError', sku: 'ON-ORDER', openOrderCount: 1 });
    expect(await catalogRowCounts(t)).toEqual(before);
  });

  it('tells the client to archive instead when only finished orders name it', async () => {
    const t = await newTenant();
    const { variations } = await t.product({ variations: [{ sku: 'A' }, { sku: 'SOLD' }] });
    await t.order({ status: 'COMPLETED', items: [{ variationId: variations[1]!.id, quantity: 1 }] });
    await t.order({ status: 'RETURNED', items: [{ variationId: variations[1]!.id, quantity: 1 }] });
    expect(await remove(t, variations[1]!.id)).toMatchObject({ __typename: 'VariationInOrderHistoryError', sku: 'SOLD', orderCount: 2 });
  });

  it('refuses while it holds stock, with VariationHasStockError', async () => {
    const t = await newTenant();
    const [w1, w2] = [await t.warehouse(), await t.warehouse()];
    const { variations } = await t.product({ variations: [{ sku: 'A' }, { sku: 'STOCKED', stock: { [w1.id]: 2, [w2.id]: 5 } }] });
    expect(await remove(t, variations[1]!.id)).toMatchObject({ __typename: 'VariationHasStockError', sku: 'STOCKED', onHand: 7, reserved: 0 });
  });

  it("answers another tenant's variation as not found", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const { variations } = await b.product({ variations: [{}, {}] });
    expect(await remove(a, variations[0]!.id)).toMatchObject({ __typename: 'NotFoundError', entity: 'Variation' });
    expect((await catalogRowCounts(b)).variations).toBe(2);
  });
});

describe('skuGenerate', () => {
  it('suggests the seed 002 style SKU from the name and attributes', async () => {
    const t = await newTenant();
    const result = (await query(t.key, CatSkuGenerateDocument, { productName: 'Sepatu', attributes: ['Merah Muda', 'xl'] })).skuGenerate;
    expect(result).toEqual({ __typename: 'SkuSuggestion', sku: 'SEP-MER-XL', base: 'SEP-MER-XL' });
  });

  it('adds a counter when the base and earlier counters are taken in the tenant or excluded by the client', async () => {
    const t = await newTenant();
    await t.product({ variations: [{ sku: 'SEP-MER' }, { sku: 'SEP-MER-2' }] });
    const result = (await query(t.key, CatSkuGenerateDocument, { productName: 'Sepatu', attributes: ['merah'], exclude: ['SEP-MER-3'] })).skuGenerate;
    expect(result).toMatchObject({ sku: 'SEP-MER-4', base: 'SEP-MER' });
  });

  it("ignores another tenant's SKUs", async () => {
    const a = await newTenant();
    const b = await newTenant();
    await b.product({ variations: [{ sku: 'KAO' }] });
    expect((await query(a.key, CatSkuGenerateDocument, { productName: 'Kaos' })).skuGenerate).toMatchObject({ sku: 'KAO' });
  });

  it('refuses an empty product name with a ValidationError', async () => {
    const t = await newTenant();
    const result = (await query(t.key, CatSkuGenerateDocument, { productName: ' ' })).skuGenerate;
    expect(result).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['productName'] }] });
  });
});

describe('skuCheck', () => {
  it('tells whether a SKU is valid and free, counting the variation’s own SKU as free', async () => {
    const t = await newTenant();
    const { variations } = await t.product({ variations: [{ sku: 'SEP-PUT-KhX' }] });
    const taken = (await query(t.key, CatSkuCheckDocument, { sku: 'SEP-PUT-KhX' })).skuCheck;
    expect(taken).toEqual({ sku: 'SEP-PUT-KhX', valid: true, problems: [], available: false, existingVariation: { id: gid('Variation', variations[0]!.id), sku: 'SEP-PUT-KhX' } });
    const own = (await query(t.key, CatSkuCheckDocument, { sku: 'SEP-PUT-KhX', variation: gid('Variation', variations[0]!.id) })).skuCheck;
    expect(own).toMatchObject({ available: true, existingVariation: null });
    const invalid = (await query(t.key, CatSkuCheckDocument, { sku: 'no spaces' })).skuCheck;
    expect(invalid).toMatchObject({ valid: false, available: false });
    expect(invalid.problems).toHaveLength(1);
  });
});
