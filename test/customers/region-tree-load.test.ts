// The region tree loader (npm run regions:load): Indonesia's tree from the
// idn-area-data package, upserted into a tenant's regions by code, read back
// through the API. A province's slice keeps the tests quick.
import { describe, expect, it } from 'vitest';
import { checkTree, loadRegionTree, planRegionTree, readRegionTree, RegionTreeError, type RegionTree } from '../../src/customers/region-tree-loader.js';
import { testApp } from '../support/app.js';
import { query } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';

const REGIONS = /* GraphQL */ `
  query TreeRegions($filter: RegionFilter, $first: Int) {
    regions(filter: $filter, first: $first) {
      totalCount
      edges { node { id level code name isoCode postalCodes parent { code name } children { code name } } }
    }
  }
`;

async function regions(key: string, filter: Record<string, unknown>, first = 10) {
  const { regions } = await query<any, any>(key, REGIONS, { filter, first });
  return { totalCount: regions.totalCount, nodes: regions.edges.map((e: { node: unknown }) => e.node) };
}

describe('regions:load', () => {
  it('loads a province down to its districts twice: the second run writes nothing and the rows stay the same', async () => {
    const { fixtures } = await testApp();
    const t = await newTenant();
    const tree = await readRegionTree({ provinces: ['75'], levels: 'districts' });
    expect(tree.villages).toEqual([]);

    const first = await loadRegionTree(fixtures.sql, t.id, tree);
    expect(first).toEqual({
      provinces: { source: 1, inserted: 1, updated: 0, unchanged: 0 },
      regencies: { source: 6, inserted: 6, updated: 0, unchanged: 0 },
      districts: { source: 77, inserted: 77, updated: 0, unchanged: 0 },
      villages: { source: 0, inserted: 0, updated: 0, unchanged: 0 },
    });
    const idsBefore = (await t.prisma.region.findMany({ where: { tenantId: t.id }, orderBy: { id: 'asc' } })).map((r) => [r.id, r.code, r.parentId]);

    const second = await loadRegionTree(fixtures.sql, t.id, tree);
    expect(second).toEqual({
      provinces: { source: 1, inserted: 0, updated: 0, unchanged: 1 },
      regencies: { source: 6, inserted: 0, updated: 0, unchanged: 6 },
      districts: { source: 77, inserted: 0, updated: 0, unchanged: 77 },
      villages: { source: 0, inserted: 0, updated: 0, unchanged: 0 },
    });
    expect(await t.prisma.region.count({ where: { tenantId: t.id } })).toBe(84);
    expect((await t.prisma.region.findMany({ where: { tenantId: t.id }, orderBy: { id: 'asc' } })).map((r) => [r.id, r.code, r.parentId])).toEqual(idsBefore);

    const province = await regions(t.key, { isoCode: 'id-go' });
    expect(province.totalCount).toBe(1);
    expect(province.nodes[0]).toMatchObject({ level: 'PROVINCE', code: '75', name: 'Gorontalo', isoCode: 'ID-GO', parent: null, postalCodes: [] });
    expect(province.nodes[0].children).toHaveLength(6);
    expect(province.nodes[0].children).toContainEqual({ code: '75.71', name: 'Kota Gorontalo' });

    const city = await regions(t.key, { search: '75.71' });
    expect(city.nodes[0]).toMatchObject({ level: 'CITY', name: 'Kota Gorontalo', isoCode: null, parent: { code: '75', name: 'Gorontalo' } });
    expect(city.nodes[0].children.map((c: { code: string }) => c.code)).toContain('75.71.01');
    expect((await regions(t.key, { level: 'DISTRICT' })).totalCount).toBe(77);
    expect((await regions(t.key, { level: 'SUBDISTRICT' })).totalCount).toBe(0);
  });

  it('loads the villages of a province under their districts, and only that province', async () => {
    const { fixtures } = await testApp();
    const t = await newTenant();
    const tree = await readRegionTree({ provinces: ['75'] });
    const counts = await loadRegionTree(fixtures.sql, t.id, tree);
    expect(counts.villages).toEqual({ source: 729, inserted: 729, updated: 0, unchanged: 0 });
    expect(await t.prisma.region.count({ where: { tenantId: t.id } })).toBe(1 + 6 + 77 + 729);
    const village = await regions(t.key, { search: '75.71.01.1001' });
    expect(village.nodes[0]).toMatchObject({ level: 'SUBDISTRICT', name: 'Dembe I', parent: { code: '75.71.01', name: 'Kota Barat' } });
    expect(await t.prisma.region.count({ where: { tenantId: t.id, NOT: { code: { startsWith: '75' } } } })).toBe(0);
  });

  it('keeps a region the tenant already has with the same code (its id, postal codes and addresses), renamed and re-parented', async () => {
    const { fixtures } = await testApp();
    const t = await newTenant();
    const old = await t.prisma.region.create({ data: { tenantId: t.id, level: 'CITY', code: '75.71', name: 'Gorontalo City', postalCodes: ['96115'] } });
    const customer = await t.customer({ regionId: old.id });
    const counts = await loadRegionTree(fixtures.sql, t.id, await readRegionTree({ provinces: ['75'], levels: 'regencies' }));
    expect(counts.regencies).toEqual({ source: 6, inserted: 5, updated: 1, unchanged: 0 });
    const after = await t.prisma.region.findUniqueOrThrow({ where: { id: old.id }, include: { parent: true } });
    expect(after).toMatchObject({ code: '75.71', name: 'Kota Gorontalo', level: 'CITY', postalCodes: ['96115'] });
    expect(after.parent).toMatchObject({ code: '75', name: 'Gorontalo', isoCode: 'ID-GO' });
    expect((await t.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).regionId).toBe(old.id);
    expect(await t.prisma.region.count({ where: { tenantId: t.id, code: '75.71' } })).toBe(1);
  });

  it('gives every province its ISO 3166-2 code', async () => {
    const tree = await readRegionTree({ levels: 'provinces' });
    expect(tree.provinces).toHaveLength(38);
    const { fixtures } = await testApp();
    const t = await newTenant();
    await loadRegionTree(fixtures.sql, t.id, tree);
    const rows = await t.prisma.region.findMany({ where: { tenantId: t.id }, select: { code: true, isoCode: true } });
    expect(rows.filter((r) => !r.isoCode)).toEqual([]);
    expect(new Set(rows.map((r) => r.isoCode)).size).toBe(38);
    expect(rows).toContainEqual({ code: '32', isoCode: 'ID-JB' });
    expect(rows).toContainEqual({ code: '96', isoCode: 'ID-PD' });
  });

  it('refuses a slice whose area lies in an area it does not hold, writing nothing', async () => {
    const { fixtures } = await testApp();
    const t = await newTenant();
    const tree: RegionTree = {
      provinces: [{ code: '75', name: 'Gorontalo', parentCode: null }],
      regencies: [{ code: '75.71', name: 'Kota Gorontalo', parentCode: '75' }],
      districts: [{ code: '75.71.01', name: 'Kota Barat', parentCode: '75.72' }],
      villages: [],
    };
    expect(() => checkTree(tree)).toThrow(RegionTreeError);
    await expect(loadRegionTree(fixtures.sql, t.id, tree)).rejects.toThrow('75.71.01 lies in 75.72');
    expect(await t.prisma.region.count({ where: { tenantId: t.id } })).toBe(0);
  });

  it('plans a load without writing (--dry-run): the areas of each level and how many the tenant has already', async () => {
    const { fixtures } = await testApp();
    const t = await newTenant();
    await t.prisma.region.create({ data: { tenantId: t.id, level: 'CITY', code: '75.71', name: 'Gorontalo City', postalCodes: [] } });
    const plan = await planRegionTree(fixtures.sql, t.id, await readRegionTree({ provinces: ['75'], levels: 'districts' }));
    expect(plan).toEqual({
      provinces: { source: 1, existing: 0 },
      regencies: { source: 6, existing: 1 },
      districts: { source: 77, existing: 0 },
      villages: { source: 0, existing: 0 },
    });
    expect(await t.prisma.region.count({ where: { tenantId: t.id } })).toBe(1);
  });

  it('refuses an unknown province code', async () => {
    await expect(readRegionTree({ provinces: ['99'] })).rejects.toThrow('unknown province code(s): 99');
  });
});
