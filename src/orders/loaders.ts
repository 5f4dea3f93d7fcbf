import type { Db } from '../db/client.js';

export function createOrderLoaders(_prisma: Db, _tenantId: number) {
  return {};
}
