import { describe, expect, it } from 'vitest';
import { ApiKeyAuthenticator, hashApiKey } from '../../src/auth/api-keys.js';
import { testApp } from '../support/app.js';
import { newTenant } from '../support/tenant.js';

/** Key lookups (SELECTs on ApiKey) the authenticator sent while fn ran. */
async function lookups(fn: () => Promise<unknown>): Promise<number> {
  const { sql } = await testApp();
  sql.reset();
  await fn();
  return sql.statements.filter((s) => /^SELECT\b/i.test(s) && s.includes('"ApiKey"')).length;
}

/** The app's own way to authenticate: its database client, whose statements the test app records. */
async function authenticator(cacheMs: number) {
  const { app } = await testApp();
  return new ApiKeyAuthenticator(app.db.prisma, { cacheMs, forTenant: app.db.forTenant });
}

describe('API key cache', () => {
  it('reads a key once and answers repeated requests from memory within the cache time', async () => {
    const t = await newTenant({ role: 'STAFF' });
    const auth = await authenticator(10_000);
    const now = new Date();
    expect(await lookups(() => auth.authenticate(t.key, now))).toBe(1);
    let viewer: unknown;
    expect(
      await lookups(async () => {
        viewer = await auth.authenticate(t.key, new Date(now.getTime() + 9_000));
      }),
    ).toBe(0);
    expect(viewer).toMatchObject({ tenantId: t.id, role: 'STAFF', actor: 'key:test' });
    expect(await lookups(() => auth.authenticate(t.key, new Date(now.getTime() + 10_000)))).toBe(1);
  });

  it('refuses a cached key as soon as it expires', async () => {
    const t = await newTenant();
    const now = new Date();
    const key = await t.apiKey('OWNER', { expiresAt: new Date(now.getTime() + 5_000) });
    const auth = await authenticator(60_000);
    expect(await auth.authenticate(key, now)).toMatchObject({ tenantId: t.id });
    expect(await auth.authenticate(key, new Date(now.getTime() + 4_999))).toMatchObject({ tenantId: t.id });
    expect(await auth.authenticate(key, new Date(now.getTime() + 5_000))).toBe('EXPIRED');
  });

  it('sees a revocation at once after forget(), and after the cache time without it', async () => {
    const t = await newTenant();
    const key = await t.apiKey('ADMIN');
    const auth = await authenticator(60_000);
    const now = new Date();
    const viewer = await auth.authenticate(key, now);
    if (typeof viewer === 'string') throw new Error(viewer);
    await t.prisma.apiKey.update({ where: { hash: hashApiKey(key) }, data: { revokedAt: new Date() } });
    // The trade-off of the cache: without forget() another process's revocation waits for the cache time.
    expect(await auth.authenticate(key, new Date(now.getTime() + 1_000))).toMatchObject({ apiKeyId: viewer.apiKeyId });
    expect(await auth.authenticate(key, new Date(now.getTime() + 60_000))).toBe('REVOKED');

    const other = await t.apiKey('ADMIN');
    const second = await auth.authenticate(other, now);
    if (typeof second === 'string') throw new Error(second);
    await t.prisma.apiKey.update({ where: { id: second.apiKeyId }, data: { revokedAt: new Date() } });
    auth.forget(second.apiKeyId);
    expect(await auth.authenticate(other, new Date(now.getTime() + 1_000))).toBe('REVOKED');
  });

  it('never caches a failure: a key that is unknown or revoked is read again on every request', async () => {
    const t = await newTenant();
    const auth = await authenticator(60_000);
    const unknown = 'og_this_key_was_never_issued_00000000000';
    expect(await lookups(async () => expect(await auth.authenticate(unknown)).toBe('INVALID'))).toBe(1);
    expect(await lookups(async () => expect(await auth.authenticate(unknown)).toBe('INVALID'))).toBe(1);
  });

  it('reads the key on every request when the cache time is 0', async () => {
    const t = await newTenant();
    const auth = await authenticator(0);
    expect(await lookups(() => auth.authenticate(t.key))).toBe(1);
    expect(await lookups(() => auth.authenticate(t.key))).toBe(1);
  });
});
