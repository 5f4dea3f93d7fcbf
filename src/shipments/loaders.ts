import type { Db } from '../db/client.js';

export function createShipmentsLoaders(_prisma: Db, _tenantId: number) {
  return {};
}
