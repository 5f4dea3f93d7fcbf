// Which tenant the current async call chain works for. PostgreSQL's row-level
// security reads it from the connection (`app.tenant_id`); the pool sets it there
// (tenant-pool.ts) from this scope, so the tenant travels with the call, not as
// an argument through Prisma. Outside any scope a query sees no tenant's rows.
import { AsyncLocalStorage } from 'node:async_hooks';

/** For statements that read no tenant's rows: the connection's tenant is left as it is. */
const NEUTRAL = Symbol('tenant-neutral');

export type TenantScope = number | typeof NEUTRAL;

const scope = new AsyncLocalStorage<TenantScope>();

// fn's result is awaited inside the scope: Prisma's promises are lazy and would
// otherwise start their query wherever the caller awaits them, outside the scope.

/** Runs fn, and every query it starts, as tenant `tenantId`. */
export function withTenant<T>(tenantId: number, fn: () => T | PromiseLike<T>): Promise<T> {
  return scope.run(tenantId, async () => await fn());
}

/**
 * Runs fn for statements that touch no tenant-owned rows (the API-key lookup by
 * hash, which goes through a SECURITY DEFINER function; the migrations table): the
 * connection keeps the tenant it has, so such a statement costs no reset and no
 * re-set. Never for queries on tenant tables: they would see the last tenant's rows.
 */
export function tenantNeutral<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  return scope.run(NEUTRAL, async () => await fn());
}

/** Runs fn outside every tenant: its queries see no tenant's rows (fail closed). */
export function withoutTenant<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  return scope.exit(async () => await fn());
}

export function currentTenantScope(): TenantScope | undefined {
  return scope.getStore();
}

/** Runs fn in a scope captured earlier with currentTenantScope(). */
export function inTenantScope<T>(captured: TenantScope | undefined, fn: () => T): T {
  return captured === undefined ? scope.exit(fn) : scope.run(captured, fn);
}

/**
 * The value `app.tenant_id` must have for the current scope: the tenant id, '' for
 * no tenant (the policies compare with NULL, so no row matches), or undefined when
 * any value will do (tenantNeutral).
 */
export function wantedTenantSetting(): string | undefined {
  const current = scope.getStore();
  if (current === NEUTRAL) return undefined;
  return current === undefined ? '' : String(current);
}
