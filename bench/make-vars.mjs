#!/usr/bin/env node
// Writes the variables files the queries rotate over, from the seeded data:
//   OUT/ordergraph/order_detail.vars.json     [{ id: <global id> }, ...]
//   OUT/postgraphile/order_detail.vars.json   [{ id: <row id> }, ...]   (same orders, same order)
//   OUT/postgraphile/{order_list,order_list_total,status_counts}.vars.json  [{ tenantId }]
//   OUT/ordergraph/order_detail_transitions.vars.json  the detail's ids
//   OUT/ordergraph/dashboard_tab.vars.json    [{ from, to }]: the middle half of the orders' createdAt
//   OUT/ordergraph/order_search.vars.json     [{ term }, ...]: fragments of customer names, SKUs, order codes
//   OUT/ordergraph/order_list_deep.vars.json  [{ after }, ...]: cursors of rows in the middle of the list;
//     OUT/deep-positions.json keeps those rows' positions, for deep-cursors.mjs to ask PostGraphile for its own
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
  write('postgraphile', 'order_list_total', [{ tenantId }]);
  write('ordergraph', 'order_detail_transitions', ids.map((id) => ({ id: Buffer.from(`Order:${id}`).toString('base64') })));

  // A dashboard tab: orders created in the middle half of the data's time span.
  const span = await client.query(
    `SELECT percentile_disc(0.25) WITHIN GROUP (ORDER BY "createdAt") AS "from",
            percentile_disc(0.75) WITHIN GROUP (ORDER BY "createdAt") AS "to"
       FROM "Order" WHERE "tenantId" = $1`,
    [tenantId],
  );
  write('ordergraph', 'dashboard_tab', [{ from: span.rows[0].from.toISOString(), to: span.rows[0].to.toISOString() }]);

  // Search terms as people type them: part of a customer's name, a SKU's start, an order number's end.
  const names = await client.query(
    `SELECT name FROM "Customer" WHERE "tenantId" = $1 AND length(name) >= 8 ORDER BY id LIMIT 8`,
    [tenantId],
  );
  const skus = await client.query(`SELECT sku FROM "Variation" WHERE "tenantId" = $1 ORDER BY id LIMIT 4`, [tenantId]);
  const codes = await client.query(`SELECT code FROM "Order" WHERE "tenantId" = $1 ORDER BY id DESC LIMIT 4`, [tenantId]);
  const terms = [
    ...names.rows.map((r) => r.name.slice(2, 7)),
    ...skus.rows.map((r) => r.sku.slice(0, 6)),
    ...codes.rows.map((r) => r.code.slice(-5)),
  ];
  write('ordergraph', 'order_search', terms.map((term) => ({ term })));

  // A page deep into the list: after the rows in the middle of it (newest first, id breaking ties).
  const total = Number((await client.query('SELECT count(*) FROM "Order" WHERE "tenantId" = $1', [tenantId])).rows[0].count);
  const positions = Array.from({ length: 8 }, (_, i) => Math.floor(total / 2) + i * 97).filter((k) => k < total - 50);
  const deep = [];
  for (const k of positions) {
    const row = await client.query(`SELECT id FROM "Order" WHERE "tenantId" = $1 ORDER BY "createdAt" DESC, id DESC OFFSET $2 LIMIT 1`, [tenantId, k]);
    // The connection's cursor: base64 of "GPC:N:<id>" (Pothos's Prisma cursor of an integer id).
    deep.push({ after: Buffer.from(`GPC:N:${row.rows[0].id}`).toString('base64') });
  }
  write('ordergraph', 'order_list_deep', deep);
  writeFileSync(join(opt.out, 'deep-positions.json'), `${JSON.stringify({ tenantId, positions })}\n`);
  console.log(JSON.stringify({ tenantId, detailIds: ids.length, ordersWithShipment: rows.length, searchTerms: terms, deepPositions: positions }));
} finally {
  await client.end();
}
