#!/usr/bin/env node
// A counting TCP proxy for the PostgreSQL wire protocol (v3), loopback only. A server whose
// DATABASE_URL points here instead of at PostgreSQL has every statement it sends counted:
//   'Q' (simple query)       one statement (the text is in the message)
//   'E' (Execute, extended)  one statement (the text comes from the Parse behind its portal,
//                            so re-used named prepared statements are attributed too)
//   'P' (Parse)              counted apart: 0 per request means prepared statements are re-used
// Each statement is classified by its first keyword (select, begin, commit, update, ...).
// Plain TCP only: a connection that upgrades to TLS is passed through uncounted.
//
// Env: PROXY_PORT (6551), STATS_PORT (6561), TARGET_PORT (5432); the target is 127.0.0.1.
// Stats: GET http://127.0.0.1:STATS_PORT/stats (JSON), POST /reset.
import net from 'node:net';
import http from 'node:http';

const host = '127.0.0.1';
const proxyPort = Number(process.env.PROXY_PORT ?? 6551);
const statsPort = Number(process.env.STATS_PORT ?? 6561);
const targetPort = Number(process.env.TARGET_PORT ?? 5432);
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

let counts;
function reset() {
  counts = { statements: 0, simple: 0, execute: 0, parse: 0, byKind: {}, texts: new Map() };
}
reset();

function keyword(sql) {
  const m = /^(?:\s+|--[^\n]*\n|\/\*[\s\S]*?\*\/)*([A-Za-z]+)/.exec(sql);
  return m ? m[1].toLowerCase() : '?';
}

function record(sql, simple) {
  counts.statements++;
  if (simple) counts.simple++;
  else counts.execute++;
  const k = keyword(sql);
  counts.byKind[k] = (counts.byKind[k] ?? 0) + 1;
  const key = sql.length > 6000 ? `${sql.slice(0, 6000)} …` : sql;
  counts.texts.set(key, (counts.texts.get(key) ?? 0) + 1);
}

/** A NUL-terminated string at offset; returns it and the offset after the NUL. */
function cstring(buf, offset) {
  const end = buf.indexOf(0, offset);
  return [buf.toString('utf8', offset, end), end + 1];
}

function onConnection(client) {
  const upstream = net.connect(targetPort, host);
  const prepared = new Map(); // statement name -> SQL
  const portals = new Map(); // portal name -> SQL
  let pending = Buffer.alloc(0);
  let started = false; // startup message seen
  let passThrough = false; // TLS/GSS accepted: nothing more can be read
  let sslAsked = false;

  // Frontend messages: length-prefixed after startup; split them as chunks arrive.
  function parse() {
    for (;;) {
      if (!started) {
        if (pending.length < 8 || pending.length < pending.readInt32BE(0)) return;
        const length = pending.readInt32BE(0);
        const code = pending.readInt32BE(4);
        pending = pending.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          sslAsked = true; // the server answers one byte; a startup message follows if refused
          continue;
        }
        started = true;
        continue;
      }
      if (pending.length < 5) return;
      const length = pending.readInt32BE(1);
      if (pending.length < 1 + length) return;
      const type = pending[0];
      const body = pending.subarray(5, 1 + length);
      pending = pending.subarray(1 + length);
      if (type === 0x51 /* Q */) record(cstring(body, 0)[0], true);
      else if (type === 0x50 /* P */) {
        counts.parse++;
        const [name, at] = cstring(body, 0);
        prepared.set(name, cstring(body, at)[0]);
      } else if (type === 0x42 /* B */) {
        const [portal, at] = cstring(body, 0);
        const [statement] = cstring(body, at);
        portals.set(portal, prepared.get(statement) ?? `<statement ${statement} prepared before counting>`);
      } else if (type === 0x45 /* E */) record(portals.get(cstring(body, 0)[0]) ?? '<unknown portal>', false);
      else if (type === 0x43 /* C: close */) (body[0] === 0x53 ? prepared : portals).delete(cstring(body, 1)[0]);
    }
  }

  client.on('data', (chunk) => {
    upstream.write(chunk);
    if (passThrough) return;
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    parse();
  });
  upstream.on('data', (chunk) => {
    if (sslAsked) {
      sslAsked = false;
      if (chunk[0] === 0x53 /* S */ || chunk[0] === 0x47 /* G */) passThrough = true;
    }
    client.write(chunk);
  });
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  for (const socket of [client, upstream]) {
    socket.on('error', close);
    socket.on('close', close);
  }
}

const proxy = net.createServer(onConnection).listen(proxyPort, host);
const stats = http
  .createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/reset') {
      reset();
      res.writeHead(204).end();
    } else if (req.url === '/stats') {
      const { texts, ...rest } = counts;
      const top = [...texts].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([sql, count]) => ({ count, sql }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...rest, distinctTexts: texts.size, top }));
    } else res.writeHead(404).end();
  })
  .listen(statsPort, host, () =>
    console.log(JSON.stringify({ sqlcountProxy: `${host}:${proxyPort} -> ${host}:${targetPort}`, stats: `${host}:${statsPort}`, pid: process.pid })),
  );

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    proxy.close();
    stats.close();
    process.exit(0);
  });
}
