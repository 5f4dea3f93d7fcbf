import { describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/api-keys.js';
import { post } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';

const VIEWER = '{ viewer { role tenant { slug } } }';

async function withAuthorization(authorization: string | undefined) {
  const response = await post({ query: VIEWER }, authorization === undefined ? {} : { authorization });
  const body = (await response.json()) as {
    data?: { viewer: { role: string; tenant: { slug: string } } } | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
  return { status: response.status, wwwAuthenticate: response.headers.get('www-authenticate'), ...body };
}

async function expectRefused(authorization: string | undefined, message: string) {
  const result = await withAuthorization(authorization);
  expect(result.status).toBe(401);
  expect(result.wwwAuthenticate).toBe('Bearer');
  expect(result.data).toBeUndefined();
  expect(result.errors).toEqual([{ message, extensions: { code: 'UNAUTHENTICATED' } }]);
}

describe('API key authentication', () => {
  it('answers a request with a valid key as the key tenant and role', async () => {
    const t = await newTenant({ role: 'STAFF' });
    const result = await withAuthorization(`Bearer ${t.key}`);
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ viewer: { role: 'STAFF', tenant: { slug: t.slug } } });
    // The scheme is case-insensitive (RFC 7235).
    expect((await withAuthorization(`bearer ${t.key}`)).status).toBe(200);
  });

  it('refuses a request without an Authorization header with 401 UNAUTHENTICATED', async () => {
    await expectRefused(undefined, 'Missing API key: send "Authorization: Bearer <key>"');
    await expectRefused('', 'Missing API key: send "Authorization: Bearer <key>"');
  });

  it('refuses an Authorization header that is not "Bearer <key>"', async () => {
    const t = await newTenant();
    const message = 'Malformed Authorization header: expected "Bearer <key>"';
    await expectRefused(`Basic ${Buffer.from(`user:${t.key}`).toString('base64')}`, message);
    await expectRefused(t.key, message);
    await expectRefused('Bearer', message);
    await expectRefused(`Bearer ${t.key} extra`, message);
  });

  it('refuses unknown and mistyped keys with the same message', async () => {
    const t = await newTenant();
    await expectRefused('Bearer og_this_key_was_never_issued_00000000000', 'Invalid API key');
    await expectRefused(`Bearer ${t.key.slice(0, -1)}`, 'Invalid API key');
    await expectRefused('Bearer not-an-ordergraph-key', 'Invalid API key');
  });

  it('refuses an expired key, with the message of an unknown key', async () => {
    const t = await newTenant();
    const key = await t.apiKey('OWNER', { expiresAt: new Date(Date.now() - 1000) });
    await expectRefused(`Bearer ${key}`, 'Invalid API key');
    const later = await t.apiKey('OWNER', { expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await withAuthorization(`Bearer ${later}`)).status).toBe(200);
  });

  it('refuses a revoked key from the moment it is revoked, with the message of an unknown key', async () => {
    const t = await newTenant();
    const key = await t.apiKey('ADMIN');
    expect((await withAuthorization(`Bearer ${key}`)).status).toBe(200);
    await t.prisma.apiKey.update({ where: { hash: hashApiKey(key) }, data: { revokedAt: new Date() } });
    await expectRefused(`Bearer ${key}`, 'Invalid API key');
  });

  it('stores only a hash and a short prefix of the key, never the key itself', async () => {
    const t = await newTenant();
    const row = await t.prisma.apiKey.findUniqueOrThrow({ where: { hash: hashApiKey(t.key) } });
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.prefix).toBe(t.key.slice(0, 10));
    expect(t.key.length).toBeGreaterThan(40);
    for (const value of Object.values(row)) {
      if (typeof value === 'string') expect(value.includes(t.key.slice(10))).toBe(false);
    }
  });

  it('records when a key was last used', async () => {
    const t = await newTenant();
    const before = new Date();
    const where = { hash: hashApiKey(t.key) };
    expect((await t.prisma.apiKey.findUniqueOrThrow({ where })).lastUsedAt).toBeNull();
    expect((await withAuthorization(`Bearer ${t.key}`)).status).toBe(200);
    // The timestamp is written beside the request, not in its path: poll for it.
    const deadline = Date.now() + 10_000;
    let lastUsedAt: Date | null = null;
    while (!lastUsedAt && Date.now() < deadline) {
      lastUsedAt = (await t.prisma.apiKey.findUniqueOrThrow({ where })).lastUsedAt;
    }
    expect(lastUsedAt).not.toBeNull();
    expect(lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });
});
