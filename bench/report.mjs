#!/usr/bin/env node
// Prints the table of one run from its JSON lines (written by run.sh, load.mjs and verify).
//   node report.mjs results/run-STAMP.jsonl
// One row per query x concurrency x server, then a row "ratio og/pgl" (ordergraph divided by
// PostGraphile, same run): above 1 is better for ordergraph in req/s, worse in the other columns.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node report.mjs RUN.jsonl');
  process.exit(2);
}
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const SERVERS = ['ordergraph', 'postgraphile'];
const loads = lines.filter((l) => l.kind === 'load');
const counts = lines.filter((l) => l.kind === 'count');
const meta = lines.find((l) => l.kind === 'meta');

const queries = [...new Set(loads.map((l) => l.query))];
const levels = [...new Set(loads.map((l) => l.connections))].sort((a, b) => a - b);
const countOf = (server, query) => counts.find((c) => c.label === server && c.query === query);
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const fmt = (x, digits = 2) => (x == null ? '-' : String(Math.round(x * 10 ** digits) / 10 ** digits));
const ratio = (a, b) => (a == null || b == null || b === 0 ? '-' : `${fmt(a / b)}x`);

const header = ['query', 'C', 'server', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'SQL/req', 'Parse/req', 'server CPU ms/req', 'PG CPU ms/req', 'machine busy %'];
const rows = [];
for (const query of queries) {
  for (const c of levels) {
    const figures = {};
    for (const server of SERVERS) {
      const runs = loads.filter((l) => l.label === server && l.query === query && l.connections === c);
      if (!runs.length) continue;
      const count = countOf(server, query);
      // Several runs of one cell (a re-run) are shown side by side and averaged for the ratio.
      const each = (k) => runs.map((r) => fmt(r[k])).join(' / ');
      figures[server] = {
        rps: mean(runs.map((r) => r.rps)),
        p50: mean(runs.map((r) => r.p50_ms)),
        p99: mean(runs.map((r) => r.p99_ms)),
        cpu: mean(runs.map((r) => r.serverCpuMsPerReq).filter((x) => x != null)),
        pg: mean(runs.map((r) => r.pgCpuMsPerReq).filter((x) => x != null)),
        sql: count?.sqlPerRequest,
      };
      rows.push([
        query,
        c,
        server,
        each('rps'),
        each('p50_ms'),
        each('p99_ms'),
        runs.map((r) => r.errors).join(' / '),
        fmt(count?.sqlPerRequest),
        fmt(count?.parsePerRequest),
        each('serverCpuMsPerReq'),
        each('pgCpuMsPerReq'),
        each('machineBusyPct'),
      ]);
    }
    const [o, p] = [figures.ordergraph, figures.postgraphile];
    if (o && !p) rows.push([query, c, 'no peer', '', '', '', '', '', '', '', '', '']);
    if (o && p) rows.push([query, c, 'ratio og/pgl', ratio(o.rps, p.rps), ratio(o.p50, p.p50), ratio(o.p99, p.p99), '', ratio(o.sql, p.sql), '', ratio(o.cpu, p.cpu), ratio(o.pg, p.pg), '']);
  }
}
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map((_, i) => (i < 3 ? '---' : '---:')).join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);

// Documents without a peer are held to a share of the order list's rate (same run, same C).
const listRps = (c) => mean(loads.filter((l) => l.label === 'ordergraph' && l.query === 'order_list' && l.connections === c).map((l) => l.rps));
if (queries.includes('order_list') && queries.length > 1) {
  console.log('');
  console.log('| query | C | ordergraph req/s | share of order_list req/s | PostGraphile peer |');
  console.log('|---|---|---:|---:|---|');
  for (const query of queries) {
    for (const c of levels) {
      const rps = mean(loads.filter((l) => l.label === 'ordergraph' && l.query === query && l.connections === c).map((l) => l.rps));
      const peer = loads.some((l) => l.label === 'postgraphile' && l.query === query);
      if (rps != null) console.log(`| ${query} | ${c} | ${fmt(rps, 0)} | ${listRps(c) ? `${Math.round((100 * rps) / listRps(c))} %` : '-'} | ${peer ? 'yes' : 'no peer'} |`);
    }
  }
}

const lastRss = (server) => loads.filter((l) => l.label === server && l.serverRssMiB != null).at(-1)?.serverRssMiB;
console.log('');
console.log(`RSS after the run: ordergraph ${fmt(lastRss('ordergraph'), 1)} MiB, PostGraphile ${fmt(lastRss('postgraphile'), 1)} MiB`);
if (meta) {
  console.log(
    `node: ordergraph ${meta.ordergraphNode}, PostGraphile ${meta.postgraphileNode}${meta.v8Flags === undefined ? '' : `, both ${meta.v8Flags || "with Node's default V8 flags"}`}; pool ${meta.poolSize} each; ` +
      `ordergraph's compiled reads ${meta.compiledReads === false ? 'off' : 'on'}, ` +
      `${meta.rowLevelSecurity ? 'as the app role under row-level security' : 'as the owner (no row-level security)'}; ` +
      `${meta.orders} orders; ${meta.duration} s per load after ${meta.warmup} s warm-up; load average before: ${meta.loadavg}`,
  );
}
const withKeyLookups = counts.filter((c) => c.apiKeyStatementsPerRequest);
if (withKeyLookups.length) {
  console.log(`SQL/req includes the API-key lookup of each request: ${withKeyLookups.map((c) => `${c.label} ${c.query} ${fmt(c.apiKeyStatementsPerRequest)}`).join(', ')}`);
}
for (const c of counts.filter((c) => c.errors)) console.log(`count pass: ${c.label} ${c.query} had ${c.errors} failed requests`);
