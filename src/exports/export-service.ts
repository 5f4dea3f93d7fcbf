// Bulk exports as jobs (after Shopify's bulk operations): exportCreate records a
// QUEUED job and hands it to this process's runner (export-runner.ts), which streams
// the rows into a file and marks it DONE with its row count; the file is fetched
// through a signed link until it expires. Jobs run in the process that created
// them. A job whose process stopped (restart, crash) before it finished is marked
// FAILED ("interrupted") the next time the tenant's exports are read, once its
// process has not touched it for ABANDONED_AFTER_MS; it is not restarted.
import type { Db } from '../db/client.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import type { ExportFormat, ExportKind } from '../db/generated/prisma/enums.js';
import { orderWhere, type OrderFilterValue } from '../orders/order-filters.js';
import { ValidationError } from '../shared/errors.js';
import { FILTERED_KINDS } from './export-columns.js';
import type { ExportRunner } from './export-runner.js';

/** A runner touches the jobs it holds every HEARTBEAT_MS; silent this long, a job's process is taken as gone. */
export const HEARTBEAT_MS = 20_000;
export const ABANDONED_AFTER_MS = 60_000;
export const INTERRUPTED_MESSAGE = 'Interrupted: the server running this export stopped before it finished. Create it again.';

export interface ExportCreateInput {
  kind: ExportKind;
  format: ExportFormat;
  filter?: OrderFilterValue | null;
}

export interface ExportDeps {
  prisma: Db;
  tenantId: number;
  actor: string;
  /** Whether the requester may read purchase prices and internal notes (costs.read). */
  canReadCosts: boolean;
  runner: ExportRunner;
}

/** Global ids as "Typename:id", dates as ISO strings: what the job row keeps of the filter. */
function storedFilter(filter: OrderFilterValue): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(filter, (_key, value: unknown) => (value && typeof value === 'object' && 'typename' in value && 'id' in value ? `${value.typename}:${value.id}` : value)));
}

export async function createExport(deps: ExportDeps, input: ExportCreateInput) {
  const filter = input.filter ?? undefined;
  if (filter && Object.keys(filter).length && !FILTERED_KINDS.includes(input.kind)) {
    throw new ValidationError([{ path: ['filter'], message: `only ${FILTERED_KINDS.join(' and ')} exports take a filter` }]);
  }
  // The filter is checked as the orders list would (search length, ids, channel codes) before the job is kept.
  if (filter) orderWhere(deps.tenantId, filter);
  deps.runner.assertCanQueue();
  const job = await deps.prisma.export.create({
    data: {
      tenantId: deps.tenantId,
      kind: input.kind,
      format: input.format,
      filter: filter ? storedFilter(filter) : undefined,
      includeCosts: deps.canReadCosts,
      runnerId: deps.runner.runnerId,
      createdBy: deps.actor,
    },
  });
  deps.runner.enqueue({ prisma: deps.prisma, tenantId: deps.tenantId, exportId: job.id, kind: job.kind, format: job.format, filter, includeCosts: job.includeCosts });
  return job;
}

/** Jobs left QUEUED or RUNNING by a process that is gone: FAILED, so nobody waits for them. */
export async function failAbandonedExports(prisma: Db, tenantId: number, runnerId: string, now = new Date()): Promise<number> {
  const { count } = await prisma.export.updateMany({
    where: {
      tenantId,
      status: { in: ['QUEUED', 'RUNNING'] },
      OR: [{ runnerId: null }, { runnerId: { not: runnerId } }],
      updatedAt: { lt: new Date(now.getTime() - ABANDONED_AFTER_MS) },
    },
    data: { status: 'FAILED', error: INTERRUPTED_MESSAGE, finishedAt: now },
  });
  return count;
}
