// npm run bench:writes — what the main writes cost: orderCreate, the transition chain, stockAdjust.
//
// One app in this process (production settings: METRICS on, LOG_LEVEL=warn), on DATABASE_URL
// (PostgreSQL; PGlite in memory when unset, which says little about writes). Requests go
// through the app's fetch handler (no network, so the figures are the server's own work).
// For each concurrency C in CONCURRENCY, three phases of SECONDS each:
//   create : orderCreate — a customer, two lines (one with a cascaded line discount), a
//            cascaded order discount and a shipping cost
//   chain  : the orders the create phase made, each taken through orderConfirm,
//            orderProcess, orderPack, orderShip, orderComplete (figures per transition)
//   adjust : stockAdjust +1 on one of VARIATIONS stock levels, round robin
// Prints mutations per second, p50/p99 latency per mutation, SQL statements per mutation
// (every statement sent on the wire in the phase / mutations: BEGIN, COMMIT, set_config and the
// API key lookup included),
// this process's CPU per mutation (process.cpuUsage; the load loops are a small part of it)
// and PostgreSQL's CPU per mutation (all processes named "postgres" from /proc: the whole
// cluster, so other databases' work on the machine lands in it too — read it as an upper
// bound). First a sequential pass counts the statements of each mutation exactly.
//
// Knobs (environment): CONCURRENCY=1,8,32 SECONDS=5 VARIATIONS=40 PHASES=create,chain,adjust
//   INLINE=1 (values written into each document instead of variables: every request a new text)
//   VACUUM=0 (no VACUUM (ANALYZE) of the written tables before each phase, which stands in for autovacuum)
//   DATABASE_URL; SHOW_SQL=1 lists each mutation's statements; PROFILE_MARKS=1 prints when each
//   phase starts (for cpuprofile-top.mjs --skip-ms, see bench/README.md)
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type pgTypes from 'pg';
import type { App } from '../src/app.js';
import { benchEnv } from './lib/bench-env.js';
import { gid, orderCreateRequest, type GraphQLRequest } from './lib/order-create.js';

const CONCURRENCY = (process.env.CONCURRENCY ?? '1,8,32').split(/[ ,]+/).filter(Boolean).map(Number);
const SECONDS = Number(process.env.SECONDS ?? 5);
const VARIATIONS = Number(process.env.VARIATIONS ?? 40);
const PHASES = new Set((process.env.PHASES ?? 'create,chain,adjust').split(/[ ,]+/));
if (CONCURRENCY.some((c) => !Number.isInteger(c) || c < 1)) throw new Error(`CONCURRENCY must list whole numbers, got '${process.env.CONCURRENCY}'`);

/** The tables the three phases write, vacuumed before each phase (VACUUM=0: not). */
const WRITTEN_TABLES = ['Customer', 'Order', 'OrderItem', 'OrderParty', 'OrderAdjustment', 'OrderEvent', 'OutboxEvent', 'OrderSearch', 'OrderSalesFact', 'SalesHour', 'OrderStatusCount', 'StockLevel', 'StockMovement', 'OrderItemAllocation', 'Shipment', 'IdempotencyKey'];

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

const INLINE = process.env.INLINE === '1';
type Request = GraphQLRequest;
/** The document with its one `$input` written in as a literal (INLINE=1): a new text per request. */
function inline(query: string, variables: Record<string, unknown>): string {
  const literal = (value: unknown): string =>
    Array.isArray(value)
      ? `[${value.map(literal).join(', ')}]`
      : value !== null && typeof value === 'object'
        ? `{ ${Object.entries(value).map(([k, v]) => `${k}: ${literal(v)}`).join(', ')} }`
        : typeof value === 'string' && /^[A-Z][A-Z_]+$/.test(value)
          ? value
          : JSON.stringify(value);
  return query.replace(/\(\$input: [A-Za-z]+!\) /, '').replace('$input', literal(variables.input));
}

// ---- PostgreSQL CPU from /proc (Linux; null elsewhere)
let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // the usual Linux value
}
/** CPU milliseconds of every "postgres" process, plus what the postmaster reaped from exited backends. */
function postgresCpuMs(): number | null {
  let ticks = 0;
  let found = false;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const close = text.lastIndexOf(')');
        if (text.slice(text.indexOf('(') + 1, close) !== 'postgres') continue;
        const f = text.slice(close + 2).split(' ');
        ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
        found = true;
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    return null;
  }
  return found ? (ticks * 1000) / ticksPerSecond : null;
}

