// What the exports' face needs from the request: the runner (an app service) and the requester.
import { hasPermission } from '../../auth/permissions.js';
import type { Context } from '../../graphql/context.js';
import type { ExportDeps } from '../export-service.js';
import type { ExportRunner } from '../export-runner.js';

declare module '../../graphql/context.js' {
  interface ContextServices {
    /** Runs export jobs in this process. */
    exports: ExportRunner;
  }
}

export function exportDeps(ctx: Context): ExportDeps {
  return {
    prisma: ctx.prisma,
    tenantId: ctx.tenantId,
    actor: ctx.viewer.actor,
    canReadCosts: hasPermission(ctx.viewer.role, 'costs.read'),
    runner: ctx.services.exports,
  };
}
