#!/usr/bin/env node
// Where a server's CPU went, by the project's own code: every busy sample of a V8 .cpuprofile is
// charged to the innermost src/ function on its stack (inclusive time: the Prisma, pg and GC work
// it caused count to it), so "createOrder 20 %" means 20 % of the busy time ran under createOrder
// and not under a deeper src/ function. Also lists the callers of one function (--callers NAME).
//   node bench/cpuprofile-src.mjs FILE.cpuprofile [--top 20] [--skip-ms N] [--callers writev]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '20' }, 'skip-ms': { type: 'string', default: '0' }, callers: { type: 'string' } },
});
if (positionals.length !== 1) {
  console.error('usage: node bench/cpuprofile-src.mjs FILE.cpuprofile [--top N] [--skip-ms N] [--callers NAME]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const srcOf = (url) => /\/src\/(.+)$/.exec(url ?? '')?.[1];
const label = (f) => `${f.functionName || '(anonymous)'}  [${srcOf(f.url) ?? (f.url || '').replace(/^.*node_modules\//, '')}:${f.lineNumber + 1}]`;

const skipUs = Number(opt['skip-ms']) * 1000;
let t = profile.startTime;
const byOwn = new Map();
const callers = new Map();
let busy = 0;
profile.samples.forEach((id, i) => {
  t += profile.timeDeltas[i];
  if (t - profile.startTime < skipUs) return;
  const leaf = nodes.get(id);
  if (leaf.callFrame.functionName === '(idle)') return;
  busy++;
  let owner = '(no src/ frame: Node, libraries, GC)';
  let firstSrcSeen = false;
  for (let n = id; n !== undefined; n = parent.get(n)) {
    const f = nodes.get(n).callFrame;
    if (!firstSrcSeen && srcOf(f.url) && !f.url.includes('node_modules')) {
      owner = label(f);
      firstSrcSeen = true;
    }
  }
  byOwn.set(owner, (byOwn.get(owner) ?? 0) + 1);
  if (opt.callers && leaf.callFrame.functionName === opt.callers) {
    const chain = [];
    for (let n = parent.get(id); n !== undefined && chain.length < 8; n = parent.get(n)) chain.push(nodes.get(n).callFrame.functionName || '(anonymous)');
    const key = chain.join(' < ');
    callers.set(key, (callers.get(key) ?? 0) + 1);
  }
});
const pct = (n) => `${((n / Math.max(1, busy)) * 100).toFixed(1).padStart(5)}%`;
console.log(`busy samples ${busy}; charged to the innermost src/ function on the stack:`);
for (const [k, n] of [...byOwn].sort((a, b) => b[1] - a[1]).slice(0, Number(opt.top))) console.log(`${pct(n)}  ${k}`);
if (opt.callers) {
  console.log(`\ncallers of ${opt.callers}:`);
  for (const [k, n] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`${pct(n)}  ${k}`);
}
