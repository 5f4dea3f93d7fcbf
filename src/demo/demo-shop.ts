// Demo data for the embedded default: a small seeded tenant and a known key that
// GraphiQL puts in its headers. Only ever used when config.demo is on.
import type { Database } from '../db/client.js';
import { seedTenant } from './seed/seed-tenant.js';
import { createApiKey, hashApiKey } from '../auth/api-keys.js';

export const DEMO_TENANT = 'demo';
// A fixed, public key: demo mode is for a laptop, never for production data.
export const DEMO_API_KEY = 'og_demo_key_for_local_graphiql_only_0000';
export const DEMO_ORDERS = 200;

export async function ensureDemoData(db: Database): Promise<{ created: boolean }> {
  let tenant = await db.prisma.tenant.findUnique({ where: { slug: DEMO_TENANT }, select: { id: true } });
  let created = false;
  if (!tenant) {
    const seeded = await seedTenant(db, { tenant: DEMO_TENANT, orders: DEMO_ORDERS });
    tenant = { id: seeded.tenantId };
    created = true;
  }
  const key = await db.prisma.apiKey.findUnique({ where: { hash: hashApiKey(DEMO_API_KEY) }, select: { id: true } });
  if (!key) await createApiKey(db.prisma, { tenantId: tenant.id, name: 'demo', role: 'OWNER', key: DEMO_API_KEY });
  return { created };
}
