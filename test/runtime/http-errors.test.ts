// What a client gets for bad requests: a clear error with the status code of
// GraphQL over HTTP (400 / 415 for request errors with application/graphql-response+json,
// 200 with errors for field errors and for application/json), never a 500 or a stack trace.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { createApiKey } from '../../src/auth/api-keys.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { testConfig, testApp } from '../support/app.js';
import { post } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

interface Body {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }>;
  extensions?: { requestId?: string };
}

const globalId = (raw: string) => Buffer.from(raw).toString('base64');
const JSON_ONLY = { accept: 'application/json' };

let t: TestTenant;
beforeAll(async () => {
  t = await newTenant();
});

async function send(body: unknown, headers: Record<string, string> = {}) {
  const response = await post(body, { authorization: `Bearer ${t.key}`, ...headers });
  const text = await response.text();
  // Whatever went wrong, nothing of the server's insides reaches the client.
  expect(text).not.toMatch(/stack|node_modules|\/src\/|prisma|invocation/i);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: (text ? JSON.parse(text) : undefined) as Body | undefined,
  };
}

/** What the production app of appsLosingTheirDatabase logged. */
const lostLogs: Array<Record<string, any>> = [];
let lostApps: Promise<Record<'test' | 'production', { app: App; fetch: (body: unknown) => Promise<Response> }>> | undefined;

/**
 * Two apps (test and production settings) over a database connection of their own,
 * which is closed once each has checked (and cached) its key: every query after
 * that fails inside a resolver, as when the database goes away. An honest
 * unexpected error.
 */
function appsLosingTheirDatabase() {
  lostApps ??= (async () => {
    const database: Database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: 'memory://', poolSize: 2 });
    const open = async (env: Record<string, string>, logger: Logger) => {
      const config = testConfig({ DATABASE_URL: process.env.DATABASE_URL ?? '', API_KEY_CACHE_MS: '60000', ...env });
      return createApp(config, { database, logger });
    };
    const apps = {
      test: await open({ NODE_ENV: 'test' }, createLogger('silent')),
      production: await open({ NODE_ENV: 'production', DOCUMENT_URL_SECRET: 'a-document-url-secret-of-at-least-32-characters', EXPORT_URL_SECRET: 'test-export-url-secret-0123456789abcdef' }, createLogger('info', { write: (line: string) => void lostLogs.push(JSON.parse(line)) })),
    };
    const tenant = await database.prisma.tenant.create({ data: { slug: `lost-${randomUUID()}`, name: 'Lost' } });
    const { key } = await createApiKey(database.prisma, { tenantId: tenant.id, name: 'lost', role: 'OWNER' });
    const fetcher = (app: App) => async (body: unknown) =>
      app.yoga.fetch('http://ordergraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${key}` },
        body: JSON.stringify(body),
      });
    const result = { test: { app: apps.test, fetch: fetcher(apps.test) }, production: { app: apps.production, fetch: fetcher(apps.production) } };
    for (const { fetch } of Object.values(result)) expect((await fetch({ query: '{ viewer { role } }' })).status).toBe(200);
    await database.close();
    lostLogs.length = 0;
    return result;
  })();
  return lostApps;
}
afterAll(async () => {
  for (const { app } of Object.values((await lostApps) ?? {})) await app.stop();
});

/** The single error of a response: its message and code. */
function onlyError(body: Body | undefined) {
  expect(body?.errors).toHaveLength(1);
  const [error] = body!.errors!;
  return { message: error!.message, code: error!.extensions?.code, path: error!.path };
}

