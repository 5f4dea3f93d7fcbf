// Prisma clients bound to one tenant: every operation they run (model queries and
// raw SQL) executes inside withTenant(tenantId), whatever async context calls it:
// a resolver, a subscription's per-event read, a timer of the status-count watch.
// The request context hands resolvers and loaders this client, so the tenant reaches
// the connection without each call site entering a scope.
import type { Db } from './client.js';
import { currentTenantScope, inTenantScope, withTenant, type TenantScope } from './tenant-scope.js';

const boundTenant = new WeakMap<object, number>();

/** The tenant a client from tenantClients() is bound to (undefined for the base client). */
export function tenantOfClient(prisma: object): number | undefined {
  return boundTenant.get(prisma);
}

/**
 * One statement sent on a pool connection outside Prisma, rows as objects, in the caller's
 * tenant scope (or the bound client's tenant) and statement budget; prepared once per
 * connection. Prisma's raw query on a tenant's client costs this process about three times
 * the CPU of the same statement sent by pg (bench/statement-cost.ts).
 */
export type PlainStatement = <T = Record<string, unknown>>(sql: string, params: readonly unknown[]) => Promise<T[]>;

const plainStatements = new WeakMap<object, PlainStatement>();

/** How a client from openDatabase (or one bound to a tenant or derived from it) sends a statement outside Prisma; undefined for other clients. */
export function plainStatementOf(prisma: object): PlainStatement | undefined {
  return plainStatements.get(prisma);
}

/** One statement outside any transaction: sent plainly when the client has a runner, else as Prisma's raw query. */
export function sendStatement<T>(prisma: Pick<Db, '$queryRawUnsafe'>, sql: string, params: readonly unknown[]): Promise<T[]> {
  const plain = plainStatements.get(prisma);
  return plain ? plain<T>(sql, params) : prisma.$queryRawUnsafe<T[]>(sql, ...params);
}

/** Registers the plain statement runner of a base client (openDatabase). */
export function setPlainStatement(prisma: object, run: PlainStatement): void {
  plainStatements.set(prisma, run);
}

/** A client extended from a tenant's (a bound key's, say) is bound to the same tenant, for transaction(). */
export function derivedTenantClient<T extends object>(base: object, derived: T): T {
  const tenantId = boundTenant.get(base);
  if (tenantId !== undefined) boundTenant.set(derived, tenantId);
  const plain = plainStatements.get(base);
  if (plain) plainStatements.set(derived, plain);
  return derived;
}

/**
 * forTenant(tenantId): the base client bound to that tenant. Bound clients are kept
 * per tenant (the `limit` most recently used), so a tenant's requests share one:
 * code that keys caches by the client (shared subscription reads) keeps sharing.
 */
export function tenantClients(prisma: Db, limit = 1_000): (tenantId: number) => Db {
  const clients = new Map<number, Db>();
  return (tenantId) => {
    let client = clients.get(tenantId);
    if (client) {
      // Most recently used last, so eviction takes the oldest.
      clients.delete(tenantId);
    } else {
      client = prisma.$extends({
        query: {
          $allOperations: ({ args, query }) => withTenant(tenantId, () => query(args)),
        },
      }) as unknown as Db;
      boundTenant.set(client, tenantId);
      const plain = plainStatements.get(prisma);
      if (plain) plainStatements.set(client, (sql, params) => withTenant(tenantId, () => plain(sql, params)));
      if (clients.size >= limit) clients.delete(clients.keys().next().value!);
    }
    clients.set(tenantId, client);
    return client;
  };
}

interface PrismaRequest {
  readonly protocolQuery?: unknown;
}

interface PrismaDataLoaderOptions {
  batchBy(request: PrismaRequest): string | undefined;
  batchLoader(requests: PrismaRequest[]): Promise<unknown>;
  singleLoader(request: PrismaRequest): Promise<unknown>;
}

/**
 * Prisma batches findUnique calls made in the same tick into one query, across
 * callers, and runs the batch in the async context of the first caller. Two tenants'
 * lookups would share one statement under the first tenant, and the second would find
 * nothing. This keys Prisma's batches by tenant scope as well and runs each batch in
 * its own scope. It reaches into Prisma's request handler; if that changes shape the
 * server refuses to start rather than mix tenants.
 */
export function keepTenantsApartInBatches(prisma: Db): void {
  const loader = (prisma as unknown as { _requestHandler?: { dataloader?: { options?: Partial<PrismaDataLoaderOptions> } } })._requestHandler
    ?.dataloader?.options;
  if (!loader || typeof loader.batchBy !== 'function' || typeof loader.batchLoader !== 'function' || typeof loader.singleLoader !== 'function') {
    throw new Error('Prisma request batching is not where src/db/tenant-client.ts expects it (a Prisma upgrade?): tenants cannot be kept apart');
  }
  const { batchBy, batchLoader, singleLoader } = loader as PrismaDataLoaderOptions;
  const scopes = new WeakMap<PrismaRequest, { scope: TenantScope | undefined }>();
  loader.batchBy = (request) => {
    const key = batchBy(request);
    if (key === undefined) return undefined;
    const scope = currentTenantScope();
    scopes.set(request, { scope });
    return `${String(scope)}|${key}`;
  };
  loader.batchLoader = (requests) => inTenantScope(scopes.get(requests[0]!)?.scope, () => batchLoader(requests));
  loader.singleLoader = (request) => {
    const captured = scopes.get(request);
    // Not batched: called in the caller's own context already.
    return captured ? inTenantScope(captured.scope, () => singleLoader(request)) : singleLoader(request);
  };
}
