#!/usr/bin/env node
// Drives one GraphQL server with one document and prints ONE JSON line (also appended to --out).
//
// Load mode (default): autocannon, --connections C for --duration s after --warmup s.
//   node load.mjs --label ordergraph --url http://127.0.0.1:4801/graphql --query queries/ordergraph/order_list.graphql \
//     [--vars FILE.json] [--header "authorization: Bearer ..."] [--duration 10] [--warmup 2] [--connections 32] \
//     [--server-pid PID] [--out results/run.jsonl]
// Count mode: --mode count --stats-url http://127.0.0.1:6561 [--requests 50]; the server must reach
//   PostgreSQL through sqlcount-proxy.mjs. N sequential requests after a short warm-up; prints SQL
//   statements, Parse messages and statement kinds per request, and the most frequent statements.
//
// --vars: a JSON array of variable objects; request i uses entry i mod n (over all connections).
// A request counts as ok only with a 2xx status and no "errors" in the body; latencies are exact
// per-response times (not autocannon's whole-millisecond histogram).
import { readFileSync, appendFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { perRequest, rssMiB, snapshot } from './lib/proc-stats.mjs';

const { values: opt } = parseArgs({
  options: {
    mode: { type: 'string', default: 'load' },
    label: { type: 'string', default: 'server' },
    url: { type: 'string' },
    query: { type: 'string' },
    vars: { type: 'string' },
    header: { type: 'string', multiple: true, default: [] },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '1' },
    'server-pid': { type: 'string' },
    out: { type: 'string' },
    'stats-url': { type: 'string' },
    requests: { type: 'string', default: '50' },
  },
});
if (!opt.url || !opt.query) {
  console.error('usage: node load.mjs --url URL --query FILE.graphql [--vars FILE.json] [--mode load|count] ...');
  process.exit(2);
}
const url = new URL(opt.url);
if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname)) {
  console.error(`refusing ${url.hostname}: this bench only loads servers on the loopback interface`);
  process.exit(2);
}

const headers = { 'content-type': 'application/json', accept: 'application/json' };
for (const h of opt.header) {
  const at = h.indexOf(':');
  headers[h.slice(0, at).trim().toLowerCase()] = h.slice(at + 1).trim();
}
const query = readFileSync(opt.query, 'utf8');
const varsList = opt.vars ? JSON.parse(readFileSync(opt.vars, 'utf8')) : [undefined];
const bodies = varsList.map((variables) => JSON.stringify(variables === undefined ? { query } : { query, variables }));
const name = basename(opt.query, '.graphql');
const round2 = (x) => (x == null ? null : Math.round(x * 100) / 100);

function emit(line) {
  const text = JSON.stringify(line);
  console.log(text);
  if (opt.out) appendFileSync(opt.out, `${text}\n`);
}

const hasErrors = (text) => {
  if (!text.includes('"errors"')) return false;
  try {
    const errors = JSON.parse(text).errors;
    return Array.isArray(errors) && errors.length > 0;
  } catch {
    return true;
  }
};

async function post(body) {
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
}

/** One request must succeed before anything is measured. */
async function preflight() {
  const r = await post(bodies[0]);
  if (r.status !== 200 || hasErrors(r.text)) {
    console.error(`${opt.label} ${name}: preflight failed (HTTP ${r.status}): ${r.text.slice(0, 800)}`);
    process.exit(1);
  }
  return Buffer.byteLength(r.text);
}

function cannon(seconds, connections, latencies) {
  let next = 0;
  let graphqlErrors = 0;
  const request = {
    method: 'POST',
    path: url.pathname,
    headers,
    onResponse: (status, body) => {
      if (status >= 200 && status < 300 && hasErrors(String(body))) graphqlErrors++;
    },
  };
  if (bodies.length > 1) request.setupRequest = (req) => ({ ...req, body: bodies[next++ % bodies.length] });
  else request.body = bodies[0];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: url.origin, connections, duration: seconds, pipelining: 1, timeout: 10, requests: [request] },
      (error, result) => (error ? reject(error) : resolve({ result, graphqlErrors })),
    );
    if (latencies) instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

if (opt.mode === 'load') {
  const connections = Number(opt.connections);
  const serverPid = opt['server-pid'] ? Number(opt['server-pid']) : undefined;
  const responseBytes = await preflight();
  if (Number(opt.warmup) > 0) await cannon(Number(opt.warmup), connections);
  const latencies = [];
  const before = snapshot(serverPid);
  const { result, graphqlErrors } = await cannon(Number(opt.duration), connections, latencies);
  const cpu = perRequest(before, snapshot(serverPid), result.requests.total);
  latencies.sort((a, b) => a - b);
  const errors = result.errors + result.timeouts + result.non2xx + graphqlErrors;
  emit({
    kind: 'load',
    label: opt.label,
    query: name,
    connections,
    duration: result.duration,
    requests: result.requests.total,
    rps: round2((result['2xx'] - graphqlErrors) / result.duration),
    p50_ms: round2(percentile(latencies, 50)),
    p90_ms: round2(percentile(latencies, 90)),
    p99_ms: round2(percentile(latencies, 99)),
    max_ms: round2(latencies.at(-1)),
    errors,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors,
    responseBytes,
    ...cpu,
    serverRssMiB: serverPid ? rssMiB(serverPid) : null,
    node: process.version,
    at: new Date().toISOString(),
  });
} else if (opt.mode === 'count') {
  const statsUrl = opt['stats-url'] ?? 'http://127.0.0.1:6561';
  const n = Number(opt.requests);
  await preflight();
  // Warm caches and prepared statements first, then count only the requests themselves.
  for (let i = 0; i < Math.min(10, bodies.length + 3); i++) await post(bodies[i % bodies.length]);
  await new Promise((r) => setTimeout(r, 300));
  await fetch(`${statsUrl}/reset`, { method: 'POST' });
  let errors = 0;
  for (let i = 0; i < n; i++) {
    const r = await post(bodies[i % bodies.length]);
    if (r.status !== 200 || hasErrors(r.text)) errors++;
  }
  await new Promise((r) => setTimeout(r, 300)); // fire-and-forget writes after the response
  const s = await (await fetch(`${statsUrl}/stats`)).json();
  const data = ['select', 'with', 'insert', 'update', 'delete'].reduce((sum, k) => sum + (s.byKind[k] ?? 0), 0);
  emit({
    kind: 'count',
    label: opt.label,
    query: name,
    requests: n,
    errors,
    sqlPerRequest: round2(s.statements / n),
    dataStatementsPerRequest: round2(data / n),
    parsePerRequest: round2(s.parse / n),
    // ordergraph looks the API key up on every request; PostGraphile here has no authentication.
    apiKeyStatementsPerRequest: round2(s.top.filter((t) => t.sql.includes('"ApiKey"')).reduce((sum, t) => sum + t.count, 0) / n),
    perKind: Object.fromEntries(Object.entries(s.byKind).map(([k, v]) => [k, round2(v / n)])),
    distinctTexts: s.distinctTexts,
    topSql: s.top.slice(0, 6).map((t) => ({ perRequest: round2(t.count / n), sql: t.sql.length > 2500 ? `${t.sql.slice(0, 2500)} …` : t.sql })),
    at: new Date().toISOString(),
  });
} else {
  console.error(`unknown --mode ${opt.mode}`);
  process.exit(2);
}
