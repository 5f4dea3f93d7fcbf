import type { Db } from '../db/client.js';

export function createInventoryLoaders(_prisma: Db, _tenantId: number) {
  return {};
}
