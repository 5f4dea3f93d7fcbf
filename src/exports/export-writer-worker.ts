// The worker side of export-writer-thread.ts: one export file, written as its pages
// (JSON text, as PostgreSQL wrote them) arrive, one after the other in the order sent;
// each message is answered once its rows are handed to the file.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { WriterData, WriterMessage, WriterReply } from './export-writer-thread.js';
import { openExportFile, pageRows } from './export-writers.js';

// Background work: this thread yields the CPU to the requests' (nice 10). On Linux a thread
// has its own priority, set through its thread id; elsewhere it keeps the process's.
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
} catch {
  // no per-thread priority here
}

const { path, format, columns } = workerData as WriterData;
const writer = openExportFile(path, format, columns);
const port = parentPort!;

let turn: Promise<unknown> = Promise.resolve();
port.on('message', (message: WriterMessage) => {
  const done = turn.then(() => ('page' in message ? writer.writeRows(pageRows(message.page, columns)) : 'finish' in message ? writer.finish() : writer.abort()));
  turn = done.catch(() => undefined);
  done.then(
    () => port.postMessage({ ok: true } satisfies WriterReply),
    (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies WriterReply),
  );
});
