#!/usr/bin/env node
// Writes the variables files the queries rotate over, from the seeded data:
//   OUT/ordergraph/order_detail.vars.json     [{ id: <global id> }, ...]
//   OUT/postgraphile/order_detail.vars.json   [{ id: <row id> }, ...]   (same orders, same order)
//   OUT/postgraphile/{order_list,status_counts}.vars.json  [{ tenantId }]
// Detail ids: DETAIL_IDS (64) orders evenly spread over the tenant's orders that have a shipment,
// so the nested shipment events are exercised.
//   node make-vars.mjs --tenant bench --out results/run-X/vars   (DATABASE_URL: the bench database)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values: opt } = parseArgs({ options: { tenant: { type: 'string', default: 'bench' }, out: { type: 'string' } } });
if (!opt.out || !process.env.DATABASE_URL) {
  console.error('usage: DATABASE_URL=... node make-vars.mjs --tenant SLUG --out DIR');
  process.exit(2);
}
const wanted = Number(process.env.DETAIL_IDS ?? 64);
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
try {
  const tenants = await client.query('SELECT id FROM "Tenant" ORDER BY id');
  const tenant = await client.query('SELECT id FROM "Tenant" WHERE slug = $1', [opt.tenant]);
  if (!tenant.rows.length) throw new Error(`tenant "${opt.tenant}" is not in the database: seed it first`);
  // PostGraphile sees every row; both servers return the same data only with one tenant.
  if (tenants.rows.length !== 1) throw new Error(`the bench database must hold exactly one tenant, found ${tenants.rows.length}`);
  const tenantId = tenant.rows[0].id;
  const { rows } = await client.query(
    `SELECT o.id FROM "Order" o
      WHERE o."tenantId" = $1 AND EXISTS (SELECT 1 FROM "Shipment" s WHERE s."orderId" = o.id)
      ORDER BY o.id`,
    [tenantId],
  );
  if (!rows.length) throw new Error('no order with a shipment: is the database seeded?');
  const step = Math.max(1, Math.floor(rows.length / wanted));
  const ids = rows.filter((_, i) => i % step === 0).slice(0, wanted).map((r) => r.id);
  const write = (server, name, value) => {
    mkdirSync(join(opt.out, server), { recursive: true });
    writeFileSync(join(opt.out, server, `${name}.vars.json`), `${JSON.stringify(value)}\n`);
  };
  write('ordergraph', 'order_detail', ids.map((id) => ({ id: Buffer.from(`Order:${id}`).toString('base64') })));
  write('postgraphile', 'order_detail', ids.map((id) => ({ id })));
  write('postgraphile', 'order_list', [{ tenantId }]);
  write('postgraphile', 'status_counts', [{ tenantId }]);
  console.log(JSON.stringify({ tenantId, detailIds: ids.length, ordersWithShipment: rows.length }));
} finally {
  await client.end();
}
