import type { Db } from '../db/client.js';

export function createCatalogLoaders(_prisma: Db, _tenantId: number) {
  return {};
}
