import type { Db } from '../db/client.js';

export function createCustomerLoaders(_prisma: Db, _tenantId: number) {
  return {};
}
