// Who is calling: resolved from the API key once per request or connection.
import type { Role } from '../db/generated/prisma/enums.js';

export interface Viewer {
  tenantId: number;
  /** The tenant's slug: X-Tenant-Id may name the tenant by it or by tenantId. */
  tenantSlug: string;
  role: Role;
  apiKeyId: number;
  /** Label written into history rows (OrderEvent.actor, StockMovement.actor). */
  actor: string;
  /** What the key is bound to beyond its tenant (src/auth/key-scope.ts); absent = the whole tenant. */
  scope?: KeyScope;
  /** The key runs trusted documents only (by documentId); ad-hoc documents are refused. */
  trustedDocumentsOnly?: boolean;
}

/** A key's binding: a sales channel (orders and their customers), warehouses (stock). */
export interface KeyScope {
  /** Order.channel code; the key reads and creates only this channel's orders. */
  channel?: string;
  /** The warehouses whose stock the key reads and writes. */
  warehouseIds?: readonly number[];
}
