// Entry point: read config, build the app, listen, stop cleanly on signals.
// In production run the build with node itself, `node dist/src/main.js` (README): npm does not pass
// SIGTERM on to the script it runs, so a graceful stop needs node to be signalled.
import { ConfigError, loadConfig, type Config } from './config.js';
import { createApp, type App } from './app.js';
import { createLogger } from './logger.js';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

const log = createLogger(config.logLevel);
const started = Date.now();
let app: App;
let port: number;
try {
  app = await createApp(config, { logger: log });
  port = await app.start();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
    process.exit(2);
  }
  // Database unreachable, a migration edited after it was applied, port in use, ...
  log.fatal({ err: error }, 'start-up failed');
  process.exit(1);
}
log.info(
  { port, database: app.db.kind, demo: config.demo, startupMs: Date.now() - started },
  `ordergraph listening on http://localhost:${port}/graphql`,
);

// Structured, then the same crash as Node's default: a supervisor restarts the process.
process.on('uncaughtException', (error) => {
  log.fatal({ err: error }, 'uncaught exception');
  process.exit(1);
});
process.on('unhandledRejection', (reason) => {
  log.fatal({ err: reason }, 'unhandled promise rejection');
  process.exit(1);
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) {
      // A second Ctrl-C means "now".
      log.warn({ signal }, 'second signal while stopping: exiting at once');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'stopping: finishing in-flight requests');
    app
      .stop()
      .then(() => {
        log.info('stopped');
        process.exit(0);
      })
      .catch((error) => {
        log.error({ err: error }, 'error while stopping');
        process.exit(1);
      });
  });
}
