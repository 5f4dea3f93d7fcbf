// Product.variationsConnection: a product's variations as a connection with
// filter, orderBy, totalCount and cursors, as a product page or an admin table reads it.
import { describe, expect, it } from 'vitest';
import { execute } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function gql<T>(t: TestTenant, document: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await execute<T, Record<string, unknown>>(t.key, document, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { sku: string } }>;
}

const PAGE = `query ($id: ID!, $first: Int, $after: String, $filter: ProductVariationFilter, $orderBy: VariationOrderBy) {
  product(id: $id) { variationsConnection(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { sku } } } } }`;

describe('Product.variationsConnection', () => {
  it('pages, counts, filters and sorts one product’s variations; archived ones only when asked', async () => {
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { product, variations } = await t.product({
      variations: [
        { sku: 'VC-M', price: '30000', stock: { [warehouse.id]: 5 } },
        { sku: 'VC-S', price: '10000', stock: { [warehouse.id]: 0 } },
        { sku: 'VC-XL', price: '50000', stock: { [warehouse.id]: 2 } },
        { sku: 'VC-L', price: '40000', stock: { [warehouse.id]: 1 } },
      ],
    });
    // Another product's variations never show.
    await t.product({ variations: [{ sku: 'OTHER-1', price: '1000' }] });
    const archived = await gql<{ variationArchive: { __typename: string } }>(
      t,
      `mutation { variationArchive(input: { variation: "${gid('Variation', variations[3]!.id)}" }) { __typename } }`,
    );
    expect(archived.variationArchive.__typename).toBe('VariationArchivePayload');
    const page = async (variables: Record<string, unknown>) =>
      (await gql<{ product: { variationsConnection: Page } }>(t, PAGE, { id: gid('Product', product.id), ...variables })).product.variationsConnection;
    const skus = (p: Page) => p.edges.map((e) => e.node.sku);

    // Oldest first, archived VC-L left out; two per page.
    const first = await page({ first: 2 });
    expect([first.totalCount, skus(first), first.pageInfo.hasNextPage]).toEqual([3, ['VC-M', 'VC-S'], true]);
    const second = await page({ first: 2, after: first.pageInfo.endCursor });
    expect([second.totalCount, skus(second), second.pageInfo.hasNextPage]).toEqual([3, ['VC-XL'], false]);

    expect(skus(await page({ orderBy: { field: 'PRICE', direction: 'DESC' } }))).toEqual(['VC-XL', 'VC-M', 'VC-S']);
    expect(skus(await page({ orderBy: { field: 'SKU' } }))).toEqual(['VC-M', 'VC-S', 'VC-XL']);
    const archivedOnly = await page({ filter: { archived: true } });
    expect([archivedOnly.totalCount, skus(archivedOnly)]).toEqual([1, ['VC-L']]);
    const inStock = await page({ filter: { inStock: true } });
    expect([inStock.totalCount, skus(inStock)]).toEqual([2, ['VC-M', 'VC-XL']]);
    const soldOut = await page({ filter: { inStock: false } });
    expect(skus(soldOut)).toEqual(['VC-S']);
    expect(skus(await page({ filter: { search: 'xl' } }))).toEqual(['VC-XL']);

    const tooMany = await execute(t.key, PAGE, { id: gid('Product', product.id), first: 101 });
    expect(tooMany.errors?.[0]?.message).toMatch(/100/);
  });
});
