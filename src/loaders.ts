// Per-request DataLoaders, each scoped to the caller's tenant. Domains contribute
// factories; plugin-prisma relations come first, loaders cover the rest
// (aggregates per parent, lookups by non-unique keys).
import type { Db } from './db/client.js';
import { createCatalogLoaders } from './catalog/loaders.js';
import { createCustomersLoaders } from './customers/loaders.js';
import { createInventoryLoaders } from './inventory/loaders.js';
import { createOrdersLoaders } from './orders/loaders.js';
import { createPaymentsLoaders } from './payments/loaders.js';
import { createShipmentsLoaders } from './shipments/loaders.js';

export function createLoaders(prisma: Db, tenantId: number) {
  return {
    ...createCatalogLoaders(prisma, tenantId),
    ...createCustomersLoaders(prisma, tenantId),
    ...createInventoryLoaders(prisma, tenantId),
    ...createOrdersLoaders(prisma, tenantId),
    ...createPaymentsLoaders(prisma, tenantId),
    ...createShipmentsLoaders(prisma, tenantId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
