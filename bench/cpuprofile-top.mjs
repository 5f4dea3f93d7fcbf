#!/usr/bin/env node
// Where a server's CPU went: self time of a V8 .cpuprofile (`node --cpu-prof`) by package and by
// function, as shares of the busy (non-idle) samples.
//   node cpuprofile-top.mjs FILE.cpuprofile [--top 15] [--skip-ms N] [--until-ms M]
// --skip-ms drops the first N ms of the profile (start-up: schema build, migrations check), so the
// figures describe the server under load; --until-ms drops what follows ms M (one phase of a bench). Packages: node_modules/<pkg> (the innermost one),
// "src/<folder>" for the project's code, "node:<module>" for Node's own JavaScript, and V8's
// pseudo-entries such as "(garbage collector)" and "(program)" (native code outside JS functions).
// WebAssembly has no package of its own: it is named after the package of its nearest JavaScript
// caller ("wasm via @prisma/client" is Prisma's query compiler).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '15' }, 'skip-ms': { type: 'string', default: '0' }, 'until-ms': { type: 'string', default: '0' } },
});
if (positionals.length !== 1) {
  console.error('usage: node cpuprofile-top.mjs FILE.cpuprofile [--top N] [--skip-ms N] [--until-ms M]');
  process.exit(2);
}
const top = Number(opt.top);
const skipUs = Number(opt['skip-ms']) * 1000;
const untilUs = Number(opt['until-ms']) * 1000 || Infinity;
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parents = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);

function packageOf(frame, id) {
  const url = frame.url ?? '';
  if (url.startsWith('wasm://')) {
    for (let up = parents.get(id); up !== undefined; up = parents.get(up)) {
      const caller = nodes.get(up).callFrame;
      if (caller.url && !caller.url.startsWith('wasm://')) return `wasm via ${packageOf(caller, up)}`;
    }
    return 'wasm';
  }
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (url.startsWith('node:')) return `node:${url.replace(/^node:(internal\/)?/, '').split('/')[0].replace(/\.js$/, '')}`;
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const parts = url.slice(inModules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const src = /\/src\/(.+)$/.exec(url);
  if (src) return src[1].startsWith('db/generated/') ? 'src/db/generated (Prisma client)' : `src/${src[1].split('/')[0]}`;
  return url.split('/').at(-1);
}

const selfUs = new Map(); // node id -> µs
let elapsed = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  elapsed += dt;
  if (elapsed < skipUs || elapsed > untilUs) continue;
  selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
}

const byPackage = new Map();
const byFunction = new Map();
let busy = 0;
let idle = 0;
for (const [id, us] of selfUs) {
  const frame = nodes.get(id).callFrame;
  if (frame.functionName === '(idle)') {
    idle += us;
    continue;
  }
  busy += us;
  const pkg = packageOf(frame, id);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  const where = frame.url && !frame.url.startsWith('wasm://') ? `${pkg} ${frame.url.split('/').at(-1)}:${frame.lineNumber + 1}` : pkg;
  const key = `${frame.functionName || '(anonymous)'}  [${where}]`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
}

// Coarse layers of a GraphQL server, for the one-line answer to "where does the time go".
const LAYERS = [
  [/^(graphql|graphql-yoga|@graphql-tools\/.*|@graphql-yoga\/.*|@envelop\/.*|@whatwg-node\/.*|grafast|grafserv|postgraphile|@dataplan\/.*|pg-sql2)$/, 'GraphQL engine + HTTP (yoga / graphql-js / grafast)'],
  [/^@pothos\//, 'Pothos (schema builder, plugin-prisma selection mapping)'],
  [/^(@prisma\/.*|wasm via @prisma\/.*|src\/db\/generated.*)$/, 'Prisma client (incl. its wasm query compiler)'],
  [/^(pg|pg-pool|pg-protocol|pg-types|postgres-.*)$/, 'pg driver'],
  [/^src\//, 'ordergraph src/'],
  [/^\(garbage collector\)$/, 'garbage collector'],
  [/^node:/, 'Node.js JavaScript (node:*)'],
];
const layerOf = (pkg) => LAYERS.find(([re]) => re.test(pkg))?.[1] ?? 'other (native builtins, (program), other packages)';
const byLayer = new Map();
for (const [pkg, us] of byPackage) byLayer.set(layerOf(pkg), (byLayer.get(layerOf(pkg)) ?? 0) + us);

const share = (us) => `${((100 * us) / Math.max(1, busy)).toFixed(1).padStart(5)}%`;
const list = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `${share(us)}  ${k}`);
console.log(
  `profile: ${(busy / 1e6).toFixed(2)} s busy, ${(idle / 1e6).toFixed(2)} s idle` +
    (skipUs ? ` (first ${opt['skip-ms']} ms skipped)` : '') +
    (untilUs < Infinity ? ` (after ${opt['until-ms']} ms skipped)` : '') +
    '; shares are of busy time',
);
console.log('\nself time by layer:');
for (const line of list(byLayer)) console.log(line);
console.log(`\nself time by package (top ${top}):`);
for (const line of list(byPackage)) console.log(line);
console.log(`\nself time by function (top ${top}):`);
for (const line of list(byFunction)) console.log(line);
