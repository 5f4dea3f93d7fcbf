// API keys through the API: owners create (the key shown once), list and revoke
// them; a revoked key is refused on the next request even where it was cached.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { testConfig, testApp } from '../support/app.js';
import { execute, query } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';

const CREATE = `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { __typename
  ... on ApiKeyCreatePayload { key apiKey { id name role prefix revokedAt } }
  ... on ValidationError { problems { path message } } } }`;
const REVOKE = 'mutation($id: ID!) { apiKeyRevoke(id: $id) { __typename ... on ApiKeyRevokePayload { apiKey { id revokedAt } } ... on NotFoundError { entity } } }';
const LIST = '{ apiKeys(first: 10) { totalCount edges { node { name role prefix } } } }';

describe('API keys', () => {
  it('creates a key shown once, which then works with its role, and lists it without the secret', async () => {
    const t = await newTenant();
    const data = await query<any, any>(t.key, CREATE, { input: { name: 'Partner sync', role: 'PARTNER', channel: 'shopee' } });
    expect(data.apiKeyCreate).toMatchObject({ __typename: 'ApiKeyCreatePayload', apiKey: { name: 'Partner sync', role: 'PARTNER', revokedAt: null } });
    const key: string = data.apiKeyCreate.key;
    expect(key.startsWith(data.apiKeyCreate.apiKey.prefix)).toBe(true);
    expect((await query<any, any>(key, '{ viewer { role } }')).viewer.role).toBe('PARTNER');
    const list = await query<any, any>(t.key, LIST);
    expect(list.apiKeys.totalCount).toBe(2);
    expect(JSON.stringify(list)).not.toContain(key);
    const stored = await t.prisma.apiKey.findUniqueOrThrow({ where: { id: Number(data.apiKeyCreate.apiKey.id) } });
    expect(stored.hash).not.toBe(key);
  });

  it('refuses bad input with every problem, and keys for non-owners', async () => {
    const t = await newTenant();
    const bad = await query<any, any>(t.key, CREATE, { input: { name: ' ', role: 'STAFF', expiresAt: '2020-01-01T00:00:00Z' } });
    expect(bad.apiKeyCreate.problems.map((p: { path: string[] }) => p.path.join('.')).sort()).toEqual(['expiresAt', 'name']);
    for (const role of ['ADMIN', 'STAFF', 'VIEWER'] as const) {
      const key = await t.apiKey(role);
      const response = await execute<any, any>(key, CREATE, { input: { name: 'x', role: 'OWNER' } });
      expect(response.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
      expect((await execute<any, any>(key, LIST)).errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
    }
    expect(await t.prisma.apiKey.count({ where: { tenantId: t.id } })).toBe(4);
  });

  it("revokes a key at once, also on an instance that had it cached; another tenant's key is not found", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const { app: shared } = await testApp();
    // A second instance on the same database and bus, caching keys for a minute.
    const cached = await createApp(testConfig({ API_KEY_CACHE_MS: '60000' }), {
      database: shared.db,
      events: shared.events,
      logger: createLogger('silent'),
    });
    try {
      const created = await query<any, any>(t.key, CREATE, { input: { name: 'temp', role: 'VIEWER' } });
      const { key, apiKey } = created.apiKeyCreate;
      const ask = () => cached.yoga.fetch('http://og.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '{ viewer { role } }' }) });
      expect((await ask()).status).toBe(200); // now cached there
      expect((await query<any, any>(other.key, REVOKE, { id: apiKey.id })).apiKeyRevoke.__typename).toBe('NotFoundError');
      const announced = shared.events.subscribe('apiKeyRevoked', t.id);
      const revoked = await query<any, any>(t.key, REVOKE, { id: apiKey.id });
      expect(revoked.apiKeyRevoke.apiKey.revokedAt).not.toBeNull();
      expect((await execute(key, '{ viewer { role } }')).status).toBe(401);
      // Once the bus has delivered the revocation (the cached instance listened first), it refuses the key too.
      expect((await announced.next()).value).toMatchObject({ apiKeyId: Number(apiKey.id) });
      await announced.return?.();
      expect((await ask()).status).toBe(401);
    } finally {
      await cached.stop();
    }
  });
});
