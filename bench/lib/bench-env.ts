// The environment the in-process benches start the app with: no demo data, the embedded
// database in memory unless DATABASE_URL names one, no rate limit, no background relay or
// sweeps (a bench that measures them turns them back on).
export function benchEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DEMO: 'false',
    LOG_LEVEL: 'warn',
    DATA_DIR: 'memory://',
    NODE_ENV: 'test',
    RATE_LIMIT_RESTORE_RATE: '0',
    WEBHOOKS_RELAY: 'false',
    CANCELLATION_EXPIRY_SWEEP_MS: '0',
    ...overrides,
  };
}
