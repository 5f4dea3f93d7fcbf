// Per-request DataLoaders, each scoped to the caller's tenant. Domains contribute
// factories; plugin-prisma relations come first, loaders cover the rest
// (aggregates per parent, lookups by non-unique keys). Only customers need any today.
import type { Db } from './db/client.js';
import { createCustomersLoaders } from './customers/loaders.js';

export function createLoaders(prisma: Db, tenantId: number) {
  return {
    ...createCustomersLoaders(prisma, tenantId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

declare module './graphql/context.js' {
  // The context's loaders are the ones composed here.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RequestLoaders extends Loaders {}
}
