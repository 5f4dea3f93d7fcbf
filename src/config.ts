// The only reader of process.env: parsed and validated once at start-up.
import { createHmac, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL URL; absent means the embedded PGlite database in dataDir. Migrations and scripts run as its role (the tables' owner). */
  databaseUrl: string | undefined;
  /**
   * PostgreSQL URL the server's queries use: a role that row-level security applies to
   * (not the owner, no superuser, no BYPASSRLS). Absent: the server's queries use databaseUrl.
   */
  databaseAppUrl: string | undefined;
  /** Redis URL for pub/sub between instances; absent means in-memory. */
  redisUrl: string | undefined;
  /** Start of every Redis channel and key of this deployment; absent: ordergraph:<database name>:<deployment id from the database>. */
  redisPrefix: string | undefined;
  /** Folder of the embedded database; "memory://" keeps it in memory only. */
  dataDir: string;
  logLevel: LogLevel;
  /** production: no GraphiQL demo key, no field suggestions, masked errors. */
  production: boolean;
  /** Seed demo data (and a demo key) into an empty embedded database. */
  demo: boolean;
  /** Answer plain reads with one SQL statement that builds the JSON (src/graphql/compiled-reads); off: the executor answers all. */
  compiledReads: boolean;
  /** Size of the PostgreSQL connection pool. */
  dbPoolSize: number;
  /** PostgreSQL statement_timeout for reads, ms (0: none). */
  dbReadTimeoutMs: number;
  /** PostgreSQL statement_timeout inside write transactions, ms (0: none). */
  dbWriteTimeoutMs: number;
  /** PostgreSQL statement_timeout of an export job's reads, ms (0: none). */
  dbExportTimeoutMs: number;
  /** PostgreSQL: wait for a new or a free pooled connection, ms (0: forever). */
  dbConnectTimeoutMs: number;
  /** PostgreSQL: parallel workers a statement of the app may use (max_parallel_workers_per_gather); undefined: the server's setting. */
  dbParallelWorkers: number | undefined;
  /** A GraphQL request (query or mutation; not a subscription) answers TIMEOUT after this long, ms (0: no deadline). */
  requestTimeoutMs: number;
  /** How long a graceful stop waits for in-flight requests before closing their connections. */
  shutdownTimeoutMs: number;
  /** How long a successful API key lookup is reused in memory (0 = look the key up on every request). */
  apiKeyCacheMs: number;
  /** Subscriptions over WebSocket and SSE. */
  live: LiveConfig;
  /** What one request, and one API key over time, may ask of the server. */
  limits: LimitsConfig;
  /** Origins browsers may call from (CORS, WebSocket); ["*"] = any. */
  corsOrigins: string[];
  /** The outbox relay and webhook delivery. */
  webhooks: WebhooksConfig;
  /** How often this instance expires cancellation requests past their deadline (0 = never; reads and writes still expire them lazily). */
  cancellationExpirySweepMs: number;
  /** Milliseconds between folds of SalesHour's slot rows of past hours (0: none). */
  salesHoursFoldMs: number;
  /** Milliseconds between samples of the order search documents' common trigrams (0: only the one at start). */
  searchTrigramSampleMs: number;
  /** Prometheus metrics and the request log's slow-request threshold. */
  metrics: MetricsConfig;
  /** OpenTelemetry traces over OTLP/HTTP (src/http/tracing.ts); off when no endpoint is set. */
  tracing: TracingConfig;
  /** Signed document links (invoices, packing and picking lists, delivery notes, labels). */
  documents: DocumentsConfig;
  /** Bulk exports (src/exports). */
  exports: ExportsConfig;
}

export interface MetricsConfig {
  /** Collect metrics and answer /metrics (off: no collection, /metrics is 404). */
  enabled: boolean;
  /** Bearer token /metrics requires; in production /metrics is 404 without one. */
  token: string | undefined;
  /** Requests slower than this log at warn with their document's hash. */
  slowRequestMs: number;
}

export interface TracingConfig {
  /** OTLP/HTTP base URL (spans go to <endpoint>/v1/traces); undefined: no tracing at all. */
  endpoint: string | undefined;
  /** The service.name of exported spans. */
  serviceName: string;
}

export interface DocumentsConfig {
  /** HMAC-SHA256 key of signed document links; outside production a random one per process when not set; the server needs it in production (documentUrlSecret). */
  urlSecret: string | undefined;
  /** How long a signed document link stays valid. */
  urlTtlSeconds: number;
}

export interface ExportsConfig {
  /** Folder of export files: EXPORT_DIR, else <DATA_DIR>/exports (a temporary folder when DATA_DIR is memory://). */
  dir: string;
  /** Signs download links; required in production. Absent elsewhere: a random secret per process (links end with it). */
  urlSecret: string;
  /** Whether urlSecret was given (false: generated at start). */
  urlSecretConfigured: boolean;
  /** Export files and their links live this many hours after the export finished. */
  retentionHours: number;
  /** Rows read from the database per page. */
  pageSize: number;
  /** Exports one instance runs at once. */
  concurrency: number;
}

export interface WebhooksConfig {
  /** Run the outbox relay and the webhook sender in this process (every instance may; they share the work). */
  relay: boolean;
  /** Tenant ids this instance relays for; undefined: every tenant. Lets a deployment give a busy tenant relay instances of its own (and keeps test files that share one database from taking each other's events). */
  relayTenants?: ReadonlySet<number>;
  /** How often the relay looks for work when nothing woke it (other instances' writes wake it through LISTEN on PostgreSQL). */
  pollMs: number;
  /** How long one webhook request may take. */
  timeoutMs: number;
  /** First retry after this; each next one waits twice as long, with jitter, up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** A delivery not acknowledged within this many hours of its event is given up (FAILED). */
  retryWindowHours: number;
  /** An endpoint is disabled after this many failed attempts in a row. */
  disableAfterFailures: number;
  /** Requests in flight at once to one endpoint. */
  concurrencyPerEndpoint: number;
  /** Hosts (names or IP addresses) webhooks may reach although they are private or loopback addresses. */
  allowedPrivateHosts: string[];
  /** Only https:// endpoint URLs (on in production). */
  requireHttps: boolean;
  /** Outbox rows (and their delivery log) are kept this many hours, then pruned in batches. */
  retentionHours: number;
}

export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Most one request may cost (src/limits/query-cost.ts). */
  maxCost: number;
  /** Cost bucket per API key: size and points restored per second (0 = no rate limit). */
  rateLimitCapacity: number;
  rateLimitRestoreRate: number;
  /** Largest request body accepted (413 above). */
  maxBodyBytes: number;
}

