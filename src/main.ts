// Entry point: read config, build the app, listen, stop cleanly on signals.
import { ConfigError, loadConfig } from './config.js';
import { createApp } from './app.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

const started = Date.now();
const app = await createApp(config);
const port = await app.start();
app.log.info(
  { port, database: app.db.kind, startupMs: Date.now() - started },
  `ordergraph listening on http://localhost:${port}/graphql`,
);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    app
      .stop()
      .then(() => process.exit(0))
      .catch((error) => {
        app.log.error({ err: error }, 'error while stopping');
        process.exit(1);
      });
  });
}
