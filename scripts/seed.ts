// Seeds one demo tenant into the database the server uses (DATABASE_URL, else
// PGlite in DATA_DIR):  npm run seed -- --orders 20000 [--tenant demo] [--seed 1]
// or, for benchmark sizes, --scale 10 (10 x 20,000 orders).
import { exitWith } from './cli.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { SeedError } from '../src/demo/seed/seed-error.js';
import { seedTenant } from '../src/demo/seed/seed-tenant.js';

/** Orders per unit of --scale. */
const SCALE_ORDERS = 20_000;

const USAGE =
  'usage: npm run seed -- [--orders N | --scale N] [--tenant SLUG] [--seed N]\n' +
  `  --scale N is N x ${SCALE_ORDERS} orders; defaults: 2000 orders, tenant "demo", seed 1`;

interface Args {
  orders: number;
  tenant: string;
  seed: number;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const args: Args = { orders: 2000, tenant: 'demo', seed: 1 };
  let sizedBy: string | undefined;
  const size = (flag: string, orders: number) => {
    if (sizedBy && sizedBy !== flag) throw new UsageError(`${sizedBy} and ${flag} conflict: give one of them`);
    sizedBy = flag;
    args.orders = orders;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    const whole = (name: string) => {
      if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a whole number, got "${value}"`);
      return Number(value);
    };
    if (flag === '--orders') size(flag, whole('--orders'));
    else if (flag === '--scale') size(flag, whole('--scale') * SCALE_ORDERS);
    else if (flag === '--seed') args.seed = whole('--seed');
    else if (flag === '--tenant') args.tenant = value;
    else throw new UsageError(`unknown option ${flag}`);
  }
  return args;
}

/** A redrawn bar on a terminal; a line per quarter otherwise (logs, CI). */
function progressReporter(): { update(done: number, total: number): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  let lastQuarter = -1;
  let drawn = '';
  return {
    update(done, total) {
      const share = total === 0 ? 1 : done / total;
      if (tty) {
        const width = 30;
        const filled = Math.round(share * width);
        const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${done}/${total} orders`;
        if (line !== drawn) process.stderr.write(`\r${line}`);
        drawn = line;
        return;
      }
      const quarter = Math.floor(share * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        process.stderr.write(`seed: ${quarter * 25}% ${done}/${total} orders\n`);
      }
    },
    end() {
      if (drawn) process.stderr.write('\n');
    },
  };
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
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize });
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  const progress = progressReporter();
  try {
    await migrate(db.sql);
    process.stderr.write(`Seeding tenant "${args.tenant}" with ${args.orders} orders (seed ${args.seed}) into ${where}\n`);
    const started = performance.now();
    const { tenantId, counts } = await seedTenant(db, { ...args, onProgress: (done, total) => progress.update(done, total) });
    progress.end();
    const seconds = (performance.now() - started) / 1000;
    const width = Math.max(...Object.keys(counts).map((k) => k.length));
    const total = Object.values(counts).reduce((s, n) => s + n, 0);
    console.log(`Tenant "${args.tenant}" (id ${tenantId}):`);
    for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(width)}  ${String(n).padStart(8)}`);
    console.log(`  ${'total rows'.padEnd(width)}  ${String(total).padStart(8)}`);
    console.log(`Seeded in ${seconds.toFixed(1)} s`);
    return 0;
  } catch (error) {
    progress.end();
    if (error instanceof SeedError) {
      console.error(`seed: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

exitWith(main());
