// A preload for bench/writes.ts: how long orderCreate's insert took on the wire, how soon
// after its answer this process sent COMMIT (when the create is a transaction), and how
// long COMMIT took, per pg client; printed at exit.
//   node --import tsx --import ./bench/insert-commit-gap.mjs bench/writes.ts
import { createRequire } from 'node:module';

// The app's pg, from the project's root (bench/ may have its own).
const pg = createRequire(new URL('../package.json', import.meta.url))('pg');
const query = pg.Client.prototype.query;
const inserts = [];
const gaps = [];
const commits = [];
const answered = new WeakMap();
pg.Client.prototype.query = function (...args) {
  const text = typeof args[0] === 'string' ? args[0] : (args[0]?.text ?? '');
  const sent = performance.now();
  const isCommit = /^\s*COMMIT\b/i.test(text);
  if (isCommit && answered.has(this)) gaps.push(sent - answered.get(this));
  answered.delete(this);
  const done = text.includes('INSERT INTO "Order" (')
    ? () => (answered.set(this, performance.now()), inserts.push(performance.now() - sent))
    : isCommit
      ? () => commits.push(performance.now() - sent)
      : undefined;
  // pg.Pool's query passes a callback; Prisma's adapter awaits the promise.
  const last = args.length - 1;
  if (done && typeof args[last] === 'function') {
    const callback = args[last];
    args[last] = (...answer) => (done(), callback(...answer));
  }
  const result = query.apply(this, args);
  if (done && result && typeof result.then === 'function') result.then(done, () => {});
  return result;
};

const pct = (values, p) => [...values].sort((a, b) => a - b)[Math.floor(p * values.length)] ?? NaN;
process.on('exit', () => {
  for (const [name, values] of [['insert, on the wire', inserts], ['insert answered to COMMIT sent', gaps], ['COMMIT, on the wire', commits]]) {
    console.log(`${name.padEnd(32)} n ${values.length}  p50 ${pct(values, 0.5).toFixed(2)} ms  p90 ${pct(values, 0.9).toFixed(2)} ms`);
  }
});
