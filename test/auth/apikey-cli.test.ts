import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runApiKeyCommand, UsageError } from '../../scripts/apikey.js';
import { hashApiKey } from '../../src/auth/api-keys.js';
import { testApp } from '../support/app.js';
import { execute } from '../support/execute.js';

const slug = () => `cli-${randomUUID().slice(0, 8)}`;

async function run(...argv: string[]) {
  // The command runs as the tables' owner, as `npm run apikey` does.
  const { fixtures } = await testApp();
  return runApiKeyCommand(fixtures.prisma, argv);
}

async function refusal(...argv: string[]): Promise<string> {
  const error = await run(...argv).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
}

const keyIn = (output: string) => /^ {2}(og_\S+)$/m.exec(output)?.[1];

describe('npm run apikey', () => {
  it('bootstraps a tenant and an OWNER key that the API accepts', async () => {
    const tenant = slug();
    expect(await run('create-tenant', '--slug', tenant, '--name', 'Toko Maju')).toContain(`Created tenant "${tenant}" (Toko Maju, IDR)`);
    const output = await run('create', '--tenant', tenant, '--role', 'owner', '--name', 'ci');
    const key = keyIn(output);
    expect(key).toMatch(/^og_/);
    expect(output).toContain(`Created OWNER key "ci" for tenant "${tenant}" (prefix ${key!.slice(0, 10)})`);

    const result = await execute<{ viewer: { role: string; tenant: { slug: string; name: string } } }, never>(
      key,
      '{ viewer { role tenant { slug name } } }',
    );
    expect(result.data).toEqual({ viewer: { role: 'OWNER', tenant: { slug: tenant, name: 'Toko Maju' } } });
  });

  it('refuses a key for a tenant that does not exist and says how to create it', async () => {
    const message = await refusal('create', '--tenant', 'no-such-shop', '--role', 'OWNER');
    expect(message).toBe(
      'Tenant "no-such-shop" does not exist. Create it first:\n  npm run apikey -- create-tenant --slug no-such-shop --name "Display name"',
    );
  });

  it('refuses bad roles, past or unparsable expiry dates, duplicate tenants and unknown commands', async () => {
    const tenant = slug();
    await run('create-tenant', '--slug', tenant, '--name', 'Dup');
    expect(await refusal('create-tenant', '--slug', tenant, '--name', 'Dup')).toBe(`Tenant "${tenant}" already exists`);
    expect(await refusal('create-tenant', '--slug', 'Not Valid', '--name', 'x')).toMatch(/^--slug must be lowercase/);
    expect(await refusal('create', '--tenant', tenant, '--role', 'BOSS')).toBe(
      '--role must be one of OWNER, ADMIN, STAFF, WAREHOUSE, PARTNER, VIEWER, got "BOSS"',
    );
    expect(await refusal('create', '--tenant', tenant, '--role', 'OWNER', '--expires', '2020-01-01')).toMatch(/^--expires must be in the future/);
    expect(await refusal('create', '--tenant', tenant, '--role', 'OWNER', '--expires', 'soon')).toMatch(/^--expires must be a date/);
    expect(await refusal('create', '--tenant', tenant)).toBe('--role is required');
    expect(await refusal('frobnicate')).toMatch(/^unknown command "frobnicate"/);
    expect(await refusal('list', '--tenant', tenant, '--colour', 'red')).toMatch(/--colour/);
  });

  it('binds keys: a PARTNER key needs --channel, a WAREHOUSE key may take --warehouses of its tenant', async () => {
    const tenant = slug();
    await run('create-tenant', '--slug', tenant, '--name', 'Bindings');
    expect(await refusal('create', '--tenant', tenant, '--role', 'PARTNER')).toBe(
      'a PARTNER key needs --channel CODE (the sales channel whose orders it may read and create)',
    );
    expect(await refusal('create', '--tenant', tenant, '--role', 'PARTNER', '--channel', 'Shop Ee!')).toMatch(/^--channel must be a lower-case channel code/);
    expect(await refusal('create', '--tenant', tenant, '--role', 'WAREHOUSE', '--warehouses', 'x,2')).toMatch(/^--warehouses must be warehouse ids/);
    expect(await refusal('create', '--tenant', tenant, '--role', 'WAREHOUSE', '--warehouses', '999999999')).toMatch(/names a warehouse the tenant does not have/);
    const output = await run('create', '--tenant', tenant, '--role', 'PARTNER', '--name', 'shopee sync', '--channel', 'Shopee');
    expect(output).toContain('(prefix og_');
    expect(output).toContain(', channel shopee)');
    const key = keyIn(output)!;
    const viewer = await execute<{ viewer: { role: string; channel: string } }, never>(key, '{ viewer { role channel } }');
    expect(viewer.data?.viewer).toEqual({ role: 'PARTNER', channel: 'shopee' });
  });

  it('lists keys with prefix, name, role, expiry, last use and revocation, and revokes by prefix', async () => {
    const tenant = slug();
    await run('create-tenant', '--slug', tenant, '--name', 'Listing');
    const first = keyIn(await run('create', '--tenant', tenant, '--role', 'VIEWER', '--name', 'dashboard', '--expires', '2099-01-01'))!;
    const second = keyIn(await run('create', '--tenant', tenant, '--role', 'PARTNER', '--name', 'marketplace', '--channel', 'shopee'))!;

    const revoked = await run('revoke', '--prefix', second.slice(0, 10), '--tenant', tenant);
    expect(revoked).toContain(`Revoked key ${second.slice(0, 10)} ("marketplace", tenant "${tenant}")`);
    expect(await run('revoke', '--prefix', second.slice(0, 10), '--tenant', tenant)).toContain('was already revoked');
    expect((await execute(second, '{ viewer { role } }')).status).toBe(401);

    const lines = (await run('list', '--tenant', tenant)).split('\n');
    expect(lines[0]!.split(/\s{2,}/)).toEqual(['PREFIX', 'NAME', 'ROLE', 'BOUND TO', 'STATUS', 'CREATED', 'EXPIRES', 'LAST USED', 'REVOKED']);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`^${first.slice(0, 10)}\\s+dashboard\\s+VIEWER\\s+-\\s+active\\s+\\S+ \\S+\\s+2099-01-01 00:00\\s+-\\s+-$`));
    expect(lines[2]).toMatch(new RegExp(`^${second.slice(0, 10)}\\s+marketplace\\s+PARTNER\\s+channel shopee\\s+revoked\\s+.*\\d{2}:\\d{2}$`));
    // What the list shows is all the database keeps: no key anywhere in the output.
    expect(lines.join('\n')).not.toContain(first);

    const { fixtures } = await testApp();
    const row = await fixtures.prisma.apiKey.findUniqueOrThrow({ where: { hash: hashApiKey(first) } });
    expect(row.expiresAt?.toISOString()).toBe('2099-01-01T00:00:00.000Z');
  });

  it('refuses to revoke an unknown prefix', async () => {
    expect(await refusal('revoke', '--prefix', 'og_nothing')).toBe('No API key has the prefix "og_nothing"');
  });
});
