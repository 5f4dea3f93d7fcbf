// Introspection works for every role whatever the limits say (GraphiQL's Docs panel,
// autocomplete, codegen from the URL), and stays costed and throttled. The app here
// has the lowest limits the configuration accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import { createApp, type App } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import type { Role } from '../../src/db/generated/prisma/enums.js';
import { testConfig, testApp } from '../support/app.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const ROLES: Role[] = ['OWNER', 'ADMIN', 'STAFF', 'WAREHOUSE', 'PARTNER', 'VIEWER'];
const CAPACITY = 10;

// What GraphiQL 5 sends (its copy of graphql-js's query, with input value deprecation).
const GRAPHIQL_QUERY = getIntrospectionQuery({ inputValueDeprecation: true });
// graphql-js's query with every option codegen and IDE plugins may switch on.
const FULL_QUERY = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
});

let app: App;
let t: TestTenant;

beforeAll(async () => {
  const { app: shared } = await testApp();
  const config = testConfig({
    API_KEY_CACHE_MS: '0',
    QUERY_MAX_DEPTH: '2',
    QUERY_MAX_ALIASES: '1',
    QUERY_MAX_DIRECTIVES: '1',
    QUERY_MAX_TOKENS: '1000',
    QUERY_MAX_COST: '10',
    RATE_LIMIT_CAPACITY: String(CAPACITY),
    RATE_LIMIT_RESTORE_RATE: '1',
  });
  app = await createApp(config, { database: shared.db, logger: createLogger('silent') });
  t = await newTenant();
});
afterAll(() => app?.stop());

async function send(key: string, query: string, operationName?: string) {
  const response = await app.yoga.fetch('http://ordergraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, operationName }),
  });
  return { status: response.status, json: (await response.json()) as any };
}

describe('introspection at the lowest limits', () => {
  it.each(ROLES)("passes GraphiQL's query and graphql-js's full query for %s", async (role) => {
    for (const query of [GRAPHIQL_QUERY, FULL_QUERY]) {
      // A fresh key per query: one full introspection empties a bucket of 10 points.
      const { status, json } = await send(await t.apiKey(role), query, 'IntrospectionQuery');
      expect(json.errors).toBeUndefined();
      expect(status).toBe(200);
      const names = json.data.__schema.types.map((type: { name: string }) => type.name);
      expect(names).toEqual(expect.arrayContaining(['Order', 'Customer', 'Decimal', 'DateTime']));
      expect(json.extensions.cost.requestedQueryCost).toBeGreaterThan(CAPACITY);
      expect(json.extensions.cost.throttleStatus.currentlyAvailable).toBe(0);
    }
  });

  it('throttles a flood of introspection: the second one at once gets 429', async () => {
    const key = await t.apiKey('PARTNER');
    expect((await send(key, GRAPHIQL_QUERY)).status).toBe(200);
    const second = await send(key, GRAPHIQL_QUERY);
    expect(second.status).toBe(429);
    expect(second.json.errors[0].extensions.code).toBe('THROTTLED');
  });

  it('keeps QUERY_MAX_DEPTH and QUERY_MAX_COST for everything else', async () => {
    const deep = await send(await t.apiKey('VIEWER'), '{ viewer { tenant { name } } }');
    expect(deep.json.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    // Introspection next to a normal field is a normal operation: QUERY_MAX_COST holds.
    const mixed = await send(await t.apiKey('VIEWER'), '{ viewer { role } __schema { types { fields { type { name } } } } }');
    expect(mixed.json.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', cost: { maximumCost: 10 } });
  });

  it('refuses a __schema selection deeper than the introspection limit', async () => {
    const nested = `{ __schema { types { fields { type { ${'ofType { '.repeat(20)}name${' }'.repeat(20)} } } } } }`;
    const { status, json } = await send(await t.apiKey('OWNER'), nested);
    expect(status).toBe(400);
    expect(json.errors[0]).toMatchObject({ message: 'Introspection depth limit of 20 exceeded.', extensions: { code: 'QUERY_TOO_COMPLEX' } });
  });
});
