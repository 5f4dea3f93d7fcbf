// Runs around every test file (vitest setupFiles). Files in one worker share the app
// (isolate: false), so a file leaves no export job running: its progress writes would
// land among the next file's statements (the SQL counts).
import { afterAll } from 'vitest';
import { startedTestApp } from './app.js';

afterAll(async () => {
  const started = startedTestApp();
  if (started) await (await started).app.exports.idle();
});
