// The browser test (npm run test:browser): GraphiQL in headless Chromium. Kept out of
// `npm test` so the suite runs without a browser; CI runs it as a step of its own.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    include: ['test/browser/**/*.browser-test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