export interface LiveConfig {
  /** WebSocket ping interval; a socket that misses a pong by the next ping is dropped (0 = no pings). */
  keepAliveMs: number;
  /** Operations one WebSocket connection may run at once. */
  maxSubscriptionsPerConnection: number;
  /** Subscriptions one API key may hold at once on this instance, over all its connections. */
  maxSubscriptionsPerKey: number;
  /** Sum of the costs of the subscriptions one API key, and one tenant, may hold open at once on this instance. */
  maxCostPerKey: number;
  maxCostPerTenant: number;
  /** A WebSocket whose unsent bytes exceed this is closed (slow consumer). */
  maxBufferedBytes: number;
  /** Events queued for one subscription before it is ended as too slow. */
  maxQueuedEvents: number;
  /** orderStatusCountsChanged re-counts at most once per this window per tenant. */
  countsCoalesceMs: number;
  /** How often open WebSockets re-check their API key; a revoked or expired key's sockets close (0 = never). */
  keyRecheckMs: number;
  /** Compress WebSocket frames (permessage-deflate) when the client offers it; off by default (CPU per delivery). */
  perMessageDeflate: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `expected ${min}..${max}, got ${value}`);
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    // Never echo the value: URLs carry passwords.
    throw new ConfigError(name, `not a valid URL (expected ${protocols.map((p) => `${p}//...`).join(' or ')})`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `expected a ${protocols.join(' or ')} URL, got "${parsed.protocol}"`);
  }
  return raw;
}

function tenantIds(env: NodeJS.ProcessEnv, name: string): ReadonlySet<number> | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const ids = raw.split(',').map((id) => id.trim()).filter(Boolean);
  for (const id of ids) if (!/^[1-9]\d{0,9}$/.test(id)) throw new ConfigError(name, `expected tenant ids separated by commas, got "${id}"`);
  return new Set(ids.map(Number));
}

function origins(env: NodeJS.ProcessEnv, name: string): string[] {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '' || raw === '*') return ['*'];
  const list = raw.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of list) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new ConfigError(name, `expected origins such as https://shop.example.com, got "${origin}"`);
  }
  return list;
}

function redisPrefix(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^[A-Za-z0-9_.:-]{1,200}$/.test(raw)) throw new ConfigError(name, `expected letters, digits and _ . : - (at most 200), got "${raw}"`);
  return raw.replace(/:+$/, '');
}

