import type { Db } from '../db/client.js';
import type { Logger } from 'pino';
import type { Viewer } from '../auth/viewer.js';
import type { EventBus } from '../events/topics.js';

/**
 * The per-request DataLoaders. Empty here: src/loaders.ts, which composes the
 * domains' loaders at the top of the house, fills it in by declaration merging,
 * so this ground floor names no domain.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RequestLoaders {}

/**
 * Long-lived services of the app the resolvers reach (the export runner, ...). Empty
 * here: the domains that need one declare it by declaration merging, so this ground
 * floor names no domain.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ContextServices {}

export interface Context {
  prisma: Db;
  viewer: Viewer;
  /** Shorthand for viewer.tenantId: every query filters on it. */
  tenantId: number;
  requestId: string;
  log: Logger;
  loaders: RequestLoaders;
  /** Live events; write them through `transaction(ctx, ...)` so they leave after commit. */
  events: EventBus;
  /** Where the server may send requests of its own (webhook endpoints): https only, and which private hosts are allowed. */
  outbound: { requireHttps: boolean; allowedPrivateHosts: readonly string[] };
  /** Signs links to order documents (invoices, lists, labels) that open without an API key. */
  documentLinks: {
    sign(target: { tenantId: number; kind: string; orderIds: readonly number[] }): { path: string; expiresAt: Date };
  };
  services: ContextServices;
}
