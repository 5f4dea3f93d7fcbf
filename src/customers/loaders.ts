import type { Db } from '../db/client.js';

export function createCustomersLoaders(_prisma: Db, _tenantId: number) {
  return {};
}
