// variationPricesSet and Variation.priceFor through the API, and priceForLines as
// the order helper calls it (constant statements for many lines).
import { describe, expect, it } from 'vitest';
import {
  PricingPriceForDocument,
  PricingPriceForListDocument,
  PricingProductWholesaleSetDocument,
  PricingVariationPricesSetDocument,
} from '../generated/graphql.js';
import type { VariationPricesSetInput } from '../generated/graphql.js';
import { countStatements, execute, query } from '../support/execute.js';
import { testApp } from '../support/app.js';
import { newTenant, type TestTenant } from '../support/tenant.js';
import { priceForLines } from '../../src/catalog/pricing/price-lines.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function pricesSet(t: TestTenant, input: VariationPricesSetInput) {
  return (await query(t.key, PricingVariationPricesSetDocument, { input })).variationPricesSet;
}

async function priceRows(t: TestTenant, variationId: number) {
  const [variation, categoryPrices, tiers] = await Promise.all([
    t.prisma.variation.findUniqueOrThrow({ where: { id: variationId }, select: { price: true } }),
    t.prisma.variationPrice.findMany({ where: { variationId }, orderBy: { customerCategoryId: 'asc' }, select: { customerCategoryId: true, price: true } }),
    t.prisma.wholesalePrice.findMany({ where: { variationId }, orderBy: { minQty: 'asc' }, select: { minQty: true, maxQty: true, price: true } }),
  ]);
  return {
    price: variation.price.toFixed(2),
    categoryPrices: categoryPrices.map((p) => [p.customerCategoryId, p.price.toFixed(2)]),
    tiers: tiers.map((w) => [w.minQty, w.maxQty, w.price.toFixed(2)]),
  };
}

/** A shop with categories N (wholesale access), Y (reseller, own price 8500), D (no wholesale access, own price 9000). */
async function pricedShop() {
  const t = await newTenant();
  const n = await t.prisma.customerCategory.create({ data: { tenantId: t.id, code: 'N', name: 'Pelanggan', wholesaleAccess: true } });
  const y = await t.prisma.customerCategory.create({ data: { tenantId: t.id, code: 'Y', name: 'Reseller', wholesaleAccess: true } });
  const d = await t.prisma.customerCategory.create({ data: { tenantId: t.id, code: 'D', name: 'Dropshipper', wholesaleAccess: false, discountAccess: false } });
  const { product, variations } = await t.product({ variations: [{ price: '12000' }] });
  const variation = variations[0]!;
  const result = await pricesSet(t, {
    variation: gid('Variation', variation.id),
    basePrice: '10000',
    categoryPrices: [
      { categoryCode: 'Y', price: '8500' },
      { category: gid('CustomerCategory', d.id), price: '9000' },
    ],
    wholesaleTiers: [
      { minQty: 50, price: '8000' },
      { minQty: 10, maxQty: 49, price: '9000' },
    ],
  });
  expect(result.__typename).toBe('VariationPricesSetPayload');
  const customers = {
    guest: null,
    N: (await t.customer({ categoryId: n.id })).id,
    Y: (await t.customer({ categoryId: y.id })).id,
    D: (await t.customer({ categoryId: d.id })).id,
    none: (await t.customer()).id,
  };
  return { t, product, variation, categories: { n, y, d }, customers };
}

