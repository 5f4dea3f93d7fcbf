// node --import tsx bench/statement-cost.ts — what one small statement costs this process's CPU,
// sent four ways on the same pool: Prisma's raw query on a tenant's client and on the base client,
// the plain runner outside Prisma (sendStatement: pg, rows as objects, prepared), and a Prisma
// model read by primary key. DATABASE_URL: a migrated PostgreSQL database (required). N=3000 calls
// each, after 300 to warm up, twice round.
import { openDatabase } from '../src/db/client.js';
import { plainStatementOf } from '../src/db/tenant-client.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must name a migrated PostgreSQL database');
const N = Number(process.env.N ?? 3000);
const db = await openDatabase({ databaseUrl: url, poolSize: 4 });
const tenant = db.forTenant(1);
const plain = plainStatementOf(tenant)!;

async function time(name: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 300; i++) await fn();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await fn();
  const used = process.cpuUsage(cpu);
  console.log(`${name.padEnd(34)} CPU ${((used.user + used.system) / 1000 / N).toFixed(3)} ms, wall ${((performance.now() - t0) / N).toFixed(3)} ms per call`);
}

for (let round = 1; round <= 2; round++) {
  console.log(`round ${round}`);
  await time("Prisma raw, tenant's client", () => tenant.$queryRawUnsafe('SELECT $1::int AS x', 1));
  await time('Prisma raw, base client', () => db.prisma.$queryRawUnsafe('SELECT $1::int AS x', 1));
  await time('plain (pg, outside Prisma)', () => plain('SELECT $1::int AS x', [1]));
  await time('Prisma findUnique, select id', () => tenant.order.findUnique({ where: { id: 1 }, select: { id: true } }));
}
await db.close();
