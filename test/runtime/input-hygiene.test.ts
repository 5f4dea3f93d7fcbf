// Input and error hygiene over HTTP: impossible dates, numbers where Decimal wants a
// string, malformed request parameters, suggestions in production, the same
// answer for every unusable key, and lone UTF-16 surrogates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { testConfig, testApp } from '../support/app.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

interface Body {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

let t: TestTenant;
let production: App;
beforeAll(async () => {
  t = await newTenant();
  const { app } = await testApp();
  const config = testConfig({ NODE_ENV: 'production', DOCUMENT_URL_SECRET: 'a-document-url-secret-of-at-least-32-characters', EXPORT_URL_SECRET: 'test-export-url-secret-0123456789abcdef', DATABASE_URL: process.env.DATABASE_URL, API_KEY_CACHE_MS: '0' });
  production = await createApp(config, { database: app.db, logger: createLogger('silent') });
});
afterAll(() => production?.stop());

async function send(body: unknown, options: { key?: string; app?: App } = {}) {
  const app = options.app ?? (await testApp()).app;
  const response = await app.yoga.fetch('http://ordergraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${options.key ?? t.key}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  expect(text).not.toMatch(/stack|node_modules|\/src\/|prisma|invocation|Unexpected error/i);
  return { status: response.status, body: JSON.parse(text) as Body };
}

const API_KEY_CREATE = 'mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { __typename } }';

describe('dates', () => {
  it.each(['2024-02-30T00:00:00Z', '2023-02-29', '2024-04-31T10:00:00+07:00', '2024-13-01', '2024-01-01T24:00:00Z', '2024-01-01T10:60:00Z', '2024-01-01T10:00:00+25:00'])(
    'refuses the impossible DateTime %s as BAD_USER_INPUT instead of rolling it over',
    async (value) => {
      const before = await t.prisma.apiKey.count({ where: { tenantId: t.id } });
      const { status, body } = await send({ query: API_KEY_CREATE, variables: { input: { name: 'n', role: 'VIEWER', expiresAt: value } } });
      expect(status).toBe(400);
      expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(body.errors![0]!.message).toContain(value);
      expect(await t.prisma.apiKey.count({ where: { tenantId: t.id } })).toBe(before);
    },
  );

  it('refuses it as a literal too, and keeps accepting 29 February of a leap year', async () => {
    const literal = await send({ query: 'mutation { apiKeyCreate(input: { name: "n", role: VIEWER, expiresAt: "2024-02-30T00:00:00Z" }) { __typename } }' });
    expect(literal.status).toBe(400);
    // A literal that does not fit its type is a validation error in GraphQL.
    expect(literal.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.body.errors![0]!.message).toContain('"2024-02-30T00:00:00Z" is not a valid date-time');
    const leap = await send({ query: API_KEY_CREATE, variables: { input: { name: 'leap', role: 'VIEWER', expiresAt: '2028-02-29T23:59:59.999+07:00' } } });
    expect(leap.body.data?.apiKeyCreate.__typename).toBe('ApiKeyCreatePayload');
    const row = await t.prisma.apiKey.findFirstOrThrow({ where: { tenantId: t.id, name: 'leap' } });
    expect(row.expiresAt!.toISOString()).toBe('2028-02-29T16:59:59.999Z');
  });
});

describe('Decimal', () => {
  it('refuses a JSON number with BAD_USER_INPUT saying to send a string', async () => {
    const { status, body } = await send({
      query: 'mutation($input: VariationUpdateInput!) { variationUpdate(input: $input) { __typename } }',
      variables: { input: { variation: 'VmFyaWF0aW9uOjE=', price: 100.5 } },
    });
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toContain('Decimal must be a string such as "100.5", not a JSON number');
  });
});

describe('malformed request parameters', () => {
  it.each([
    ['operationName as an object', { query: '{ viewer { role } }', operationName: { a: 1 } }, 'operationName'],
    ['operationName as a number', { query: '{ viewer { role } }', operationName: 7 }, 'operationName'],
    ['variables as a string', { query: '{ viewer { role } }', variables: 'x' }, 'variables'],
    ['variables as a list', { query: '{ viewer { role } }', variables: [1] }, 'variables'],
    ['extensions as a number', { query: '{ viewer { role } }', extensions: 3 }, 'extensions'],
    ['query as an object', { query: { a: 1 } }, 'query'],
  ])('answers %s with 400 and a message naming it', async (_case, body, name) => {
    const response = await send(body);
    expect(response.status).toBe(400);
    expect(response.body.errors![0]!.message).toContain(name);
    expect(response.body.errors![0]!.extensions!.code).toBe('BAD_REQUEST');
  });
});

describe('suggestions in production', () => {
  it('are left out of variable errors (an input field, an enum value), as of validation errors', async () => {
    const typo = await send({ query: API_KEY_CREATE, variables: { input: { nam: 'n', role: 'VIEWER' } } }, { app: production });
    expect(typo.status).toBe(400);
    expect(typo.body.errors!.map((e) => e.message).join(' ')).not.toMatch(/did you mean/i);
    expect(typo.body.errors!.map((e) => e.message)).toContain('Variable "$input" got invalid value { nam: "n", role: "VIEWER" }; Field "nam" is not defined by type "ApiKeyCreateInput".');
    const enumTypo = await send({ query: API_KEY_CREATE, variables: { input: { name: 'n', role: 'VIEWR' } } }, { app: production });
    expect(enumTypo.body.errors!.map((e) => e.message).join(' ')).not.toMatch(/did you mean/i);
    const literal = await send({ query: 'mutation { apiKeyCreate(input: { name: "n", role: VIEWR }) { __typename } }' }, { app: production });
    expect(literal.body.errors!.map((e) => e.message).join(' ')).not.toMatch(/did you mean/i);
    // Outside production they stay: they help a developer.
    const development = await send({ query: API_KEY_CREATE, variables: { input: { name: 'n', role: 'VIEWR' } } });
    expect(development.body.errors![0]!.message).toMatch(/did you mean/i);
  });
});

describe('unusable API keys', () => {
  it('answers revoked, expired and unknown keys with the same message', async () => {
    const revoked = await t.apiKey('VIEWER');
    await t.prisma.apiKey.updateMany({ where: { tenantId: t.id, role: 'VIEWER', revokedAt: null, expiresAt: null }, data: { revokedAt: new Date() } });
    const expired = await t.apiKey('STAFF', { expiresAt: new Date(Date.now() - 1000) });
    const unknown = 'og_this_key_was_never_issued_00000000000';
    const answers = [];
    for (const key of [revoked, expired, unknown]) {
      const { status, body } = await send({ query: '{ viewer { role } }' }, { key, app: production });
      answers.push({ status, message: body.errors![0]!.message, code: body.errors![0]!.extensions!.code });
    }
    expect(answers).toEqual(Array(3).fill({ status: 401, message: 'Invalid API key', code: 'UNAUTHENTICATED' }));
  });
});

describe('lone UTF-16 surrogates', () => {
  it.each([
    ['a high surrogate', '"Gudang \\ud800"', 'input.name'],
    ['a low surrogate', '"\\udc00 Gudang"', 'input.name'],
  ])('refuses %s in a variable as BAD_USER_INPUT, like NUL', async (_case, json, where) => {
    const before = await t.prisma.warehouse.count({ where: { tenantId: t.id } });
    const body = `{"query":"mutation($input: WarehouseCreateInput!) { warehouseCreate(input: $input) { __typename } }","variables":{"input":{"code":"W-S","name":${json}}}}`;
    const { status, body: answer } = await send(body);
    expect(status).toBe(400);
    expect(answer.errors![0]).toMatchObject({ message: `Variable "$input" at "${where}" must not contain a lone UTF-16 surrogate (\\ud800-\\udfff).`, extensions: { code: 'BAD_USER_INPUT' } });
    expect(await t.prisma.warehouse.count({ where: { tenantId: t.id } })).toBe(before);
  });

  it('keeps accepting a surrogate pair (an emoji)', async () => {
    const body = `{"query":"mutation($input: WarehouseCreateInput!) { warehouseCreate(input: $input) { __typename } }","variables":{"input":{"code":"W-E","name":"Gudang \\ud83d\\ude00"}}}`;
    const { body: answer } = await send(body);
    expect(answer.errors).toBeUndefined();
  });

  it('refuses it in a literal too', async () => {
    const { status, body } = await send({ query: '{ warehouses(filter: { search: "a\\ud800b" }) { totalCount } }' });
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions!.code).toMatch(/BAD_USER_INPUT|GRAPHQL_PARSE_FAILED/);
  });
});
