// An export file written on a worker thread: the runner reads pages and hands each
// over; formatting and compressing (an XLSX sheet's XML and zip, most of an export's
// CPU) run beside the event loop, so requests are not held up behind a page, and
// the next page is read while this one is written. A page is handed over (copied)
// as soon as it is read, so the event loop's heap does not hold it while it waits
// its turn. One worker per file, ended with it.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExportFormat } from '../db/generated/prisma/enums.js';
import type { Column } from './export-columns.js';

export type WriterMessage = { page: string } | { finish: true } | { abort: true };
export type WriterReply = { ok: true } | { error: string };
export interface WriterData {
  path: string;
  format: ExportFormat;
  columns: Column[];
}

/**
 * What the worker runs first. Built (dist/) it imports the compiled entry; run from the
 * TypeScript sources (tsx, vitest) it loads the entry through tsx's API, since a worker
 * does not inherit the parent's loader. Worked out once per process.
 */
function bootSource(): string {
  return (boot ??= bootCode());
}
let boot: string | undefined;

function bootCode(): string {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return `import(${JSON.stringify(new URL('./export-writer-worker.js', here).href)})`;
  const tsx = createRequire(here).resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs');
  const entry = new URL('./export-writer-worker.ts', here).href;
  return `import(${JSON.stringify(pathToFileURL(tsx).href)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}))`;
}

export interface ExportPageWriter {
  /** Hands over a page (pageSql's JSON text); resolves once it is written. The next may be sent before. */
  writePage(page: string): Promise<void>;
  /** Flushes and closes the file; resolves once it is on disk. */
  finish(): Promise<void>;
  /** Closes the file after a failure (the caller deletes it). */
  abort(): Promise<void>;
}

export function openExportFileInThread(path: string, format: ExportFormat, columns: readonly Column[]): ExportPageWriter {
  const data: WriterData = { path, format, columns: [...columns] };
  // The writer keeps little between pages (a streaming sheet, the zip waited for): a small heap,
  // collected sooner (the RSS an export adds) and bounded, so a fault cannot grow it unseen.
  const worker = new Worker(bootSource(), { eval: true, workerData: data, resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 } });
  // Replies come in the order of the messages: one waiter per message sent, oldest first.
  const waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const call of waiting.splice(0)) call.reject(failure);
  };
  worker.on('message', (reply: WriterReply) => {
    const call = waiting.shift();
    if ('error' in reply) call?.reject(new Error(reply.error));
    else call?.resolve();
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the export writer stopped (exit code ${code})`)));
  // Sent at once, written in turn: the caller may send the next page before this one is written.
  const call = (message: WriterMessage) =>
    failure
      ? Promise.reject(failure)
      : new Promise<void>((resolve, reject) => {
          waiting.push({ resolve, reject });
          worker.postMessage(message);
        });
  return {
    writePage: (page) => call({ page }),
    async finish() {
      try {
        await call({ finish: true });
      } finally {
        await worker.terminate();
      }
    },
    async abort() {
      await call({ abort: true }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
