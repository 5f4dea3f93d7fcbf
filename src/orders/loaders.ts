import type { Db } from '../db/client.js';

export function createOrdersLoaders(_prisma: Db, _tenantId: number) {
  return {};
}
