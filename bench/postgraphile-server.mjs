#!/usr/bin/env node
// PostGraphile v5 (Grafast) over ordergraph's database, library mode on node:http: the peer
// that `run.sh` measures ordergraph against. Single process, loopback only, production-like
// (no GraphiQL, no explain, no watch, no websockets, masked errors).
//
// Env:
//   DATABASE_URL       connection string; run.sh gives it the read-only role ordergraph_bench_ro
//   PORT (4802)        listen port on 127.0.0.1
//   DB_POOL_SIZE (10)  pg pool size: the same figure ordergraph gets
//   PGL_EXPORT_SCHEMA  path: write the generated SDL there once the schema is built
import { createServer } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { postgraphile } from 'postgraphile';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { printSchema } from 'postgraphile/graphql';
import { PgAggregatesPreset } from '@graphile/pg-aggregates';
import { PgSimplifyInflectionPreset } from '@graphile/simplify-inflection';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}
const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 4802);
const poolSize = Number(process.env.DB_POOL_SIZE ?? 10);

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset, PgAggregatesPreset],
  pgServices: [
    makePgService({
      connectionString: databaseUrl,
      schemas: ['public'],
      poolConfig: { max: poolSize },
      pubsub: false, // no LISTEN client: queries only
    }),
  ],
  grafserv: { port, host, graphqlPath: '/graphql', graphiql: false, graphiqlOnGraphQLGET: false, watch: false, websockets: false },
  grafast: { explain: false },
  // ordergraph's own SQL functions (the sales and search triggers' helpers) are not part of the
  // API being compared; as custom query fields some would clash with their tables' collections.
  schema: { defaultBehavior: '-queryField' },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
if (process.env.PGL_EXPORT_SCHEMA) await writeFile(process.env.PGL_EXPORT_SCHEMA, printSchema(await pgl.getSchema()));
server.listen(port, host, () => console.log(JSON.stringify({ postgraphile: 'listening', port, pid: process.pid, node: process.version, poolSize })));

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections();
  await serv.release().catch(() => {});
  await pgl.release().catch(() => {});
  console.log(JSON.stringify({ postgraphile: 'stopped', signal }));
  process.exit(0);
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