describe('variationPricesSet', () => {
  it('sets the base price, category prices by id or code and wholesale tiers, and answers with the new lists', async () => {
    const { t, variation, categories } = await pricedShop();
    expect(await priceRows(t, variation.id)).toEqual({
      price: '10000.00',
      categoryPrices: [
        [categories.y.id, '8500.00'],
        [categories.d.id, '9000.00'],
      ],
      tiers: [
        [10, 49, '9000.00'],
        [50, null, '8000.00'],
      ],
    });
    const again = await pricesSet(t, { variation: gid('Variation', variation.id), categoryPrices: [{ categoryCode: 'N', price: '9999.99' }] });
    if (again.__typename !== 'VariationPricesSetPayload') throw new Error(again.__typename);
    expect(again.variation).toMatchObject({
      price: '10000.00',
      categoryPrices: [{ price: '9999.99', customerCategory: { code: 'N' } }],
      wholesalePrices: [
        { minQty: 10, maxQty: 49, price: '9000.00' },
        { minQty: 50, maxQty: null, price: '8000.00' },
      ],
    });
  });

  it('replaces a list completely and clears it with an empty list, leaving lists not given untouched', async () => {
    const { t, variation, categories } = await pricedShop();
    await pricesSet(t, { variation: gid('Variation', variation.id), wholesaleTiers: [{ minQty: 5, price: '9500' }] });
    let rows = await priceRows(t, variation.id);
    expect(rows.tiers).toEqual([[5, null, '9500.00']]);
    expect(rows.categoryPrices).toHaveLength(2);
    await pricesSet(t, { variation: gid('Variation', variation.id), categoryPrices: [], wholesaleTiers: [] });
    rows = await priceRows(t, variation.id);
    expect(rows).toEqual({ price: '10000.00', categoryPrices: [], tiers: [] });
    expect(categories.y.id).toBeGreaterThan(0);
  });

  it.each([
    [
      'overlapping tiers, naming both paths',
      { wholesaleTiers: [{ minQty: 1, maxQty: 10, price: '9000' }, { minQty: 20, price: '8000' }, { minQty: 10, maxQty: 15, price: '8500' }] },
      [{ path: ['wholesaleTiers', '2', 'minQty'], message: 'tier 10-15 overlaps wholesaleTiers.0 (1-10)' }],
    ],
    [
      'an open tier swallowing a later one',
      { wholesaleTiers: [{ minQty: 10, price: '9000' }, { minQty: 50, maxQty: 99, price: '8000' }] },
      [{ path: ['wholesaleTiers', '1', 'minQty'], message: 'tier 50-99 overlaps wholesaleTiers.0 (10+)' }],
    ],
    [
      'two tiers with the same minimum',
      { wholesaleTiers: [{ minQty: 10, maxQty: 20, price: '9000' }, { minQty: 10, maxQty: 30, price: '8000' }] },
      [{ path: ['wholesaleTiers', '1', 'minQty'], message: 'tier 10-30 overlaps wholesaleTiers.0 (10-20)' }],
    ],
    [
      'a minimum below 1, a maximum below the minimum and bad tier prices',
      {
        wholesaleTiers: [
          { minQty: 0, price: '9000' },
          { minQty: 20, maxQty: 19, price: '0' },
          { minQty: 30, maxQty: 40, price: '8000.123' },
        ],
      },
      [
        { path: ['wholesaleTiers', '0', 'minQty'], message: 'must be at least 1' },
        { path: ['wholesaleTiers', '1', 'maxQty'], message: 'must be at least minQty (20)' },
        { path: ['wholesaleTiers', '1', 'price'], message: 'must be greater than 0' },
        { path: ['wholesaleTiers', '2', 'price'], message: 'must have at most 2 decimal places' },
      ],
    ],
    [
      'a negative base price and a category named twice or not at all',
      {
        basePrice: '-1',
        categoryPrices: [{ categoryCode: 'Y', price: '8000' }, { categoryCode: 'Y', price: '7000' }, { price: '1' }],
      },
      [
        { path: ['basePrice'], message: 'must be greater than 0' },
        { path: ['categoryPrices', '2'], message: 'give either category or categoryCode' },
        { path: ['categoryPrices', '1', 'categoryCode'], message: 'the same category as categoryPrices.0' },
      ],
    ],
    ['nothing to set', {}, [{ path: [], message: 'give basePrice, categoryPrices or wholesaleTiers' }]],
    [
      'an unknown category code',
      { basePrice: '11000', categoryPrices: [{ categoryCode: 'NOPE', price: '8000' }] },
      [{ path: ['categoryPrices', '0', 'categoryCode'], message: 'no customer category has the code "NOPE"' }],
    ],
  ] as const)('refuses %s with every problem and its path, writing nothing', async (_name, change, problems) => {
    const { t, variation } = await pricedShop();
    const before = await priceRows(t, variation.id);
    const result = await pricesSet(t, { variation: gid('Variation', variation.id), ...(change as Partial<VariationPricesSetInput>) });
    if (result.__typename !== 'ValidationError') throw new Error(`expected ValidationError, got ${result.__typename}`);
    expect(result.problems).toEqual(problems);
    expect(await priceRows(t, variation.id)).toEqual(before);
  });

  it("answers NotFoundError for another tenant's variation or category and changes neither tenant", async () => {
    const { t, variation } = await pricedShop();
    const other = await pricedShop();
    const before = await priceRows(other.t, other.variation.id);
    const foreignVariation = await pricesSet(t, { variation: gid('Variation', other.variation.id), basePrice: '1' });
    expect(foreignVariation).toMatchObject({ __typename: 'NotFoundError', entity: 'Variation' });
    const foreignCategory = await pricesSet(t, {
      variation: gid('Variation', variation.id),
      basePrice: '1',
      categoryPrices: [{ category: gid('CustomerCategory', other.categories.y.id), price: '5' }],
    });
    expect(foreignCategory).toMatchObject({ __typename: 'NotFoundError', entity: 'CustomerCategory' });
    expect((await priceRows(t, variation.id)).price).toBe('10000.00');
    expect(await priceRows(other.t, other.variation.id)).toEqual(before);
  });

  it('writes in the same number of statements for 1 or 20 tiers and categories', async () => {
    const { t, variation } = await pricedShop();
    const categories = await Promise.all(Array.from({ length: 20 }, (_, i) => t.customerCategory({ code: `K${i}` })));
    const input = (n: number): VariationPricesSetInput => ({
      variation: gid('Variation', variation.id),
      basePrice: '10000',
      categoryPrices: categories.slice(0, n).map((c) => ({ category: gid('CustomerCategory', c.id), price: '9000' })),
      wholesaleTiers: Array.from({ length: n }, (_, i) => ({ minQty: i * 10 + 1, maxQty: i * 10 + 10, price: '8000' })),
    });
    const one = await countStatements(() => pricesSet(t, input(1)));
    const twenty = await countStatements(() => pricesSet(t, input(20)));
    expect(twenty.result.__typename).toBe('VariationPricesSetPayload');
    expect(twenty.count).toBe(one.count);
    console.info(`variationPricesSet: ${one.count} statements with 1 category price and 1 tier, ${twenty.count} with 20 and 20`);
    const rows = await priceRows(t, variation.id);
    expect([rows.categoryPrices.length, rows.tiers.length]).toEqual([20, 20]);
  });

  it('refuses an id of the wrong type as a bad input', async () => {
    const { t, variation } = await pricedShop();
    const result = await execute(t.key, PricingVariationPricesSetDocument, {
      input: { variation: gid('Product', variation.id), basePrice: '1' },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('productWholesaleSet', () => {
  it('sets the same tiers on every variation of the product that is not archived', async () => {
    const t = await newTenant();
    const { product, variations } = await t.product({ variations: [{ price: '10000' }, { price: '11000' }, { price: '12000' }] });
    await t.prisma.variation.update({ where: { id: variations[2]!.id }, data: { archivedAt: new Date() } });
    await pricesSet(t, { variation: gid('Variation', variations[2]!.id), wholesaleTiers: [{ minQty: 3, price: '1' }] });
    const { productWholesaleSet: result } = await query(t.key, PricingProductWholesaleSetDocument, {
      input: { product: gid('Product', product.id), wholesaleTiers: [{ minQty: 12, maxQty: 23, price: '9000' }, { minQty: 24, price: '8500' }] },
    });
    if (result.__typename !== 'ProductWholesaleSetPayload') throw new Error(result.__typename);
    expect(result.variationCount).toBe(2);
    expect(result.product.wholesaleMinQty).toBe(12);
    expect(result.product.variations.map((v) => v.wholesalePrices.map((w) => [w.minQty, w.maxQty, w.price]))).toEqual([
      [[12, 23, '9000.00'], [24, null, '8500.00']],
      [[12, 23, '9000.00'], [24, null, '8500.00']],
      [[3, null, '1.00']],
    ]);
  });

  it("refuses overlapping tiers with their paths and another tenant's product as not found, writing nothing", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const { product } = await t.product();
    const theirs = await other.product();
    const overlap = await query(t.key, PricingProductWholesaleSetDocument, {
      input: { product: gid('Product', product.id), wholesaleTiers: [{ minQty: 5, price: '9000' }, { minQty: 1, maxQty: 5, price: '9500' }] },
    });
    expect(overlap.productWholesaleSet).toMatchObject({
      __typename: 'ValidationError',
      problems: [{ path: ['wholesaleTiers', '1', 'minQty'], message: 'tier 1-5 overlaps wholesaleTiers.0 (5+)' }],
    });
    const foreign = await query(t.key, PricingProductWholesaleSetDocument, {
      input: { product: gid('Product', theirs.product.id), wholesaleTiers: [{ minQty: 2, price: '1' }] },
    });
    expect(foreign.productWholesaleSet).toMatchObject({ __typename: 'NotFoundError', entity: 'Product' });
    expect(await t.prisma.wholesalePrice.count({ where: { tenantId: { in: [t.id, other.id] } } })).toBe(0);
  });
});

describe('Variation.priceFor', () => {
  it.each([
    ['guest', 1, '10000.00', 'BASE', null],
    ['guest', 10, '9000.00', 'WHOLESALE', 10],
    ['guest', 50, '8000.00', 'WHOLESALE', 50],
    ['none', 49, '9000.00', 'WHOLESALE', 10],
    ['N', 9, '10000.00', 'BASE', null],
    ['N', 50, '8000.00', 'WHOLESALE', 50],
    ['Y', 1, '8500.00', 'CATEGORY', null],
    ['Y', 10, '8500.00', 'CATEGORY', null],
    ['Y', 60, '8000.00', 'WHOLESALE', 50],
    ['D', 1, '9000.00', 'CATEGORY', null],
    ['D', 100, '9000.00', 'CATEGORY', null],
  ] as const)('gives customer %s buying %i a unit price of %s (%s)', async (buyer, quantity, unitPrice, source, tierMin) => {
    const { t, variation, customers } = await pricedShop();
    const customerId = customers[buyer];
    const data = await query(t.key, PricingPriceForDocument, {
      id: gid('Variation', variation.id),
      customer: customerId === null ? null : gid('Customer', customerId),
      quantity,
    });
    const quote = data.variation!.priceFor;
    expect(quote).toMatchObject({ unitPrice, source, quantity, basePrice: '10000.00', currency: 'IDR' });
    expect(quote.tier?.minQty ?? null).toBe(tierMin);
    expect(quote.lineTotal).toBe((Number(unitPrice) * quantity).toFixed(2));
    expect(quote.category?.code ?? null).toBe(buyer === 'guest' || buyer === 'none' ? null : buyer);
    expect(quote.discountAccess).toBe(buyer !== 'D');
    expect(quote.reason.length).toBeGreaterThan(5);
  });

  it("refuses another tenant's customer as not found, and a quantity below 1 as bad input", async () => {
    const { t, variation } = await pricedShop();
    const other = await pricedShop();
    const foreign = await execute(t.key, PricingPriceForDocument, {
      id: gid('Variation', variation.id),
      customer: gid('Customer', other.customers.Y),
      quantity: 1,
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(foreign)).not.toContain('8500');
    const zero = await execute(t.key, PricingPriceForDocument, { id: gid('Variation', variation.id), quantity: 0 });
    expect(zero.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('prices a whole list of variations in a constant number of statements', async () => {
    const { t, customers } = await pricedShop();
    const many = await t.product({ variations: Array.from({ length: 8 }, () => ({ price: '7000' })) });
    await pricesSet(t, { variation: gid('Variation', many.variations[0]!.id), wholesaleTiers: [{ minQty: 2, price: '6000' }] });
    const one = await countStatements(() => query(t.key, PricingPriceForListDocument, { customer: gid('Customer', customers.N), quantity: 3 }));
    const nodes = one.result.variations.edges.map((e) => e.node);
    expect(nodes).toHaveLength(9);
    expect(nodes.filter((n) => n.priceFor.source === 'WHOLESALE').map((n) => n.priceFor.unitPrice)).toEqual(['6000.00']);
    expect(one.result.products.edges.map((e) => e.node.wholesaleMinQty).sort()).toEqual([10, 2]);
    await t.product({ variations: Array.from({ length: 20 }, () => ({ price: '7000' })) });
    const more = await countStatements(() => query(t.key, PricingPriceForListDocument, { customer: gid('Customer', customers.N), quantity: 3 }));
    expect(more.result.variations.edges).toHaveLength(29);
    expect(more.count).toBe(one.count);
    console.info(`priceFor over a list: ${one.count} statements for 9 variations, ${more.count} for 29`);
    const nested = `query($c: ID) { variations(first: 50) { edges { node { priceFor(customer: $c, quantity: 60) { tier { minQty } category { code } } } } } }`;
    const withTiers = await countStatements(() => query<any, any>(t.key, nested, { c: gid('Customer', customers.N) }));
    expect(withTiers.result.variations.edges.filter((e: any) => e.node.priceFor.tier).length).toBe(2);
    await t.product({ variations: Array.from({ length: 10 }, () => ({ price: '7000' })) });
    const withMore = await countStatements(() => query<any, any>(t.key, nested, { c: gid('Customer', customers.N) }));
    expect(withMore.count).toBe(withTiers.count);
  });
});

describe('priceForLines', () => {
  it('resolves many lines in line order with two statements, and rejects unknown ids as not found', async () => {
    const { t, variation, customers } = await pricedShop();
    const { app } = await testApp();
    const others = await t.product({ variations: Array.from({ length: 5 }, () => ({ price: '7000' })) });
    const lines = [
      { variationId: variation.id, quantity: 1 },
      ...others.variations.map((v) => ({ variationId: v.id, quantity: 2 })),
      { variationId: variation.id, quantity: 60 },
    ];
    const { result, count } = await countStatements(() => priceForLines(app.db.forTenant(t.id), t.id, customers.Y, lines));
    expect(count).toBe(2);
    expect(result.map((r) => [r.variationId, r.unitPrice.toFixed(2), r.source])).toEqual([
      [variation.id, '8500.00', 'CATEGORY'],
      ...others.variations.map((v) => [v.id, '7000.00', 'BASE']),
      [variation.id, '8000.00', 'WHOLESALE'],
    ]);
    expect(result[0]).toMatchObject({ category: { code: 'Y' }, discountAccess: true, currency: 'IDR' });

    const guest = await countStatements(() => priceForLines(app.db.forTenant(t.id), t.id, null, lines));
    expect(guest.count).toBe(1);
    expect(guest.result[0]).toMatchObject({ category: null, discountAccess: true });

    const other = await pricedShop();
    await expect(priceForLines(app.db.forTenant(t.id), t.id, other.customers.Y, lines)).rejects.toMatchObject({ code: 'NOT_FOUND', entity: 'Customer' });
    await expect(priceForLines(app.db.forTenant(t.id), t.id, null, [{ variationId: other.variation.id, quantity: 1 }])).rejects.toMatchObject({
      code: 'NOT_FOUND',
      entity: 'Variation',
    });
    expect(await priceForLines(app.db.forTenant(t.id), t.id, null, [])).toEqual([]);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('variationPricesSet under concurrency (PostgreSQL)', () => {
  it('lets parallel sets of one variation take turns: the final lists are one caller\'s, whole', async () => {
    const { t, variation } = await pricedShop();
    const inputs = Array.from({ length: 12 }, (_, i) => ({
      variation: gid('Variation', variation.id),
      basePrice: String(20000 + i),
      categoryPrices: [{ categoryCode: 'Y', price: String(15000 + i) }, { categoryCode: 'N', price: String(16000 + i) }],
      wholesaleTiers: [{ minQty: 10, maxQty: 19, price: String(14000 + i) }, { minQty: 20, price: String(13000 + i) }],
    }));
    const results = await Promise.all(inputs.map((input) => pricesSet(t, input)));
    expect(results.map((r) => r.__typename)).toEqual(inputs.map(() => 'VariationPricesSetPayload'));
    const rows = await priceRows(t, variation.id);
    const i = Number(rows.price) - 20000;
    expect(rows.categoryPrices.map((p) => p[1])).toEqual(expect.arrayContaining([`${15000 + i}.00`, `${16000 + i}.00`]));
    expect(rows.categoryPrices).toHaveLength(2);
    expect(rows.tiers).toEqual([
      [10, 19, `${14000 + i}.00`],
      [20, null, `${13000 + i}.00`],
    ]);
  });
});