async function main() {
  const { createApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/config.js');
  const { createLogger } = await import('../src/logger.js');
  const { createApiKey } = await import('../src/auth/api-keys.js');

  const config = loadConfig(benchEnv());
  // Every statement sent on the wire, counted in pg's Client.query: what Prisma sends, and also
  // BEGIN/COMMIT and the pool's set_config (tenant, statement budget) that Prisma's query events miss.
  let statements = 0;
  let shown: string[] | undefined; // SHOW_SQL=1: the counted orderCreate's statements
  // The app's pg, resolved from the project's root: bench/ has its own pg (PostGraphile's) once
  // `npm run bench` has installed it, and patching that one would count nothing.
  const pg = createRequire(new URL('../package.json', import.meta.url))('pg') as typeof pgTypes;
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pgTypes.Client, ...args: unknown[]) {
    statements++;
    if (shown) {
      const q = args[0] as string | { text?: string };
      shown.push(typeof q === 'string' ? q : (q?.text ?? String(q)));
    }
    return query.apply(this, args);
  } as never;
  const app: App = await createApp(config, { logger: createLogger('warn') });
  const prisma = app.db.prisma;
  const tenant = await prisma.tenant.create({ data: { slug: `writes-bench-${Date.now()}`, name: 'Writes bench' } });
  const tenantId = tenant.id;
  const { key } = await createApiKey(prisma, { tenantId, name: 'bench', role: 'OWNER' });
  const customer = await prisma.customer.create({ data: { tenantId, name: 'Budi Santoso', phone: '081234567890' } });
  const warehouse = await prisma.warehouse.create({ data: { tenantId, code: 'JKT', name: 'Jakarta' } });
  const product = await prisma.product.create({ data: { tenantId, name: 'Kaos', stockType: 'OWN' } });
  const variations: number[] = [];
  for (let i = 0; i < VARIATIONS; i++) {
    const v = await prisma.variation.create({ data: { tenantId, productId: product.id, sku: `KAOS-${i}`, price: String(10000 + i * 500) } });
    await prisma.stockLevel.create({ data: { tenantId, variationId: v.id, warehouseId: warehouse.id, onHand: 10_000_000 } });
    variations.push(v.id);
  }
  const W = gid('Warehouse', warehouse.id);

  async function send({ query, variables }: Request): Promise<Record<string, { __typename: string; code?: string; message?: string; order?: { id: string } }>> {
    const response = await app.yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(INLINE ? { query: inline(query, variables) } : { query, variables }),
    });
    const json = (await response.json()) as { data?: Record<string, { __typename: string; code?: string }>; errors?: unknown };
    if (json.errors || !json.data) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(json.errors ?? json)}`);
    for (const [field, payload] of Object.entries(json.data)) {
      if (!payload.__typename.endsWith('Payload')) throw new Error(`${field}: ${JSON.stringify(payload)}`);
    }
    return json.data as never;
  }

  // One document per mutation with its values as variables, as a typed client sends them (the
  // server parses and validates each document once); INLINE=1 writes the values into the text.
  let turn = 0;
  const createQuery = (): Request => orderCreateRequest(customer.id, variations, turn++);
  const transitions = ['orderConfirm', 'orderProcess', 'orderPack', 'orderShip', 'orderComplete'] as const;
  const transitionQuery = (mutation: string, order: string): Request => ({
    query: `mutation ($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { __typename ... on Error { code message } } }`,
    variables: { input: { order, ...(mutation === 'orderShip' ? { trackingNumber: 'JNE123' } : {}) } },
  });
  let adjustTurn = 0;
  const adjustQuery = (): Request => ({
    query: 'mutation ($input: StockAdjustInput!) { stockAdjust(input: $input) { __typename ... on Error { code message } } }',
    variables: { input: { variation: gid('Variation', variations[adjustTurn++ % variations.length]!), warehouse: W, quantity: 1, reason: 'bench' } },
  });

  // ---- exact statements per mutation, one at a time (after a warm-up)
  const created: string[] = [];
  const createOne = async () => created.push((await send(createQuery())).orderCreate!.order!.id);
  for (let i = 0; i < 20; i++) {
    await createOne();
    const order = created.pop()!;
    for (const t of transitions) await send(transitionQuery(t, order));
    await send(adjustQuery());
  }
  const counted = async (fn: () => Promise<unknown>) => {
    const before = statements;
    await fn();
    return statements - before;
  };
  const perKind: Record<string, number> = {};
  // SHOW_SQL=1: each mutation's statements, as sent.
  const listed = async (kind: string, fn: () => Promise<unknown>) => {
    if (process.env.SHOW_SQL === '1') shown = [];
    perKind[kind] = await counted(fn);
    if (shown) console.log(`${kind}'s statements:\n${shown.map((q, i) => `  ${i + 1}. ${q.replace(/\s+/g, ' ').slice(0, 220)}`).join('\n')}`);
    shown = undefined;
  };
  await listed('orderCreate', createOne);
  const probe = created.pop()!;
  for (const t of transitions) await listed(t, () => send(transitionQuery(t, probe)));
  await listed('stockAdjust', () => send(adjustQuery()));
  console.log(`${app.db.kind}, ${VARIATIONS} variations, ${SECONDS} s per phase; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  console.log(`SQL statements per mutation, one at a time (on the wire: BEGIN, COMMIT, set_config, API key lookup included): ${Object.entries(perKind).map(([k, n]) => `${k} ${n}`).join(', ')}`);

  interface Phase {
    name: string;
    c: number;
    n: number;
    seconds: number;
    latencies: number[];
    statements: number;
    cpuMs: number;
    pgMs: number | null;
    note?: string;
  }
  const results: Phase[] = [];
  /** Runs `step` on c loops until SECONDS are up (or it returns false); each call is one mutation's latency. */
  async function phase(name: string, c: number, step: (loop: number) => Promise<boolean>): Promise<Phase> {
    // What autovacuum does on a server between bursts; without it (VACUUM=0, or a server with
    // autovacuum off, as CI's) each phase starts behind the dead row versions the last left,
    // and the hot rows (the customer's lastOrderAt, the status and sales counters) cost more
    // each run: phases of the same build measured 5 times apart.
    if (app.db.kind === 'postgres' && process.env.VACUUM !== '0') {
      const v0 = performance.now();
      await app.db.sql.exec(`VACUUM (ANALYZE) ${WRITTEN_TABLES.map((t) => `"${t}"`).join(', ')}`);
      if (process.env.PROFILE_MARKS === '1') console.log(`vacuum before ${name} at C=${c}: ${Math.round(performance.now() - v0)} ms`);
    }
    const latencies: number[] = [];
    const statements0 = statements;
    const pg0 = postgresCpuMs();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    // For `node bench/cpuprofile-top.mjs --skip-ms N` on a --cpu-prof run: where the phase starts in the profile.
    if (process.env.PROFILE_MARKS === '1') console.log(`${name} at C=${c} starts ${Math.round(t0)} ms after process start`);
    const until = t0 + SECONDS * 1000;
    let exhausted = false;
    await Promise.all(
      Array.from({ length: c }, async (_, loop) => {
        while (performance.now() < until) {
          const s = performance.now();
          if (!(await step(loop))) return void (exhausted = true);
          latencies.push(performance.now() - s);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const pg1 = postgresCpuMs();
    const result: Phase = {
      name,
      c,
      n: latencies.length,
      seconds,
      latencies,
      statements: statements - statements0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      pgMs: pg0 == null || pg1 == null ? null : pg1 - pg0,
      note: exhausted ? 'ran out of orders' : undefined,
    };
    results.push(result);
    const sorted = [...latencies].sort((a, b) => a - b);
    const n = Math.max(1, result.n);
    console.log(
      `C=${String(c).padEnd(3)} ${name.padEnd(7)} ${(result.n / seconds).toFixed(0).padStart(5)} mutations/s  p50 ${pct(sorted, 50).toFixed(1)} ms  p99 ${pct(sorted, 99).toFixed(1)} ms  ` +
        `${(result.statements / n).toFixed(1)} statements  CPU ${(result.cpuMs / n).toFixed(2)} ms  PostgreSQL CPU ${result.pgMs == null ? 'n/a' : `${(result.pgMs / n).toFixed(2)} ms`} per mutation` +
        `  (n=${result.n}; load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})${result.note ? `  ${result.note}` : ''}`,
    );
    return result;
  }

  try {
    for (const c of CONCURRENCY) {
      created.length = 0;
      if (PHASES.has('create') || PHASES.has('chain')) await phase('create', c, async () => (await createOne(), true));
      if (PHASES.has('chain')) {
        // Each loop takes the next order the create phase made through the whole chain, one transition per step.
        const chains: ({ order: string; next: number } | undefined)[] = [];
        await phase('chain', c, async (loop) => {
          let current = chains[loop];
          if (!current) {
            const order = created.shift();
            if (!order) return false;
            chains[loop] = current = { order, next: 0 };
          }
          await send(transitionQuery(transitions[current.next]!, current.order));
          if (++current.next === transitions.length) chains[loop] = undefined;
          return true;
        });
      }
      if (PHASES.has('adjust')) await phase('adjust', c, async () => (await send(adjustQuery()), true));
    }
  } finally {
    await app.stop({ timeoutMs: 2_000 });
  }
}

await main();
process.exit(0);
