// The in-process runner of export jobs: a small queue, a few jobs at once. A job
// reads its rows a page at a time by ascending id (keyset pagination: each page is
// an index range scan, memory does not grow with the table); the ids come through
// the requester's client, so a key bound to a channel or warehouses exports only
// what it may read (export-columns.ts). The file is written on a worker thread
// (export-writer-thread.ts) while the next page is read, each page handed over as the
// JSON text PostgreSQL wrote.
// After each page the job's row records rowsDone (which also shows the job is
// alive) and exportProgress is published. Files are written as "<name>.part" and
// renamed when complete; old files are deleted after the retention period.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { ExportFormat, ExportKind, ExportStatus } from '../db/generated/prisma/enums.js';
import type { EventBus } from '../events/topics.js';
import type { OrderFilterValue } from '../orders/order-filters.js';
import { EXPORT_SOURCES, pageSql } from './export-columns.js';
import { ExportQueueFullError } from './errors.js';
import { HEARTBEAT_MS } from './export-service.js';
import { openExportFileInThread, type ExportPageWriter } from './export-writer-thread.js';
import { FILE_EXTENSIONS } from './export-writers.js';
import { withStatementBudget } from '../db/statement-budget.js';

export interface ExportSettings {
  /** Folder of the files (one sub-folder per tenant). */
  dir: string;
  /** Signs download links. */
  urlSecret: string;
  /** Files (and their links) live this long after the export finished. */
  retentionHours: number;
  /** Rows read per page. */
  pageSize: number;
  /** Jobs run at once by this process. */
  concurrency: number;
  /** Jobs waiting at most; exportCreate is refused above. */
  maxQueued: number;
}

export interface ExportJob {
  prisma: Db;
  tenantId: number;
  exportId: number;
  kind: ExportKind;
  format: ExportFormat;
  filter: OrderFilterValue | undefined;
  includeCosts: boolean;
}

export interface ExportRunner {
  readonly runnerId: string;
  readonly settings: ExportSettings;
  assertCanQueue(): void;
  enqueue(job: ExportJob): void;
  /** Resolves when no job is waiting or running (tests, shutdown). */
  idle(): Promise<void>;
  /** Deletes files older than the retention period; returns how many. */
  sweepFiles(now?: Date): Promise<number>;
  /** Stops taking jobs; running jobs stop at their next page and are marked FAILED. */
  stop(): Promise<void>;
}

/** Plain SQL in a tenant's scope, rows as arrays (Database.read under withTenant). */
export type TenantRead = (tenantId: number, sql: string, params: readonly unknown[]) => Promise<unknown[][]>;

