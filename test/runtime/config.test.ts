import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, documentUrlSecret, loadConfig } from '../../src/config.js';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('leaves the parallel workers to the server when DB_PARALLEL_WORKERS=server', () => {
    expect(loadConfig({ DB_PARALLEL_WORKERS: 'server' }).dbParallelWorkers).toBeUndefined();
  });

  it('defaults to port 4000, the embedded database in ./data, info logs and demo data', () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      redisUrl: undefined,
      dataDir: './data',
      logLevel: 'info',
      production: false,
      demo: true,
      compiledReads: true,
      dbPoolSize: 10,
      dbReadTimeoutMs: 5_000,
      dbWriteTimeoutMs: 15_000,
      dbExportTimeoutMs: 120_000,
      dbConnectTimeoutMs: 5_000,
      dbParallelWorkers: 0,
      requestTimeoutMs: 30_000,
      shutdownTimeoutMs: 10_000,
      apiKeyCacheMs: 10_000,
      cancellationExpirySweepMs: 60_000,
      salesHoursFoldMs: 600_000,
      searchTrigramSampleMs: 600_000,
      metrics: { enabled: true, token: undefined, slowRequestMs: 1_000 },
      tracing: { endpoint: undefined, serviceName: 'ordergraph' },
      live: { keepAliveMs: 12_000, maxSubscriptionsPerConnection: 100, maxSubscriptionsPerKey: 1_000, maxCostPerKey: 50_000, maxCostPerTenant: 200_000, maxBufferedBytes: 1_048_576, maxQueuedEvents: 1_000, countsCoalesceMs: 250, keyRecheckMs: 30_000, perMessageDeflate: false },
      limits: { maxDepth: 12, maxAliases: 100, maxDirectives: 20, maxTokens: 5_000, maxCost: 10_000, rateLimitCapacity: 50_000, rateLimitRestoreRate: 5_000, maxBodyBytes: 1_048_576 },
      corsOrigins: ['*'],
      webhooks: {
        relay: true,
        pollMs: 1_000,
        timeoutMs: 10_000,
        retryBaseMs: 30_000,
        retryMaxMs: 3_600_000,
        retryWindowHours: 72,
        disableAfterFailures: 50,
        concurrencyPerEndpoint: 4,
        allowedPrivateHosts: [],
        requireHttps: false,
        retentionHours: 168,
      },
      documents: { urlSecret: expect.any(String), urlTtlSeconds: 3_600 },
      exports: {
        dir: 'data/exports',
        urlSecret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        urlSecretConfigured: false,
        retentionHours: 24,
        pageSize: 1_000,
        concurrency: 2,
      },
    });
  });

  it('reads every variable it knows', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://app:secret@db.internal:5432/ordergraph',
      REDIS_URL: 'redis://cache.internal:6379',
      REDIS_PREFIX: 'shop-eu:prod:',
      DATA_DIR: '/var/lib/ordergraph',
      LOG_LEVEL: 'warn',
      DB_POOL_SIZE: '25',
      DB_READ_TIMEOUT_MS: '2000',
      DB_WRITE_TIMEOUT_MS: '8000',
      DB_EXPORT_TIMEOUT_MS: '600000',
      DB_CONNECT_TIMEOUT_MS: '1500',
      DB_PARALLEL_WORKERS: '2',
      REQUEST_TIMEOUT_MS: '0',
      SHUTDOWN_TIMEOUT_MS: '30000',
      API_KEY_CACHE_MS: '0',
      QUERY_MAX_DEPTH: '8',
      QUERY_MAX_COST: '2000',
      RATE_LIMIT_RESTORE_RATE: '0',
      MAX_BODY_BYTES: '65536',
      CORS_ORIGINS: 'https://shop.example.com, http://localhost:3000',
      METRICS: 'true',
      METRICS_TOKEN: 'scrape-0123456789abcdef',
      SLOW_REQUEST_MS: '250',
    });
    expect(config).toMatchObject({
      metrics: { enabled: true, token: 'scrape-0123456789abcdef', slowRequestMs: 250 },
      limits: { maxDepth: 8, maxCost: 2_000, rateLimitRestoreRate: 0, maxBodyBytes: 65_536 },
      corsOrigins: ['https://shop.example.com', 'http://localhost:3000'],
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://app:secret@db.internal:5432/ordergraph',
      redisUrl: 'redis://cache.internal:6379',
      redisPrefix: 'shop-eu:prod',
      dataDir: '/var/lib/ordergraph',
      logLevel: 'warn',
      dbPoolSize: 25,
      dbReadTimeoutMs: 2_000,
      dbWriteTimeoutMs: 8_000,
      dbExportTimeoutMs: 600_000,
      dbConnectTimeoutMs: 1_500,
      dbParallelWorkers: 2,
      requestTimeoutMs: 0,
      shutdownTimeoutMs: 30_000,
      apiKeyCacheMs: 0,
    });
  });

  it('turns demo data off by default when a PostgreSQL URL is given or in production', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/og' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', EXPORT_URL_SECRET: 'test-export-url-secret-0123456789abcdef' })).toMatchObject({ production: true, demo: false });
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/og', DEMO: 'true' }).demo).toBe(true);
    expect(loadConfig({ DEMO: 'off' }).demo).toBe(false);
  });

  it('treats empty variables as unset and accepts port 0 (any free port)', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', LOG_LEVEL: '' })).toMatchObject({ port: 4000, databaseUrl: undefined, logLevel: 'info' });
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', 'PORT: expected a whole number, got "abc"'],
    [{ PORT: '-1' }, 'PORT', 'PORT: expected a whole number, got "-1"'],
    [{ PORT: '70000' }, 'PORT', 'PORT: expected 0..65535, got 70000'],
    [{ PORT: '80.5' }, 'PORT', 'PORT: expected a whole number, got "80.5"'],
    [{ DATABASE_URL: 'mysql://localhost/og' }, 'DATABASE_URL', 'DATABASE_URL: expected a postgres: or postgresql: URL, got "mysql:"'],
    [{ REDIS_URL: 'http://localhost' }, 'REDIS_URL', 'REDIS_URL: expected a redis: or rediss: URL, got "http:"'],
    [{ REDIS_PREFIX: 'shop eu' }, 'REDIS_PREFIX', 'REDIS_PREFIX: expected letters, digits and _ . : - (at most 200), got "shop eu"'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL', 'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "verbose"'],
    [{ DEMO: 'maybe' }, 'DEMO', 'DEMO: expected true or false, got "maybe"'],
    [{ DB_POOL_SIZE: '0' }, 'DB_POOL_SIZE', 'DB_POOL_SIZE: expected 1..200, got 0'],
    [{ DB_READ_TIMEOUT_MS: '-5' }, 'DB_READ_TIMEOUT_MS', 'DB_READ_TIMEOUT_MS: expected a whole number, got "-5"'],
    [{ DB_PARALLEL_WORKERS: 'many' }, 'DB_PARALLEL_WORKERS', 'DB_PARALLEL_WORKERS: expected a whole number, got "many"'],
    [{ REQUEST_TIMEOUT_MS: '4000000' }, 'REQUEST_TIMEOUT_MS', 'REQUEST_TIMEOUT_MS: expected 0..3600000, got 4000000'],
    [{ QUERY_MAX_DEPTH: '1' }, 'QUERY_MAX_DEPTH', 'QUERY_MAX_DEPTH: expected 2..100, got 1'],
    [{ CORS_ORIGINS: 'shop.example.com' }, 'CORS_ORIGINS', 'CORS_ORIGINS: expected origins such as https://shop.example.com, got "shop.example.com"'],
    [{ METRICS: 'sometimes' }, 'METRICS', 'METRICS: expected true or false, got "sometimes"'],
    [{ SLOW_REQUEST_MS: '1.5' }, 'SLOW_REQUEST_MS', 'SLOW_REQUEST_MS: expected a whole number, got "1.5"'],
    [{ NODE_ENV: 'production', DEMO: 'true' }, 'DEMO', 'DEMO: cannot be on when NODE_ENV=production (the demo key is public)'],
    [{ DOCUMENT_URL_SECRET: 'short' }, 'DOCUMENT_URL_SECRET', 'DOCUMENT_URL_SECRET: expected at least 32 characters, got 5'],
    [{ WEBHOOKS_RELAY_TENANTS: '3,x' }, 'WEBHOOKS_RELAY_TENANTS', 'WEBHOOKS_RELAY_TENANTS: expected tenant ids separated by commas, got "x"'],
    [{ DOCUMENT_URL_TTL_SECONDS: '10' }, 'DOCUMENT_URL_TTL_SECONDS', 'DOCUMENT_URL_TTL_SECONDS: expected 60..604800, got 10'],
  ])('refuses %j with a message naming %s', (env, variable, message) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toBe(message);
  });

  it('relays for every tenant unless WEBHOOKS_RELAY_TENANTS names some', () => {
    expect(loadConfig({}).webhooks.relayTenants).toBeUndefined();
    expect([...loadConfig({ WEBHOOKS_RELAY_TENANTS: ' 7, 12,7 ' }).webhooks.relayTenants!]).toEqual([7, 12]);
  });

  it('does not repeat a metrics token it refuses (too short, or with spaces)', () => {
    for (const token of ['short-secret', 'a token with spaces in it']) {
      const error = configError({ METRICS_TOKEN: token });
      expect(error.message).toBe('METRICS_TOKEN: expected 16 to 200 printable characters without spaces');
    }
  });

  it('signs document links with DOCUMENT_URL_SECRET, or a random secret per process outside production', () => {
    expect(loadConfig({ DOCUMENT_URL_SECRET: 'x'.repeat(40), DOCUMENT_URL_TTL_SECONDS: '600' }).documents).toEqual({ urlSecret: 'x'.repeat(40), urlTtlSeconds: 600 });
    const a = loadConfig({}).documents;
    const b = loadConfig({}).documents;
    expect(a.urlTtlSeconds).toBe(3600);
    expect(a.urlSecret?.length).toBeGreaterThanOrEqual(32);
    expect(a.urlSecret).not.toBe(b.urlSecret);
  });

  it('needs DOCUMENT_URL_SECRET to serve in production (scripts such as migrate do not)', () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    expect(config.documents.urlSecret).toBeUndefined();
    let error: unknown;
    try {
      documentUrlSecret(config);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('DOCUMENT_URL_SECRET: required when NODE_ENV=production (at least 32 characters, e.g. `openssl rand -base64 48`)');
    expect(documentUrlSecret(loadConfig({ NODE_ENV: 'production', DOCUMENT_URL_SECRET: 's'.repeat(32) }))).toBe('s'.repeat(32));
  });

  it('does not repeat an unparsable database URL, which may hold a password', () => {
    const error = configError({ DATABASE_URL: 'postgres://app:s3cret@db:notaport/og' });
    expect(error.message).toMatch(/^DATABASE_URL: not a valid URL/);
    expect(error.message).not.toContain('s3cret');
  });
});

