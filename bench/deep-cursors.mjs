#!/usr/bin/env node
// PostGraphile's cursors for the deep page (order_list_deep): the run asks the server itself,
// once it answers, for the cursor of each row make-vars.mjs picked, so each server pages by
// its own cursor from the same row.
//   node deep-cursors.mjs --vars-dir results/run-X/vars --postgraphile http://127.0.0.1:4802/graphql
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({ options: { 'vars-dir': { type: 'string' }, postgraphile: { type: 'string' } } });
if (!opt['vars-dir'] || !opt.postgraphile) {
  console.error('usage: node deep-cursors.mjs --vars-dir DIR --postgraphile URL');
  process.exit(2);
}
const { tenantId, positions } = JSON.parse(readFileSync(join(opt['vars-dir'], 'deep-positions.json'), 'utf8'));
const query = `query ($tenantId: Int!, $offset: Int!) {
  orders(condition: { tenantId: $tenantId }, orderBy: [CREATED_AT_DESC, ROW_ID_DESC], offset: $offset, first: 1) { edges { cursor } }
}`;
const vars = [];
for (const offset of positions) {
  const response = await fetch(opt.postgraphile, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables: { tenantId, offset } }),
  });
  const body = await response.json();
  const cursor = body.data?.orders?.edges?.[0]?.cursor;
  if (!cursor) throw new Error(`PostGraphile gave no cursor at offset ${offset}: ${JSON.stringify(body).slice(0, 400)}`);
  vars.push({ tenantId, after: cursor });
}
writeFileSync(join(opt['vars-dir'], 'postgraphile', 'order_list_deep.vars.json'), `${JSON.stringify(vars)}\n`);
console.log(JSON.stringify({ deepCursors: vars.length }));
