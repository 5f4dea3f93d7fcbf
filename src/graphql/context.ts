import type { Db } from '../db/client.js';
import type { Role } from '../db/generated/prisma/enums.js';
import type { Logger } from 'pino';
import type { Loaders } from '../loaders.js';
import type { EventBus } from '../events/topics.js';

/** Who is calling: resolved from the API key once per request or connection. */
export interface Viewer {
  tenantId: number;
  role: Role;
  apiKeyId: number;
  /** Label written into history rows (OrderEvent.actor, StockMovement.actor). */
  actor: string;
}

export interface Context {
  prisma: Db;
  viewer: Viewer;
  /** Shorthand for viewer.tenantId: every query filters on it. */
  tenantId: number;
  requestId: string;
  log: Logger;
  loaders: Loaders;
  /** Live events; write them through `transaction(ctx, ...)` so they leave after commit. */
  events: EventBus;
}
