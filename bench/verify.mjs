#!/usr/bin/env node
// Before anything is timed: both servers must return the same data for the same query.
//   node verify.mjs --queries "order_list order_detail status_counts" --vars-dir results/run-X/vars \
//     --ordergraph http://127.0.0.1:4801/graphql --ordergraph-header "authorization: Bearer ..." \
//     --postgraphile http://127.0.0.1:4802/graphql
// For every query, request i of each server uses entry i of its vars file (the files list the same
// orders in the same order); every entry is checked. Responses are brought to one shape first:
//   - connections: { edges: [{ node }] } and { nodes: [...] } become plain lists
//   - ordergraph's `totals { ... }` is merged into the order (PostGraphile has the columns)
//   - ordergraph's global ids ("Order:12" in base64) become their integer ids
//   - timestamps become instants (".123Z" == ".123000+00:00"); decimal and bigint strings numbers
//   - per query, the root field is taken out (see ROOTS), and status counts become { STATUS: n > 0 }
// A query with no PostGraphile document (no peer) is only checked to answer, without errors
// and not empty, for each of its variable sets.
// Prints one JSON line per comparison; exits 1 on any difference, an error, or an empty answer.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    queries: { type: 'string', default: 'order_list order_detail status_counts' },
    'query-dir': { type: 'string', default: new URL('queries', import.meta.url).pathname },
    'vars-dir': { type: 'string' },
    ordergraph: { type: 'string' },
    'ordergraph-header': { type: 'string', multiple: true, default: [] },
    postgraphile: { type: 'string' },
  },
});
if (!opt.ordergraph || !opt.postgraphile) {
  console.error('usage: node verify.mjs --ordergraph URL [--ordergraph-header H] --postgraphile URL [--vars-dir DIR] [--queries "..."]');
  process.exit(2);
}

const SERVERS = {
  ordergraph: { url: opt.ordergraph, headers: opt['ordergraph-header'] },
  postgraphile: { url: opt.postgraphile, headers: [] },
};

/** Per query and server: the part of `data` that both must agree on. */
const ROOTS = {
  order_list: { ordergraph: (d) => d.orders, postgraphile: (d) => d.orders },
  order_detail: { ordergraph: (d) => d.order, postgraphile: (d) => d.order },
  order_list_deep: { ordergraph: (d) => d.orders, postgraphile: (d) => d.orders },
  order_list_total: {
    ordergraph: (d) => ({ totalCount: d.orders.totalCount, orders: { edges: d.orders.edges } }),
    postgraphile: (d) => ({ totalCount: d.orders.totalCount, orders: { nodes: d.orders.nodes } }),
  },
  status_counts: {
    ordergraph: (d) => Object.fromEntries(d.orderStatusCounts.filter((c) => c.count > 0).map((c) => [c.status, c.count])),
    postgraphile: (d) => Object.fromEntries(d.orders.groupedAggregates.map((g) => [g.keys[0], Number(g.distinctCount.rowId)])),
  },
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const NUMERIC = /^-?\d+(\.\d+)?$/;

function globalId(value) {
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const m = /^[A-Z][A-Za-z]*:(\d+)$/.exec(decoded);
  return m && Buffer.from(decoded).toString('base64') === value ? Number(m[1]) : undefined;
}

function normalise(value, key) {
  if (Array.isArray(value)) return value.map((v) => normalise(v));
  if (value && typeof value === 'object') {
    if (Array.isArray(value.edges) && Object.keys(value).every((k) => ['edges', 'pageInfo'].includes(k))) {
      return value.edges.map((e) => normalise(e.node));
    }
    if (Array.isArray(value.nodes) && Object.keys(value).length === 1) return value.nodes.map((n) => normalise(n));
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'totals' && v && typeof v === 'object') Object.assign(out, normalise(v));
      else out[k] = normalise(v, k);
    }
    return out;
  }
  if (typeof value === 'string') {
    if (key === 'id') return globalId(value) ?? value;
    if (ISO_INSTANT.test(value)) return Date.parse(value);
    if (NUMERIC.test(value)) return Number(value);
  }
  return value;
}

/** The first path where two normalised values differ, for the report. */
function firstDifference(a, b, path = '$') {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    if (Array.isArray(a) && a.length !== b.length) return { path: `${path}.length`, ordergraph: a.length, postgraphile: b.length };
    for (const k of keys) {
      const d = firstDifference(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return { path, ordergraph: a, postgraphile: b };
}

function readVars(server, name) {
  const file = opt['vars-dir'] && join(opt['vars-dir'], server, `${name}.vars.json`);
  return file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [undefined];
}

async function ask(server, query, variables) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  for (const h of SERVERS[server].headers) headers[h.slice(0, h.indexOf(':')).trim().toLowerCase()] = h.slice(h.indexOf(':') + 1).trim();
  const response = await fetch(SERVERS[server].url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (response.status !== 200 || body.errors?.length) throw new Error(`${server}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 600)}`);
  return body.data;
}

const isEmpty = (v) => v == null || (Array.isArray(v) && !v.length) || (typeof v === 'object' && !Object.keys(v).length);

let bad = 0;
for (const name of opt.queries.split(/\s+/).filter(Boolean)) {
  const text = (server) => readFileSync(join(opt['query-dir'], server, `${name}.graphql`), 'utf8');
  if (!existsSync(join(opt['query-dir'], 'postgraphile', `${name}.graphql`))) {
    // No peer: ordergraph alone must answer every variable set without errors and not empty.
    for (const [i, variables] of readVars('ordergraph', name).entries()) {
      const line = { query: name, pair: i, peer: false };
      try {
        const data = await ask('ordergraph', text('ordergraph'), variables);
        line.same = !isEmpty(normalise(Object.values(data)[0]));
        line.size = JSON.stringify(data).length;
        if (!line.same) line.problem = 'the answer is empty';
      } catch (error) {
        line.same = false;
        line.problem = error.message;
      }
      if (!line.same) bad++;
      console.log(JSON.stringify(line));
    }
    continue;
  }
  const queries = { ordergraph: text('ordergraph'), postgraphile: text('postgraphile') };
  const vars = { ordergraph: readVars('ordergraph', name), postgraphile: readVars('postgraphile', name) };
  const pairs = Math.max(vars.ordergraph.length, vars.postgraphile.length);
  for (const server of ['ordergraph', 'postgraphile']) {
    if (vars[server].length !== 1 && vars[server].length !== pairs) {
      console.error(`${name}: ${server} has ${vars[server].length} variable sets, the other server ${pairs}`);
      process.exit(1);
    }
  }
  const root = ROOTS[name] ?? { ordergraph: (d) => d, postgraphile: (d) => d };
  for (let i = 0; i < pairs; i++) {
    const line = { query: name, pair: i };
    try {
      const got = {};
      for (const server of ['ordergraph', 'postgraphile']) {
        const variables = vars[server][i % vars[server].length];
        got[server] = normalise(root[server](await ask(server, queries[server], variables)));
      }
      const difference = firstDifference(got.ordergraph, got.postgraphile);
      line.same = !difference && !isEmpty(got.ordergraph);
      line.size = JSON.stringify(got.ordergraph).length;
      if (difference) line.difference = difference;
      else if (!line.same) line.problem = 'both answers are empty';
    } catch (error) {
      line.same = false;
      line.problem = error.message;
    }
    if (!line.same) bad++;
    console.log(JSON.stringify(line));
  }
}
process.exit(bad ? 1 : 0);
