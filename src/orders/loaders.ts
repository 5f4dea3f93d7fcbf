import type { Db } from '../db/client.js';

// The order read side needs no DataLoader: relations and field selects keep every
// page at a fixed number of statements. Add loaders here for per-order aggregates plugin-prisma cannot express.
export function createOrdersLoaders(_prisma: Db, _tenantId: number) {
  return {};
}
