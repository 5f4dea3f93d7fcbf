// Loads Indonesia's administrative tree (package idn-area-data: provinces,
// regencies, districts, villages) into a tenant's Region rows. Upserts by
// (tenantId, code), level by level so every parent exists before its children,
// parents resolved by code in SQL; a second run writes nothing. Codes have the
// demo shop's format ("32.06.30.2001"), so regions already there (and the
// addresses pointing at them) are kept and renamed to the official name.
import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import type { SqlRunner } from '../db/client.js';
import { PROVINCE_ISO_CODES } from './province-iso-codes.js';

/** The tree's levels, top down; `levels` options name the deepest one to load. */
export const TREE_LEVELS = ['provinces', 'regencies', 'districts', 'villages'] as const;
export type TreeLevel = (typeof TREE_LEVELS)[number];

const REGION_LEVEL: Record<TreeLevel, 'PROVINCE' | 'CITY' | 'DISTRICT' | 'SUBDISTRICT'> = {
  provinces: 'PROVINCE',
  regencies: 'CITY',
  districts: 'DISTRICT',
  villages: 'SUBDISTRICT',
};

export interface AreaRow {
  code: string;
  name: string;
  /** Code of the area above; null for a province. */
  parentCode: string | null;
}

export type RegionTree = Record<TreeLevel, AreaRow[]>;

export interface TreeOptions {
  /** Deepest level to load (default villages). */
  levels?: TreeLevel;
  /** Only these provinces (Kemendagri codes such as "32") and what lies in them. */
  provinces?: readonly string[];
}

export class RegionTreeError extends Error {}

/** Reads the package's tree, cut to the options. */
export async function readRegionTree(options: TreeOptions = {}): Promise<RegionTree> {
  const deepest = TREE_LEVELS.indexOf(options.levels ?? 'villages');
  const wanted = (level: TreeLevel) => TREE_LEVELS.indexOf(level) <= deepest;
  const [provinces, regencies, districts, villages] = await Promise.all([
    getProvinces(),
    wanted('regencies') ? getRegencies() : [],
    wanted('districts') ? getDistricts() : [],
    wanted('villages') ? getVillages() : [],
  ]);
  const tree: RegionTree = {
    provinces: provinces.map((p) => ({ code: p.code, name: p.name, parentCode: null })),
    regencies: regencies.map((r) => ({ code: r.code, name: r.name, parentCode: r.province_code })),
    districts: districts.map((d) => ({ code: d.code, name: d.name, parentCode: d.regency_code })),
    villages: villages.map((v) => ({ code: v.code, name: v.name, parentCode: v.district_code })),
  };
  for (const level of TREE_LEVELS) tree[level] = tree[level].filter((row) => row.code);
  if (options.provinces?.length) {
    const unknown = options.provinces.filter((code) => !tree.provinces.some((p) => p.code === code));
    if (unknown.length) throw new RegionTreeError(`unknown province code(s): ${unknown.join(', ')} (codes such as "32" for Jawa Barat)`);
    const keep = new Set(options.provinces);
    for (const level of TREE_LEVELS) tree[level] = tree[level].filter((row) => keep.has(row.code.split('.')[0]!));
  }
  checkTree(tree);
  return tree;
}

/** Every area's parent is in the level above: the load resolves parents by code. */
export function checkTree(tree: RegionTree): void {
  for (let k = 0; k < TREE_LEVELS.length; k++) {
    const level = TREE_LEVELS[k]!;
    const above = k === 0 ? null : new Set(tree[TREE_LEVELS[k - 1]!].map((row) => row.code));
    const seen = new Set<string>();
    for (const row of tree[level]) {
      if (seen.has(row.code)) throw new RegionTreeError(`${level}: code ${row.code} appears twice`);
      seen.add(row.code);
      if (!row.name.trim()) throw new RegionTreeError(`${level}: ${row.code} has no name`);
      if (above === null ? row.parentCode !== null : !row.parentCode || !above.has(row.parentCode)) {
        throw new RegionTreeError(`${level}: ${row.code} lies in ${row.parentCode ?? 'nothing'}, which is not in the level above`);
      }
    }
  }
}

export interface LevelCounts {
  /** Areas of the level in the data. */
  source: number;
  /** Rows created. */
  inserted: number;
  /** Rows that existed with another name, level, parent or ISO code. */
  updated: number;
  /** Rows already as the data has them. */
  unchanged: number;
}

export type LoadCounts = Record<TreeLevel, LevelCounts>;

const BATCH_ROWS = 5_000;

// Parents are looked up by code in the same statement; an unchanged row is not rewritten.
const UPSERT = `
WITH src AS (
  SELECT u.code, u.name, u.parent, u.iso
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(code, name, parent, iso)
), written AS (
  INSERT INTO "Region" ("tenantId", level, code, name, "parentId", "postalCodes", "isoCode")
  SELECT $1::int, $6::"RegionLevel", s.code, s.name, p.id, '{}'::text[], s.iso
  FROM src s LEFT JOIN "Region" p ON p."tenantId" = $1::int AND p.code = s.parent
  ON CONFLICT ("tenantId", code) DO UPDATE
    SET level = EXCLUDED.level, name = EXCLUDED.name, "parentId" = EXCLUDED."parentId", "isoCode" = EXCLUDED."isoCode"
    WHERE ("Region".level, "Region".name, "Region"."parentId", "Region"."isoCode")
      IS DISTINCT FROM (EXCLUDED.level, EXCLUDED.name, EXCLUDED."parentId", EXCLUDED."isoCode")
  RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written`;

/**
 * Upserts the tree into the tenant's regions in one transaction, a few thousand
 * rows a statement. Postal codes already on a region are kept (the data has none).
 */
export async function loadRegionTree(
  sql: SqlRunner,
  tenantId: number,
  tree: RegionTree,
  onLevel?: (level: TreeLevel, counts: LevelCounts) => void,
): Promise<LoadCounts> {
  checkTree(tree);
  return sql.transaction(async (tx) => {
    const counts = {} as LoadCounts;
    for (const level of TREE_LEVELS) {
      const rows = tree[level];
      const total: LevelCounts = { source: rows.length, inserted: 0, updated: 0, unchanged: 0 };
      for (let start = 0; start < rows.length; start += BATCH_ROWS) {
        const batch = rows.slice(start, start + BATCH_ROWS);
        const [result] = await tx.query<{ inserted: number; updated: number }>(UPSERT, [
          tenantId,
          batch.map((r) => r.code),
          batch.map((r) => r.name),
          batch.map((r) => r.parentCode),
          batch.map((r) => (level === 'provinces' ? (PROVINCE_ISO_CODES[r.code] ?? null) : null)),
          REGION_LEVEL[level],
        ]);
        total.inserted += Number(result!.inserted);
        total.updated += Number(result!.updated);
      }
      total.unchanged = total.source - total.inserted - total.updated;
      counts[level] = total;
      onLevel?.(level, total);
    }
    return counts;
  });
}

/** What a load would do, without writing: per level, the areas and how many the tenant has already. */
export async function planRegionTree(sql: SqlRunner, tenantId: number, tree: RegionTree): Promise<Record<TreeLevel, { source: number; existing: number }>> {
  const plan = {} as Record<TreeLevel, { source: number; existing: number }>;
  for (const level of TREE_LEVELS) {
    const codes = tree[level].map((r) => r.code);
    const [row] = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM "Region" WHERE "tenantId" = $1 AND code = ANY($2::text[])', [tenantId, codes]);
    plan[level] = { source: codes.length, existing: Number(row!.n) };
  }
  return plan;
}
