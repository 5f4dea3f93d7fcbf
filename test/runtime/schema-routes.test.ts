// The schema for typed clients: GET /graphql/schema.graphql and /graphql/schema.json,
// for every role with a valid key, the SDL being the committed file's text.
import { readFileSync } from 'node:fs';
import { buildClientSchema, getIntrospectionQuery, printSchema, lexicographicSortSchema, type IntrospectionQuery } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/generated/prisma/enums.js';
import { testApp } from '../support/app.js';
import { execute } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const COMMITTED = readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
const ROLES: Role[] = ['OWNER', 'ADMIN', 'STAFF', 'WAREHOUSE', 'PARTNER', 'VIEWER'];

let t: TestTenant;
beforeAll(async () => {
  t = await newTenant();
});

async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const { app } = await testApp();
  return app.yoga.fetch(`http://ordergraph.test${path}`, { method, headers });
}

describe('the schema over HTTP', () => {
  it.each(ROLES)('serves the committed SDL to %s', async (role) => {
    const response = await get('/graphql/schema.graphql', { authorization: `Bearer ${await t.apiKey(role)}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/graphql; charset=utf-8');
    expect(await response.text()).toBe(COMMITTED);
  });

  it('serves the introspection result as JSON, the same schema as introspection over GraphQL', async () => {
    const response = await get('/graphql/schema.json', { authorization: `Bearer ${await t.apiKey('PARTNER')}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const served = ((await response.json()) as { data: IntrospectionQuery }).data;
    expect(`${printSchema(buildClientSchema(served))}\n`).toBe(COMMITTED);
    const introspected = await execute<IntrospectionQuery, never>(await t.apiKey('PARTNER'), getIntrospectionQuery({ specifiedByUrl: true }));
    expect(printSchema(lexicographicSortSchema(buildClientSchema(introspected.data!)))).toBe(printSchema(buildClientSchema(served)));
    const decimal = served.__schema.types.find((type) => type.name === 'Decimal') as { specifiedByURL?: string };
    expect(decimal.specifiedByURL).toBe('https://www.w3.org/TR/xmlschema11-2/#decimal');
  });

  it('answers 304 to a client that has the same version', async () => {
    const authorization = `Bearer ${await t.apiKey('VIEWER')}`;
    const first = await get('/graphql/schema.graphql', { authorization });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/graphql/schema.graphql', { authorization, 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('refuses a request without a valid key, and methods other than GET', async () => {
    const none = await get('/graphql/schema.graphql');
    expect(none.status).toBe(401);
    expect(((await none.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await get('/graphql/schema.json', { authorization: 'Bearer og_not_a_real_key_0000000000000000000' })).status).toBe(401);
    expect((await get('/graphql/schema.graphql', { authorization: `Bearer ${t.key}` }, 'POST')).status).toBe(405);
  });
});
