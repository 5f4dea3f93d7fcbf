// tenantSettingsUpdate: the OWNER changes the shop's name, logo, currency and time zone;
// every problem of the input is reported with its path and nothing is written; ADMIN
// and the other roles are refused. The time zone is the one reports read.
import { describe, expect, it } from 'vitest';
import { ShopTenantDocument, ShopTenantSettingsUpdateDocument } from '../generated/graphql.js';
import { execute, query } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';

describe('tenantSettingsUpdate', () => {
  it('changes name, logo, currency and time zone; fields left out stay; an empty logo removes it', async () => {
    const t = await newTenant();
    const result = (
      await query(t.key, ShopTenantSettingsUpdateDocument, {
        input: { name: '  Toko Maju Jaya ', logoUrl: 'https://cdn.example.com/logo.png', currency: 'sgd', timeZone: 'Asia/Makassar' },
      })
    ).tenantSettingsUpdate;
    expect(result).toEqual({
      __typename: 'TenantSettingsUpdatePayload',
      tenant: { name: 'Toko Maju Jaya', logoUrl: 'https://cdn.example.com/logo.png', currency: 'SGD', timeZone: 'Asia/Makassar', cancellationRequestDeadlineMinutes: 2880 },
    });
    // The report time zone is the same setting.
    expect((await query(t.key, ShopTenantDocument)).reportSettings.timeZone).toBe('Asia/Makassar');

    await query(t.key, ShopTenantSettingsUpdateDocument, { input: { logoUrl: '' } });
    const now = (await query(t.key, ShopTenantDocument)).viewer.tenant;
    expect(now).toEqual({ name: 'Toko Maju Jaya', logoUrl: null, currency: 'SGD', timeZone: 'Asia/Makassar', cancellationRequestDeadlineMinutes: 2880 });
  });

  it('reports every problem with its path and writes nothing', async () => {
    const t = await newTenant();
    const before = await t.prisma.tenant.findUniqueOrThrow({ where: { id: t.id } });
    const result = (
      await query(t.key, ShopTenantSettingsUpdateDocument, {
        input: { name: ' ', logoUrl: 'http://cdn.example.com/logo.png', currency: 'RUPIAH', timeZone: 'Asia/Atlantis' },
      })
    ).tenantSettingsUpdate;
    if (result.__typename !== 'ValidationError') throw new Error(JSON.stringify(result));
    expect(result.problems.map((p) => p.path.join('.'))).toEqual(['name', 'logoUrl', 'currency', 'timeZone']);
    const more = (await query(t.key, ShopTenantSettingsUpdateDocument, { input: { name: 'n'.repeat(101), logoUrl: 'not a url', currency: 'XYZ' } })).tenantSettingsUpdate;
    if (more.__typename !== 'ValidationError') throw new Error(JSON.stringify(more));
    expect(more.problems.map((p) => p.path.join('.'))).toEqual(['name', 'logoUrl', 'currency']);
    const credentials = (await query(t.key, ShopTenantSettingsUpdateDocument, { input: { logoUrl: 'https://user:secret@cdn.example.com/logo.png' } })).tenantSettingsUpdate;
    expect(credentials.__typename).toBe('ValidationError');
    expect(await t.prisma.tenant.findUniqueOrThrow({ where: { id: t.id } })).toEqual(before);
  });

  it('is for the OWNER only: ADMIN and STAFF are refused with FORBIDDEN', async () => {
    const t = await newTenant();
    for (const role of ['ADMIN', 'STAFF'] as const) {
      const refused = await execute(await t.apiKey(role), ShopTenantSettingsUpdateDocument, { input: { name: 'Taken over' } });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await t.prisma.tenant.findUniqueOrThrow({ where: { id: t.id } })).name).not.toBe('Taken over');
  });
});
