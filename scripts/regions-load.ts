// Loads Indonesia's administrative tree (package idn-area-data) into tenants'
// regions, on the database the server uses (DATABASE_URL, else PGlite in DATA_DIR):
//   npm run regions:load -- --tenant demo [--levels districts] [--province 32] [--dry-run]
// Idempotent: a second run writes nothing. There is no default tenant: name them
// (--tenant, repeatable) or pass --all-tenants, since every tenant gets ~91,000 rows.
import { exitWith } from './cli.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { loadRegionTree, planRegionTree, readRegionTree, RegionTreeError, TREE_LEVELS, type TreeLevel } from '../src/customers/region-tree-loader.js';

const USAGE =
  'usage: npm run regions:load -- (--tenant SLUG ... | --all-tenants) [--levels LEVEL] [--province CODE ...] [--dry-run]\n' +
  `  --levels      deepest level to load: ${TREE_LEVELS.join(', ')} (default villages)\n` +
  '  --province    only this province (Kemendagri code, e.g. 32 for Jawa Barat); repeatable\n' +
  '  --dry-run     print what would be loaded and what each tenant has already; write nothing';

class UsageError extends Error {}

interface Args {
  tenants: string[];
  allTenants: boolean;
  levels: TreeLevel;
  provinces: string[];
  dryRun: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { tenants: [], allTenants: false, levels: 'villages', provinces: [], dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (flag === '--dry-run') args.dryRun = true;
    else if (flag === '--all-tenants') args.allTenants = true;
    else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      if (flag === '--tenant') args.tenants.push(value);
      else if (flag === '--province') args.provinces.push(value);
      else if (flag === '--levels') {
        if (!(TREE_LEVELS as readonly string[]).includes(value)) throw new UsageError(`--levels must be one of ${TREE_LEVELS.join(', ')}, got "${value}"`);
        args.levels = value as TreeLevel;
      } else throw new UsageError(`unknown option ${flag}`);
    }
  }
  if (!args.allTenants && !args.tenants.length) throw new UsageError('name the tenant(s) to load: --tenant SLUG, or --all-tenants');
  if (args.allTenants && args.tenants.length) throw new UsageError('--tenant and --all-tenants conflict: give one of them');
  return args;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const started = performance.now();
  let tree;
  try {
    tree = await readRegionTree({ levels: args.levels, provinces: args.provinces });
  } catch (error) {
    if (!(error instanceof RegionTreeError)) throw error;
    console.error(`regions:load: ${error.message}`);
    return 1;
  }
  const readSeconds = (performance.now() - started) / 1000;
  console.log(`Read ${TREE_LEVELS.map((l) => `${tree[l].length} ${l}`).join(', ')} in ${readSeconds.toFixed(1)} s`);

  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  try {
    await migrate(db.sql);
    const tenants = args.allTenants
      ? await db.sql.query<{ id: number; slug: string }>('SELECT id, slug FROM "Tenant" ORDER BY id')
      : await db.sql.query<{ id: number; slug: string }>('SELECT id, slug FROM "Tenant" WHERE slug = ANY($1::text[]) ORDER BY id', [args.tenants]);
    const missing = args.tenants.filter((slug) => !tenants.some((t) => t.slug === slug));
    if (missing.length) {
      console.error(`regions:load: no tenant ${missing.map((s) => `"${s}"`).join(', ')} in ${where}`);
      return 1;
    }
    for (const tenant of tenants) {
      if (args.dryRun) {
        const plan = await planRegionTree(db.sql, Number(tenant.id), tree);
        console.log(`Tenant "${tenant.slug}" (dry run, nothing written):`);
        for (const level of TREE_LEVELS) console.log(`  ${level.padEnd(9)}  ${String(plan[level].source).padStart(6)} in the data, ${String(plan[level].existing).padStart(6)} already there`);
        continue;
      }
      const began = performance.now();
      console.log(`Tenant "${tenant.slug}" (${where}):`);
      await loadRegionTree(db.sql, Number(tenant.id), tree, (level, c) =>
        console.log(`  ${level.padEnd(9)}  ${String(c.source).padStart(6)}: ${c.inserted} inserted, ${c.updated} updated, ${c.unchanged} unchanged`),
      );
      if (db.kind === 'pglite') await db.sql.exec('ANALYZE "Region"');
      console.log(`  loaded in ${((performance.now() - began) / 1000).toFixed(1)} s`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

exitWith(main());
