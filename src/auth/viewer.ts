// Who is calling: resolved from the API key once per request or connection.
import type { Role } from '../db/generated/prisma/enums.js';

export interface Viewer {
  tenantId: number;
  role: Role;
  apiKeyId: number;
  /** Label written into history rows (OrderEvent.actor, StockMovement.actor). */
  actor: string;
}
