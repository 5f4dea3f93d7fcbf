#!/usr/bin/env node
// Where an idle server's memory goes: process.memoryUsage() after a full GC at each step of the
// start (Node alone, the modules loaded, the app built, listening, 3 s idle), on DATABASE_URL.
//   npm run build && node --expose-gc [FLAGS] bench/idle-memory.mjs          (dist/, as production runs)
//   node --expose-gc [FLAGS] --import tsx bench/idle-memory.mjs --from src  (through tsx, as `npm start`)
// FLAGS: the server's V8 flags, package.json's config.nodeFlags (README "V8 flags").
// Needs the same environment as the server (DATABASE_URL, NODE_ENV=production, DOCUMENT_URL_SECRET ...).
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({ options: { from: { type: 'string', default: 'dist' } } });
if (!['dist', 'src'].includes(values.from)) throw new Error(`--from is dist or src, got ${values.from}`);
if (typeof globalThis.gc !== 'function') throw new Error('run node with --expose-gc');
const root = fileURLToPath(new URL(values.from === 'dist' ? '../dist/src/' : '../src/', import.meta.url));
const mb = (bytes) => Math.round(bytes / 1048576);
const show = (label) => {
  globalThis.gc();
  const m = process.memoryUsage();
  console.log(`${label.padEnd(20)} rss ${String(mb(m.rss)).padStart(4)} MB  heap used ${String(mb(m.heapUsed)).padStart(3)} of ${String(mb(m.heapTotal)).padStart(3)} MB  external ${mb(m.external)} MB`);
};

show('node alone');
const { loadConfig } = await import(`${root}config.js`);
const { createApp } = await import(`${root}app.js`);
const { createLogger } = await import(`${root}logger.js`);
show('modules loaded');
const app = await createApp(loadConfig(), { logger: createLogger('warn') });
show('app built');
await app.start();
show('listening');
await new Promise((resolve) => setTimeout(resolve, 3000));
show('idle 3 s');
await app.stop();
