// The worker side of export-writer-thread.ts: one export file, written as its pages
// (JSON text, as PostgreSQL wrote them) arrive, one after the other in the order sent;
// each message is answered once its rows are handed to the file.
import { parentPort, workerData } from 'node:worker_threads';
import type { WriterData, WriterMessage, WriterReply } from './export-writer-thread.js';
import { openExportFile, pageRows } from './export-writers.js';

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
