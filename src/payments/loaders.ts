import type { Db } from '../db/client.js';

export function createPaymentsLoaders(_prisma: Db, _tenantId: number) {
  return {};
}
