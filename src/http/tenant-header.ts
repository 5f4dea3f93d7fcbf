// X-Tenant-Id: optional; when a client names a tenant it must be the key's, by its
// numeric id or its slug (both in `viewer { tenant { id slug } }`). The one check for
// every transport: GraphQL over POST, GET and SSE, the label route (all through
// authenticateRequest) and WebSocket connection_init (its params or the upgrade request).
import { GraphQLError } from 'graphql';
import type { Viewer } from '../auth/viewer.js';

export const TENANT_HEADER = 'x-tenant-id';

/** Whether the value names the viewer's tenant; no value (or an empty one) names none and passes. */
export function tenantHeaderMatches(viewer: Pick<Viewer, 'tenantId' | 'tenantSlug'>, value: string | null | undefined): boolean {
  const named = value?.trim();
  if (!named) return true;
  return named === String(viewer.tenantId) || named.toLowerCase() === viewer.tenantSlug.toLowerCase();
}

/** Throws the FORBIDDEN (403) error every transport answers when X-Tenant-Id names another tenant. */
export function checkTenantHeader(viewer: Pick<Viewer, 'tenantId' | 'tenantSlug'>, value: string | null | undefined): void {
  if (!tenantHeaderMatches(viewer, value)) {
    throw new GraphQLError('X-Tenant-Id does not match the tenant of the API key', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
  }
}

/** The tenant a WebSocket client names: an `X-Tenant-Id` connection param (any case, or `tenantId`), else the upgrade request's header. */
export function tenantOfConnection(params: Record<string, unknown> | undefined, upgradeHeader: string | string[] | undefined): string | undefined {
  for (const [name, value] of Object.entries(params ?? {})) {
    const lower = name.toLowerCase();
    if ((lower === TENANT_HEADER || lower === 'tenantid') && (typeof value === 'string' || typeof value === 'number')) return String(value);
  }
  return Array.isArray(upgradeHeader) ? upgradeHeader[0] : upgradeHeader;
}
