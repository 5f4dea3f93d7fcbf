// Per-request DataLoaders, each scoped to the caller's tenant. Domains contribute
// factories; plugin-prisma relations come first, loaders cover the rest
// (aggregates per parent, lookups by non-unique keys).
import type { Db } from '../db/client.js';
import { createOrderLoaders } from '../orders/loaders.js';
import { createCustomerLoaders } from '../customers/loaders.js';

export function createLoaders(prisma: Db, tenantId: number) {
  return {
    ...createOrderLoaders(prisma, tenantId),
    ...createCustomerLoaders(prisma, tenantId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