describe('export settings', () => {
  const secret = 'a-secret-of-at-least-32-characters-long!';

  it('reads EXPORT_DIR, EXPORT_URL_SECRET, EXPORT_RETENTION_HOURS, EXPORT_PAGE_SIZE and EXPORT_CONCURRENCY', () => {
    expect(
      loadConfig({ EXPORT_DIR: '/srv/exports', EXPORT_URL_SECRET: secret, EXPORT_RETENTION_HOURS: '72', EXPORT_PAGE_SIZE: '5000', EXPORT_CONCURRENCY: '4' }).exports,
    ).toEqual({ dir: '/srv/exports', urlSecret: secret, urlSecretConfigured: true, retentionHours: 72, pageSize: 5_000, concurrency: 4 });
  });

  it('keeps files under DATA_DIR/exports unless EXPORT_DIR is given; a temporary folder for an in-memory database', () => {
    expect(loadConfig({ DATA_DIR: '/var/lib/ordergraph' }).exports.dir).toBe('/var/lib/ordergraph/exports');
    expect(loadConfig({ DATA_DIR: 'memory://' }).exports.dir).toMatch(/ordergraph-exports-\d+$/);
  });

  it('takes EXPORT_URL_SECRET of at least 32 characters, else a key derived from DOCUMENT_URL_SECRET; production without either serves nothing (checked at start)', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).exports).toMatchObject({ urlSecret: '', urlSecretConfigured: false });
    const derived = loadConfig({ NODE_ENV: 'production', DOCUMENT_URL_SECRET: 'd'.repeat(40) }).exports;
    expect(derived.urlSecretConfigured).toBe(true);
    expect(derived.urlSecret).toBe(createHmac('sha256', 'd'.repeat(40)).update('ordergraph export links').digest('base64url'));
    expect(() => loadConfig({ EXPORT_URL_SECRET: 'short' })).toThrow('EXPORT_URL_SECRET: expected at least 32 characters');
    expect(loadConfig({ NODE_ENV: 'production', EXPORT_URL_SECRET: secret }).exports.urlSecret).toBe(secret);
  });

  it('refuses a retention under an hour and a page size under 10', () => {
    expect(() => loadConfig({ EXPORT_RETENTION_HOURS: '0' })).toThrow('EXPORT_RETENTION_HOURS: expected 1..8760, got 0');
    expect(() => loadConfig({ EXPORT_PAGE_SIZE: '5' })).toThrow('EXPORT_PAGE_SIZE: expected 10..50000, got 5');
  });

  it('lists every export setting in the README settings table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const name of ['EXPORT_DIR', 'EXPORT_URL_SECRET', 'EXPORT_RETENTION_HOURS', 'EXPORT_PAGE_SIZE', 'EXPORT_CONCURRENCY']) {
      expect(readme, name).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
    }
  });

  it('traces only with an OTLP endpoint, an http(s) URL without its trailing slash', () => {
    expect(loadConfig({}).tracing).toEqual({ endpoint: undefined, serviceName: 'ordergraph' });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }).tracing.endpoint).toBeUndefined();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_SERVICE_NAME: 'ordergraph-eu' }).tracing).toEqual({
      endpoint: 'http://collector:4318',
      serviceName: 'ordergraph-eu',
    });
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow('OTEL_EXPORTER_OTLP_ENDPOINT: expected an http: or https: URL, got "collector:"');
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toThrow('OTEL_EXPORTER_OTLP_ENDPOINT: expected an http: or https: URL, got "not a url"');
  });

  it('lists the tracing settings in the README settings table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME']) {
      expect(readme, name).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
    }
  });
});