export function startExportRunner(options: { settings: ExportSettings; events: EventBus; log: Logger; read: TenantRead; sweepEveryMs?: number }): ExportRunner {
  const { settings, events, log, read } = options;
  const runnerId = randomUUID();
  const waiting: ExportJob[] = [];
  const held = new Map<number, ExportJob>();
  let running = 0;
  let stopping = false;
  let idleWaiters: Array<() => void> = [];

  const publish = (job: ExportJob, status: ExportStatus, rowsDone: number, rowsTotal: number | null) =>
    events.publish('exportProgress', { tenantId: job.tenantId, exportId: job.exportId, status, rowsDone, rowsTotal, at: new Date().toISOString() });

  const heartbeat = setInterval(() => {
    for (const job of held.values()) {
      void job.prisma.export
        .updateMany({ where: { id: job.exportId, tenantId: job.tenantId, status: { in: ['QUEUED', 'RUNNING'] }, runnerId }, data: { updatedAt: new Date() } })
        .catch((err: unknown) => log.warn({ err, exportId: job.exportId }, 'export heartbeat failed'));
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const sweepFiles = async (now = new Date()) => {
    const cutoff = now.getTime() - settings.retentionHours * 3_600_000;
    let deleted = 0;
    const tenants = await readdir(settings.dir).catch(() => [] as string[]);
    for (const tenant of tenants) {
      const folder = join(settings.dir, tenant);
      const files = await readdir(folder).catch(() => [] as string[]);
      for (const file of files) {
        const path = join(folder, file);
        const info = await stat(path).catch(() => undefined);
        if (info?.isFile() && info.mtimeMs < cutoff) {
          await rm(path, { force: true });
          deleted++;
        }
      }
    }
    return deleted;
  };
  const sweep = setInterval(() => void sweepFiles().catch((err: unknown) => log.warn({ err }, 'export file sweep failed')), options.sweepEveryMs ?? 3_600_000);
  sweep.unref();
  void sweepFiles().catch(() => undefined);

  function next() {
    while (!stopping && running < settings.concurrency && waiting.length) {
      const job = waiting.shift()!;
      running++;
      void run(job).finally(() => {
        running--;
        held.delete(job.exportId);
        next();
      });
    }
    if (running === 0 && (waiting.length === 0 || stopping)) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  async function run(job: ExportJob) {
    const { prisma, tenantId, exportId } = job;
    const mine = { id: exportId, tenantId, runnerId };
    const started = await prisma.export.updateMany({ where: { ...mine, status: 'QUEUED' }, data: { status: 'RUNNING', startedAt: new Date() } });
    if (started.count !== 1) return;
    const source = EXPORT_SOURCES[job.kind];
    const columns = source.columns.filter((c) => job.includeCosts || !c.cost);
    const folder = join(settings.dir, String(tenantId));
    const fileName = `${job.kind.toLowerCase().replace(/_/g, '-')}-${exportId}-${randomBytes(6).toString('hex')}.${FILE_EXTENSIONS[job.format]}`;
    const partPath = join(folder, `${fileName}.part`);
    let writer: ExportPageWriter | undefined;
    let rowsDone = 0;
    let rowsTotal: number | null = null;
    try {
      // The job's reads run under the export budget (DB_EXPORT_TIMEOUT_MS), longer than a request's.
      rowsTotal = await withStatementBudget('export', () => source.count(prisma, tenantId, job.filter));
      await prisma.export.updateMany({ where: { ...mine, status: 'RUNNING' }, data: { rowsTotal } });
      publish(job, 'RUNNING', 0, rowsTotal);
      await mkdir(folder, { recursive: true });
      writer = openExportFileInThread(partPath, job.format, columns);
      const cells = pageSql(source, columns);
      const readPage = (after: number) =>
        withStatementBudget('export', async () => {
          const ids = await source.ids(prisma, tenantId, job.filter, after, settings.pageSize);
          if (!ids.length) return { json: '[]', last: after, count: 0 };
          const [[json, last, count]] = (await read(tenantId, cells, [tenantId, ids])) as [[string, number, number]];
          return { json, last, count };
        });
      // Written rows are counted, the job's row shows them (and that the job is alive), subscribers hear.
      const progress = async (written: number) => {
        rowsDone += written;
        // Rows added while the export runs may pass the first count.
        if (rowsDone > rowsTotal!) rowsTotal = rowsDone;
        const alive = await prisma.export.updateMany({ where: { ...mine, status: 'RUNNING' }, data: { rowsDone, rowsTotal, updatedAt: new Date() } });
        if (alive.count !== 1) throw new Interrupted();
        publish(job, 'RUNNING', rowsDone, rowsTotal);
      };
      // Page k+1 is read while the worker writes page k, and handed over as soon as it is read.
      let writing: { done: Promise<void>; rows: number } | undefined;
      let after = 0;
      for (;;) {
        if (stopping) throw new Interrupted();
        const page = await readPage(after);
        const sent = page.count ? { done: writer.writePage(page.json), rows: page.count } : undefined;
        sent?.done.catch(() => undefined); // met at its await
        if (writing) {
          await writing.done;
          await progress(writing.rows);
        }
        writing = sent;
        if (page.count < settings.pageSize) break;
        after = page.last;
      }
      if (writing) {
        await writing.done;
        await progress(writing.rows);
      }
      await writer.finish();
      const path = join(folder, fileName);
      await rename(partPath, path);
      const { size } = await stat(path);
      const finishedAt = new Date();
      const expiresAt = new Date(finishedAt.getTime() + settings.retentionHours * 3_600_000);
      await prisma.export.updateMany({
        where: { ...mine, status: 'RUNNING' },
        data: { status: 'DONE', rowsDone, rowsTotal: rowsDone, fileName, byteSize: size, finishedAt, expiresAt },
      });
      publish(job, 'DONE', rowsDone, rowsDone);
      log.info({ tenantId, exportId, kind: job.kind, format: job.format, rows: rowsDone, bytes: size }, 'export done');
    } catch (error) {
      await writer?.abort().catch(() => undefined);
      await rm(partPath, { force: true }).catch(() => undefined);
      const message = error instanceof Interrupted ? error.message : 'The export failed; nothing was written. Create it again.';
      if (!(error instanceof Interrupted)) log.error({ err: error, tenantId, exportId }, 'export failed');
      await prisma.export
        .updateMany({ where: { ...mine, status: 'RUNNING' }, data: { status: 'FAILED', error: message, rowsDone, finishedAt: new Date() } })
        .catch((err: unknown) => log.error({ err, exportId }, 'export failure not recorded'));
      publish(job, 'FAILED', rowsDone, rowsTotal);
    }
  }

  return {
    runnerId,
    settings,
    assertCanQueue() {
      if (stopping || waiting.length >= settings.maxQueued) throw new ExportQueueFullError(waiting.length);
    },
    enqueue(job) {
      held.set(job.exportId, job);
      waiting.push(job);
      next();
    },
    idle() {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    sweepFiles,
    async stop() {
      stopping = true;
      clearInterval(heartbeat);
      clearInterval(sweep);
      // Waiting jobs stay QUEUED with this runner's id: the next read fails them as interrupted.
      waiting.length = 0;
      await this.idle();
    },
  };
}

class Interrupted extends Error {
  constructor() {
    super('Interrupted: the server stopped, or the export was failed elsewhere. Create it again.');
  }
}