function otlpEndpoint(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `expected an http: or https: URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, `expected an http: or https: URL, got "${url.protocol}"`);
  return value.replace(/\/+$/, '');
}

function metricsToken(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  // Never echo the value: it is a secret.
  if (!/^[\x21-\x7e]{16,200}$/.test(raw)) throw new ConfigError(name, 'expected 16 to 200 printable characters without spaces');
  return raw;
}

function documentSecret(env: NodeJS.ProcessEnv, name: string, production: boolean): string | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') {
    // Outside production, links signed by one process open only in that process (a restart invalidates them).
    // In production the server refuses to start without it (documentUrlSecret); scripts (migrate, apikey) do not need it.
    return production ? undefined : randomBytes(32).toString('base64url');
  }
  // Never echo the value: it is a secret.
  if (raw.length < 32) throw new ConfigError(name, `expected at least 32 characters, got ${raw.length}`);
  return raw;
}

/** The secret the server signs document links with; a ConfigError in production when DOCUMENT_URL_SECRET is not set. */
export function documentUrlSecret(config: Pick<Config, 'documents'>): string {
  if (config.documents.urlSecret === undefined) {
    throw new ConfigError('DOCUMENT_URL_SECRET', 'required when NODE_ENV=production (at least 32 characters, e.g. `openssl rand -base64 48`)');
  }
  return config.documents.urlSecret;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function exportsConfig(env: NodeJS.ProcessEnv, production: boolean): ExportsConfig {
  const own = env.EXPORT_URL_SECRET?.trim() || undefined;
  if (own !== undefined && own.length < 32) throw new ConfigError('EXPORT_URL_SECRET', 'expected at least 32 characters');
  // One secret may serve every signed link: without one of their own, export links are signed
  // with a key derived from DOCUMENT_URL_SECRET. Like that one, it is needed to serve in
  // production (checked at start), not to run scripts.
  const documents = env.DOCUMENT_URL_SECRET?.trim() || undefined;
  const secret = own ?? (documents && documents.length >= 32 ? createHmac('sha256', documents).update('ordergraph export links').digest('base64url') : undefined);
  const dataDir = env.DATA_DIR?.trim() || './data';
  const dir = env.EXPORT_DIR?.trim() || (dataDir.startsWith('memory://') ? join(tmpdir(), `ordergraph-exports-${process.pid}`) : join(dataDir, 'exports'));
  return {
    dir,
    urlSecret: secret ?? (production ? '' : randomBytes(32).toString('base64url')),
    urlSecretConfigured: secret !== undefined,
    retentionHours: integer(env, 'EXPORT_RETENTION_HOURS', 24, 1, 8_760),
    pageSize: integer(env, 'EXPORT_PAGE_SIZE', 1_000, 10, 50_000),
    concurrency: integer(env, 'EXPORT_CONCURRENCY', 2, 1, 32),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = (env.LOG_LEVEL?.trim().toLowerCase() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const databaseAppUrl = url(env, 'DATABASE_APP_URL', ['postgres:', 'postgresql:']);
  if (databaseAppUrl && !databaseUrl) throw new ConfigError('DATABASE_APP_URL', 'needs DATABASE_URL too (the owner, for migrations)');
  const production = env.NODE_ENV === 'production';
  const demo = flag(env, 'DEMO', !databaseUrl && !production);
  // The demo key is published in the README: it must never open production data.
  if (demo && production) throw new ConfigError('DEMO', 'cannot be on when NODE_ENV=production (the demo key is public)');
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    databaseAppUrl,
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: redisPrefix(env, 'REDIS_PREFIX'),
    dataDir: env.DATA_DIR?.trim() || './data',
    logLevel,
    production,
    demo,
    compiledReads: flag(env, 'COMPILED_READS', true),
    dbPoolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200),
    dbReadTimeoutMs: integer(env, 'DB_READ_TIMEOUT_MS', 5_000, 0, 600_000),
    dbWriteTimeoutMs: integer(env, 'DB_WRITE_TIMEOUT_MS', 15_000, 0, 600_000),
    dbExportTimeoutMs: integer(env, 'DB_EXPORT_TIMEOUT_MS', 120_000, 0, 3_600_000),
    dbConnectTimeoutMs: integer(env, 'DB_CONNECT_TIMEOUT_MS', 5_000, 0, 600_000),
    dbParallelWorkers: env.DB_PARALLEL_WORKERS?.trim() === 'server' ? undefined : integer(env, 'DB_PARALLEL_WORKERS', 0, 0, 64),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 0, 3_600_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    apiKeyCacheMs: integer(env, 'API_KEY_CACHE_MS', 10_000, 0, 3_600_000),
    live: {
      keepAliveMs: integer(env, 'LIVE_KEEPALIVE_MS', 12_000, 0, 600_000),
      maxSubscriptionsPerConnection: integer(env, 'LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION', 100, 1, 100_000),
      maxSubscriptionsPerKey: integer(env, 'LIVE_MAX_SUBSCRIPTIONS_PER_KEY', 1_000, 1, 1_000_000),
      maxCostPerKey: integer(env, 'LIVE_MAX_COST_PER_KEY', 50_000, 1, 100_000_000),
      maxCostPerTenant: integer(env, 'LIVE_MAX_COST_PER_TENANT', 200_000, 1, 1_000_000_000),
      maxBufferedBytes: integer(env, 'LIVE_MAX_BUFFERED_BYTES', 1_048_576, 1_024, 1_073_741_824),
      maxQueuedEvents: integer(env, 'LIVE_MAX_QUEUED_EVENTS', 1_000, 1, 1_000_000),
      countsCoalesceMs: integer(env, 'LIVE_COUNTS_COALESCE_MS', 250, 0, 60_000),
      keyRecheckMs: integer(env, 'LIVE_KEY_RECHECK_MS', 30_000, 0, 60_000),
      perMessageDeflate: flag(env, 'LIVE_PER_MESSAGE_DEFLATE', false),
    },
    limits: {
      maxDepth: integer(env, 'QUERY_MAX_DEPTH', 12, 2, 100),
      maxAliases: integer(env, 'QUERY_MAX_ALIASES', 100, 1, 1_000),
      maxDirectives: integer(env, 'QUERY_MAX_DIRECTIVES', 20, 1, 1_000),
      maxTokens: integer(env, 'QUERY_MAX_TOKENS', 5_000, 1_000, 1_000_000),
      maxCost: integer(env, 'QUERY_MAX_COST', 10_000, 10, 10_000_000),
      rateLimitCapacity: integer(env, 'RATE_LIMIT_CAPACITY', 50_000, 10, 100_000_000),
      rateLimitRestoreRate: integer(env, 'RATE_LIMIT_RESTORE_RATE', 5_000, 0, 10_000_000),
      maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1_048_576, 1_024, 104_857_600),
    },
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    webhooks: {
      relay: flag(env, 'WEBHOOKS_RELAY', true),
      relayTenants: tenantIds(env, 'WEBHOOKS_RELAY_TENANTS'),
      pollMs: integer(env, 'WEBHOOKS_POLL_MS', 1_000, 10, 600_000),
      timeoutMs: integer(env, 'WEBHOOKS_TIMEOUT_MS', 10_000, 100, 120_000),
      retryBaseMs: integer(env, 'WEBHOOKS_RETRY_BASE_MS', 30_000, 1, 3_600_000),
      retryMaxMs: integer(env, 'WEBHOOKS_RETRY_MAX_MS', 3_600_000, 1, 86_400_000),
      retryWindowHours: integer(env, 'WEBHOOKS_RETRY_WINDOW_HOURS', 72, 1, 720),
      disableAfterFailures: integer(env, 'WEBHOOKS_DISABLE_AFTER_FAILURES', 50, 1, 1_000_000),
      concurrencyPerEndpoint: integer(env, 'WEBHOOKS_CONCURRENCY_PER_ENDPOINT', 4, 1, 100),
      allowedPrivateHosts: (env.WEBHOOKS_ALLOWED_PRIVATE_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
      requireHttps: flag(env, 'WEBHOOKS_REQUIRE_HTTPS', production),
      retentionHours: integer(env, 'OUTBOX_RETENTION_HOURS', 168, 1, 87_600),
    },
    cancellationExpirySweepMs: integer(env, 'CANCELLATION_EXPIRY_SWEEP_MS', 60_000, 0, 86_400_000),
    salesHoursFoldMs: integer(env, 'SALES_HOURS_FOLD_MS', 600_000, 0, 86_400_000),
    searchTrigramSampleMs: integer(env, 'SEARCH_TRIGRAM_SAMPLE_MS', 600_000, 0, 86_400_000),
    metrics: {
      enabled: flag(env, 'METRICS', true),
      token: metricsToken(env, 'METRICS_TOKEN'),
      slowRequestMs: integer(env, 'SLOW_REQUEST_MS', 1_000, 0, 3_600_000),
    },
    tracing: {
      endpoint: otlpEndpoint(env, 'OTEL_EXPORTER_OTLP_ENDPOINT'),
      serviceName: env.OTEL_SERVICE_NAME?.trim() || 'ordergraph',
    },
    documents: {
      urlSecret: documentSecret(env, 'DOCUMENT_URL_SECRET', production),
      urlTtlSeconds: integer(env, 'DOCUMENT_URL_TTL_SECONDS', 3_600, 60, 604_800),
    },
    exports: exportsConfig(env, production),
  };
}
