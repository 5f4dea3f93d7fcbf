import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // One graphql module for all: the libraries load its CommonJS build under Node,
  // so files vitest transforms must not pick its .mjs build (two realms).
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    include: ['test/**/*.test.ts'],
    // PGlite starts in a few seconds per worker; PostgreSQL tests seed their own tenants.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // Files in one worker share its modules, so the schema is built and the
    // database (PGlite) started once per worker, not once per file. Tests keep no
    // state of their own beyond their tenant, so sharing is safe.
    isolate: false,
    setupFiles: ['test/support/setup.ts'],
  },
});