describe('request errors', () => {
  it('answers a body that is not JSON with 400 BAD_REQUEST', async () => {
    const { status, body } = await send('{"query": "{ viewer { role } ');
    expect(status).toBe(400);
    expect(onlyError(body)).toMatchObject({ message: 'POST body sent invalid JSON.', code: 'BAD_REQUEST' });
  });

  it('answers a content type it does not read with 415', async () => {
    for (const contentType of ['text/plain', 'application/xml']) {
      const { status } = await send(JSON.stringify({ query: '{ viewer { role } }' }), { 'content-type': contentType });
      expect(status).toBe(415);
    }
  });

  it('answers a body without a query, or a batch, with 400 BAD_REQUEST', async () => {
    const missing = await send({ variables: {} });
    expect(missing.status).toBe(400);
    expect(onlyError(missing.body)).toEqual({ message: 'Must provide query string.', code: 'BAD_REQUEST', path: undefined });
    const batch = await send([{ query: '{ viewer { role } }' }]);
    expect(batch.status).toBe(400);
    expect(onlyError(batch.body)).toMatchObject({ message: 'Batching is not supported.', code: 'BAD_REQUEST' });
  });

  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
    const { status, body } = await send({ query: '{ viewer { ' });
    expect(status).toBe(400);
    expect(onlyError(body)).toMatchObject({ message: 'Syntax Error: Expected Name, found <EOF>.', code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('answers an unknown field with GRAPHQL_VALIDATION_FAILED: 400, or 200 for application/json clients', async () => {
    const strict = await send({ query: '{ viewer { role colour } }' });
    expect(strict.status).toBe(400);
    expect(strict.contentType).toMatch(/^application\/graphql-response\+json/);
    expect(onlyError(strict.body)).toMatchObject({ message: 'Cannot query field "colour" on type "Viewer".', code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(strict.body).not.toHaveProperty('data');

    const legacy = await send({ query: '{ viewer { role colour } }' }, JSON_ONLY);
    expect(legacy.status).toBe(200);
    expect(legacy.contentType).toMatch(/^application\/json/);
    expect(onlyError(legacy.body).code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers a variable of the wrong type with BAD_USER_INPUT: 400, or 200 for application/json clients', async () => {
    const request = { query: 'query Page($first: Int) { warehouses(first: $first) { totalCount } }', variables: { first: 'ten' } };
    const strict = await send(request);
    expect(strict.status).toBe(400);
    expect(onlyError(strict.body)).toEqual({
      message: 'Variable "$first" got invalid value "ten"; Int cannot represent non-integer value: "ten"',
      code: 'BAD_USER_INPUT',
      path: undefined,
    });
    const legacy = await send(request, JSON_ONLY);
    expect(legacy.status).toBe(200);
    expect(onlyError(legacy.body).code).toBe('BAD_USER_INPUT');

    const missing = await send({ query: 'query One($id: ID!) { warehouse(id: $id) { name } }', variables: {} });
    expect(missing.status).toBe(400);
    expect(onlyError(missing.body)).toMatchObject({ message: 'Variable "$id" of required type "ID!" was not provided.', code: 'BAD_USER_INPUT' });

    const notAnObject = await send({ query: '{ viewer { role } }', variables: 'first=10' });
    expect(notAnObject.status).toBe(400);
    expect(onlyError(notAnObject.body).code).toBe('BAD_REQUEST');
  });
});

describe('field errors: 200 with errors and a null field', () => {
  it.each([
    ['not base64', '%%%', 'Invalid global ID: %%%'],
    ['without a type name', globalId('12'), `Invalid global ID: ${globalId('12')}`],
    ['of an unknown type', globalId('Parcel:1'), 'Invalid global ID: it does not name a type that can be fetched by id'],
    ['of a type that is not a node', globalId('Role:1'), 'Invalid global ID: it does not name a type that can be fetched by id'],
    ['with a non-numeric id', globalId('Warehouse:abc'), 'Invalid object id "abc"'],
    ['with an id beyond the integer range', globalId('Warehouse:99999999999'), 'Invalid object id "99999999999"'],
  ])('refuses node(id:) with a global id %s as BAD_USER_INPUT', async (_case, id, message) => {
    const { status, body } = await send({ query: 'query Node($id: ID!) { node(id: $id) { id } }', variables: { id } });
    expect(status).toBe(200);
    expect(body?.data).toEqual({ node: null });
    expect(onlyError(body)).toEqual({ message, code: 'BAD_USER_INPUT', path: ['node'] });
  });

  it.each([
    ['not base64', '%%%', 'Invalid global ID: %%%'],
    ['of another type', globalId('Order:1'), 'Expected a Warehouse id, got a Order id'],
    ['with a non-numeric id', globalId('Warehouse:abc'), 'Invalid Warehouse id "abc"'],
    ['with a negative id', globalId('Warehouse:-1'), 'Invalid Warehouse id "-1"'],
  ])('refuses warehouse(id:) with a global id %s as BAD_USER_INPUT', async (_case, id, message) => {
    const { status, body } = await send({ query: `{ warehouse(id: ${JSON.stringify(id)}) { name } }` });
    expect(status).toBe(200);
    expect(body?.data).toEqual({ warehouse: null });
    expect(onlyError(body)).toEqual({ message, code: 'BAD_USER_INPUT', path: ['warehouse'] });
  });

  it('refuses first: 1000 with BAD_USER_INPUT naming the limit', async () => {
    for (const headers of [{}, JSON_ONLY]) {
      const { status, body } = await send({ query: '{ warehouses(first: 1000) { totalCount } }' }, headers);
      expect(status).toBe(200);
      expect(body?.data).toBeNull();
      expect(onlyError(body)).toEqual({
        message: 'Argument "first" of Query.warehouses must be between 0 and 100, got 1000',
        code: 'BAD_USER_INPUT',
        path: ['warehouses'],
      });
    }
  });

  it('refuses nodes(ids:) with more than 100 ids with BAD_USER_INPUT naming the limit', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => Buffer.from(`Warehouse:${i + 1}`).toString('base64'));
    const { status, body } = await send({ query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids } });
    expect(status).toBe(200);
    expect(onlyError(body)).toEqual({
      message: 'Argument "ids" of Query.nodes takes at most 100 ids, got 101',
      code: 'BAD_USER_INPUT',
      path: ['nodes'],
    });
  });

  it('refuses a cursor it did not issue with BAD_USER_INPUT', async () => {
    const { status, body } = await send({ query: '{ warehouses(first: 5, after: "not-a-cursor") { totalCount } }' });
    expect(status).toBe(200);
    expect(onlyError(body)).toMatchObject({ code: 'BAD_USER_INPUT', path: ['warehouses'] });
  });

  it('masks an unexpected error as "Unexpected error." with its path', async () => {
    // The database went away: the driver's error must not reach the client.
    const { fetch } = (await appsLosingTheirDatabase()).test;
    const response = await fetch({ query: '{ warehouses(filter: { search: "gudang" }) { totalCount } }' });
    const text = await response.text();
    expect(text).not.toMatch(/stack|node_modules|\/src\/|prisma|invocation|pool|pglite/i);
    const body = JSON.parse(text) as Body;
    expect(response.status).toBe(200);
    expect(body?.data).toBeNull();
    expect(onlyError(body)).toEqual({ message: 'Unexpected error.', code: 'INTERNAL_SERVER_ERROR', path: ['warehouses', 'totalCount'] });
  });
});

describe('the NUL character, which PostgreSQL text cannot hold', () => {
  it.each([
    ['an argument', { query: '{ warehouses(filter: { search: "a\\u0000b" }) { totalCount } }' }, 'Argument "filter.search" of Query.warehouses'],
    ['a list item', { query: '{ nodes(ids: ["V2FyZWhvdXNlOjE=", "\\u0000"]) { id } }' }, 'Argument "ids[1]" of Query.nodes'],
    ['a variable default', { query: 'query($s: String = "\\u0000") { warehouses(filter: { search: $s }) { totalCount } }' }, 'Default value "$s"'],
    [
      'a variable',
      { query: 'mutation($input: WarehouseCreateInput!) { warehouseCreate(input: $input) { __typename } }', variables: { input: { code: 'W1', name: 'Gudang\u0000' } } },
      'Variable "$input" at "input.name"',
    ],
  ])('is refused in %s as BAD_USER_INPUT naming where, before anything runs', async (_case, request, where) => {
    const strict = await send(request);
    expect(strict.status).toBe(400);
    expect(onlyError(strict.body)).toMatchObject({ message: `${where} must not contain the NUL character (\\u0000).`, code: 'BAD_USER_INPUT' });
    const legacy = await send(request, JSON_ONLY);
    expect(legacy.status).toBe(200);
    expect(onlyError(legacy.body).code).toBe('BAD_USER_INPUT');
  });
});

describe('request ids', () => {
  it('returns a request id in extensions.requestId and the x-request-id header', async () => {
    const response = await post({ query: '{ viewer { role } }' }, { authorization: `Bearer ${t.key}` });
    const body = (await response.json()) as Body;
    const header = response.headers.get('x-request-id');
    expect(header).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.extensions?.requestId).toBe(header);
    const other = await post({ query: '{ viewer { role } }' }, { authorization: `Bearer ${t.key}` });
    expect(other.headers.get('x-request-id')).not.toBe(header);
  });

  it('keeps a request id the client sends, on errors too, unless it is not a plain token', async () => {
    const sent = await post({ query: '{ viewer { role } }' }, { 'x-request-id': 'checkout-7f3a.2' });
    expect(sent.status).toBe(401);
    expect(sent.headers.get('x-request-id')).toBe('checkout-7f3a.2');
    expect(((await sent.json()) as Body).extensions?.requestId).toBe('checkout-7f3a.2');

    const odd = await post({ query: '{ viewer { role } }' }, { authorization: `Bearer ${t.key}`, 'x-request-id': 'a b {"level":60}' });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('in production', () => {
  const logs: Array<Record<string, any>> = [];
  let production: App;

  beforeAll(async () => {
    const { app } = await testApp();
    const config = testConfig({ NODE_ENV: 'production', DOCUMENT_URL_SECRET: 'a-document-url-secret-of-at-least-32-characters', EXPORT_URL_SECRET: 'test-export-url-secret-0123456789abcdef', DATABASE_URL: process.env.DATABASE_URL });
    const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line)) });
    production = await createApp(config, { database: app.db, logger });
  });
  afterAll(() => production?.stop());

  const fetchProduction = (body: unknown, headers: Record<string, string> = {}) =>
    production.yoga.fetch('http://ordergraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${t.key}`, ...headers },
      body: JSON.stringify(body),
    });

  it('logs an unexpected error in full with the request id, and each request', async () => {
    const { fetch } = (await appsLosingTheirDatabase()).production;
    const response = await fetch({ query: 'query Search { warehouses(filter: { search: "gudang" }) { totalCount } }' });
    const requestId = response.headers.get('x-request-id');
    const body = (await response.json()) as Body;
    expect(body.errors?.[0]?.message).toBe('Unexpected error.');

    const errors = lostLogs.filter((l) => l.msg === 'unexpected error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ level: 50, requestId, path: ['warehouses', 'totalCount'] });
    expect(errors[0]!.err.message).toMatch(/\w/);
    expect(errors[0]!.err.stack).toContain('Prisma');
    expect(lostLogs.find((l) => l.msg === 'request')).toMatchObject({
      level: 30,
      requestId,
      method: 'POST',
      path: '/graphql',
      operationName: 'Search',
      status: 200,
    });
  });

  it('does not suggest field names, and serves no GraphiQL', async () => {
    const response = await fetchProduction({ query: '{ viewer { rol } }' });
    expect(((await response.json()) as Body).errors?.[0]?.message).toBe('Cannot query field "rol" on type "Viewer".');
    const page = await production.yoga.fetch('http://ordergraph.test/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('<html');
  });

  it('serves GraphiQL with the default query outside production, without the demo key unless in demo mode', async () => {
    const { app } = await testApp();
    const page = await app.yoga.fetch('http://ordergraph.test/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>ordergraph</title>');
    expect(html).toContain('query NewestOrders');
    expect(html).not.toContain('og_demo_key');
  });
});
