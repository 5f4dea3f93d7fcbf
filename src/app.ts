// createApp(config) builds everything: database, bus, schema, Yoga, HTTP server.
// Tests use the same factory. It only wires: each part lives where its layer is.
import { ConfigError, documentUrlSecret, type Config } from './config.js';
import type { Database } from './db/client.js';
import { openAppDatabase } from './db/app-database.js';
import { deploymentPrefix } from './db/deployment.js';
import { tenantNeutral, withTenant } from './db/tenant-scope.js';
import { getDatamodel } from './db/generated/pothos-types.js';
import { ApiKeyAuthenticator } from './auth/api-keys.js';
import { hasPermission, type Permission } from './auth/permissions.js';
import { createEventBus } from './events/bus.js';
import type { EventBus } from './events/topics.js';
import { compiledReadsPlugin } from './graphql/compiled-reads/plugin.js';
import { readColumnCatalog } from './graphql/compiled-reads/column-catalog.js';
import { createCostBucket } from './limits/cost-bucket.js';
import { createContextFactory } from './http/context.js';
import { keyScopedClients } from './auth/key-scope.js';
import { labelHttpPlugin } from './http/label-route.js';
import { documentsHttpPlugin } from './http/documents-route.js';
import { DocumentLinks } from './documents/signed-url.js';
import { exportHttpPlugin } from './http/export-route.js';
import { startExportRunner, type ExportRunner } from './exports/export-runner.js';
import { explorerAssetsPlugin } from './http/graphiql.js';
import { schemaRoutesPlugin } from './http/schema-routes.js';
import { createMaskError } from './http/mask-error.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { factsOf } from './http/request-facts.js';
import { createRequestLog } from './http/request-log.js';
import { createHttpServer } from './http/server.js';
import { SubscriptionQuota } from './http/subscription-quota.js';
import { attachWebSocket } from './http/websocket-server.js';
import { webhookClient } from './http/webhook-client.js';
import { createAppYoga, type AppYoga } from './http/yoga.js';
import type { Tracing, TracingDeps } from './http/tracing.js';
import { createIdempotencyStore } from './db/idempotency-store.js';
import { TrustedDocumentStore } from './db/trusted-documents.js';
import { trustedDocumentsPlugins } from './http/trusted-documents.js';
import { createLoaders } from './loaders.js';
import { startOutboxRelay, type OutboxRelay } from './webhooks/relay.js';
import { webhookPayloads, type WebhookPayloads } from './webhooks/graphql/payload-document.js';
import type { Context } from './graphql/context.js';
import { startCancellationExpirySweep, type ExpirySweep } from './orders/cancellation-request-expiry.js';
import { startSalesHoursFold, type SalesHoursFold } from './reports/sales-hours-fold.js';
import { startSearchTrigramSampling, type SearchTrigrams } from './orders/order-search.js';
import { createLogger, type Logger } from './logger.js';
import { buildSchema } from './schema.js';

export interface AppOptions {
  /** Tracing's batch delay (tests shorten it). */
  traceBatchDelayMs?: TracingDeps['batchDelayMs'];
  /** An already open database (tests share one); otherwise opened from config. */
  database?: Database;
  /** The tables' owner, for migrations and demo data when `database` is the app role (tests); otherwise opened from DATABASE_URL for those. */
  ownerDatabase?: Database;
  logger?: Logger;
  /** Pub/sub for live events; in-memory when not given. */
  events?: EventBus;
}

export interface App {
  yoga: AppYoga;
  db: Database;
  log: Logger;
  events: EventBus;
  /** The outbox relay and webhook sender, when this instance runs one (WEBHOOKS_RELAY). */
  relay: OutboxRelay | undefined;
  /** Checks and runs webhook payload documents (a relay started elsewhere passes `shape` on). */
  webhookPayloads: WebhookPayloads;
  /** Expires cancellation requests past their deadline every CANCELLATION_EXPIRY_SWEEP_MS (runOnce: one round now). */
  cancellationSweep: ExpirySweep;
  /** Folds SalesHour's slot rows of past hours every SALES_HOURS_FOLD_MS (runOnce: one fold now). */
  salesHoursFold: SalesHoursFold;
  /** The order search's common trigrams (sample() samples again now). */
  searchTrigrams: SearchTrigrams;
  /** Runs export jobs in this process (idle(): resolves when none is waiting or running). */
  exports: ExportRunner;
  /** Open WebSocket connections (graphql-ws). */
  liveConnections(): number;
  /** The OpenTelemetry exporter (flush: send the spans ended so far); absent when OTEL_EXPORTER_OTLP_ENDPOINT is not set. */
  tracing: Pick<Tracing, 'flush'> | undefined;
  /** The Prometheus registry behind /metrics; absent when METRICS is off. */
  metrics: Metrics | undefined;
  /** Listens on the port (0 = any free port); resolves with the bound port. */
  start(port?: number, host?: string): Promise<number>;
  /**
   * Stops accepting, finishes in-flight requests, closes the database. Connections
   * still busy after timeoutMs (default config.shutdownTimeoutMs) are closed.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.logger ?? createLogger(config.logLevel);
  // Before anything opens: a production server without its document secret does not start.
  const documentLinks = new DocumentLinks(documentUrlSecret(config), config.documents.urlTtlSeconds);
  // Loaded only in demo mode: production never imports the seed code.
  const demo = config.demo ? await import('./demo/demo-shop.js') : undefined;
  const database = await openAppDatabase(config, log, {
    ...options,
    seed: demo && (async (owner) => void ((await demo.ensureDemoData(owner)).created && log.info('demo data seeded'))),
  });
  const { db } = database;
  // Channels and keys of this deployment in a Redis other deployments may share.
  const redisPrefix = config.redisPrefix ?? deploymentPrefix(database.deployment);
  // A bus given by the caller is the caller's to close.
  const events = createEventBus(config, log, options.events, redisPrefix);
  const metrics = config.metrics.enabled ? createMetrics({ production: config.production, token: config.metrics.token }) : undefined;
  if (metrics && !options.events) countPublishes(events, metrics.eventPublished);
  const closeEvents = async () => void (options.events ? undefined : await events.close?.());
  const authenticator = new ApiKeyAuthenticator(db.prisma, { cacheMs: config.apiKeyCacheMs, forTenant: db.forTenant });
  // A key revoked on any instance is forgotten by every instance's cache at once.
  const stopRevocations = authenticator.followRevocations(events, log);
  const costs = createCostBucket(
    { capacity: config.limits.rateLimitCapacity, restoreRate: config.limits.rateLimitRestoreRate },
    config.redisUrl,
    log,
    redisPrefix,
  );
  // One count of open subscriptions and their cost per key and tenant for WebSocket and SSE alike; their events are paid from the key's bucket.
  const quota = new SubscriptionQuota({
    maxPerKey: config.live.maxSubscriptionsPerKey,
    maxCostPerKey: config.live.maxCostPerKey,
    maxCostPerTenant: config.live.maxCostPerTenant,
    maxCost: config.limits.maxCost,
    bucket: costs.bucket,
  });
  const requestLog = createRequestLog(log, { slowRequestMs: config.metrics.slowRequestMs });
  // Loaded only when traces are exported: otherwise no SDK, no hook, no span.
  const tracing = config.tracing.endpoint
    ? (await import('./http/tracing.js')).startTracing(config.tracing, { requestIdOf: requestLog.requestIdOf, batchDelayMs: options.traceBatchDelayMs })
    : undefined;
  const maskError = createMaskError(log, requestLog.wasLogged);
  // Each request's client: its tenant's, with the key's binding (channel, warehouses) on every read.
  const forViewer = keyScopedClients(db.forTenant);
  // Plain reads become one statement; the database's column types say how to print values.
  const compiledReads = config.compiledReads
    ? compiledReadsPlugin({
        datamodel: getDatamodel(),
        columns: await tenantNeutral(() => readColumnCatalog(db.sql)),
        read: (ctx, sql, params) => withTenant(ctx.tenantId, () => db.read(sql, params)),
        allows: (ctx, permission) => hasPermission(ctx.viewer.role, permission as Permission),
        // Compiled SQL bypasses the scoped client: a bound key's reads go through the executor.
        compiles: (ctx) => ctx.viewer.scope === undefined,
        onRefused: (operationName, reason) => log.debug({ operationName, reason }, 'read not compiled: the executor answers'),
        onFailed: (operationName, error) => log.warn({ operationName, err: error }, 'compiled read failed: the executor answers'),
        onCompiled: (ctx) => void (factsOf((ctx as typeof ctx & { request: Request }).request).path = 'compiled'),
      })
    : undefined;

  // Export jobs run here, in the background; their files are served by signed links.
  const exportRunner = startExportRunner({
    settings: { ...config.exports, maxQueued: 100 },
    events,
    log,
    read: (tenantId, sql, params) => withTenant(tenantId, () => db.read(sql, params)),
  });
  if (!config.exports.urlSecretConfigured) {
    if (config.production) throw new ConfigError('EXPORT_URL_SECRET', 'required when NODE_ENV=production (or DOCUMENT_URL_SECRET, from which export links then derive their key)');
    log.warn('EXPORT_URL_SECRET is not set: export links are signed with a secret of this process and stop working when it restarts');
  }

  const schema = buildSchema();
  // Webhook payload documents run as a request of the endpoint's tenant would, under the role ADMIN.
  // One store of idempotency keys: the request keys (src/http/idempotency.ts) and orderCreate's argument.
  const idempotency = createIdempotencyStore();
  // The search's common trigrams: sampled before the first request, then every SEARCH_TRIGRAM_SAMPLE_MS.
  const searchTrigrams = startSearchTrigramSampling({ db, log, intervalMs: config.searchTrigramSampleMs });
  await searchTrigrams.sample().catch((error: unknown) => log.warn({ err: error }, 'search trigram sample failed; searches look up whole terms until the next'));
  const services = { exports: exportRunner, idempotency, searchTrigrams } as Context['services'];
  services.webhookPayloads = webhookPayloads({
    schema,
    limits: config.limits,
    contextFor: (viewer, requestId) => {
      const prisma = db.forTenant(viewer.tenantId);
      return { prisma, viewer, tenantId: viewer.tenantId, requestId, log: log.child({ requestId }), loaders: createLoaders(prisma, viewer.tenantId), events, outbound: config.webhooks, documentLinks, services };
    },
  });
  const yoga = createAppYoga({
    config,
    schema,
    context: createContextFactory({ authenticator, forViewer, events, log, requestIdOf: requestLog.requestIdOf, createLoaders, outbound: config.webhooks, documentLinks, services }),
    maskError,
    quietMaskError: createMaskError(log, () => true),
    requestLog: requestLog.plugin,
    tracing: tracing?.plugin,
    metrics: metrics?.plugins,
    quota,
    bucket: costs.bucket,
    idempotency,
    trustedDocuments: trustedDocumentsPlugins(new TrustedDocumentStore(db.prisma)),
    routes: [
      labelHttpPlugin({ authenticator, forViewer, events, log }),
      documentsHttpPlugin({ links: documentLinks, forTenant: db.forTenant, log }),
      exportHttpPlugin({ settings: config.exports, forTenant: db.forTenant, log }),
      explorerAssetsPlugin({ enabled: !config.production }),
      schemaRoutesPlugin({ authenticator, schema }),
    ],
    compiledReads,
    ready: database.ready,
    demoApiKey: demo?.DEMO_API_KEY,
  });
  // Every instance may run it: they share the work through the database.
  const sent = tracing ? tracing.webhookPost(webhookClient(config.webhooks)) : webhookClient(config.webhooks);
  const post = metrics ? metrics.countedWebhookPost(sent) : sent;
  const relay = config.webhooks.relay ? await startOutboxRelay({ db, events, log, config: config.webhooks, post, shape: services.webhookPayloads.shape }) : undefined;
  // Every instance may run it too: each request is decided once.
  const cancellationSweep = startCancellationExpirySweep({ db, events, log, intervalMs: config.cancellationExpirySweepMs });
  const salesHoursFold = startSalesHoursFold({ db, log, intervalMs: config.salesHoursFoldMs });
  const server = createHttpServer(yoga, log, (s) =>
    attachWebSocket(s, { yoga, authenticator, config: config.live, production: config.production, log, maskError, origins: config.corsOrigins, quota, maxPayload: config.limits.maxBodyBytes, onDelivered: metrics?.liveEventDelivered }),
  );

  metrics?.observe({ liveConnections: server.liveConnections, subscriptions: () => events.subscriberCount?.() ?? 0, pool: db.poolStats });

  return {
    yoga,
    db,
    log,
    events,
    relay,
    webhookPayloads: services.webhookPayloads,
    cancellationSweep,
    salesHoursFold,
    searchTrigrams,
    exports: exportRunner,
    liveConnections: server.liveConnections,
    metrics,
    tracing,
    start: (port = config.port, host = config.host) => server.listen(port, host),
    async stop({ timeoutMs = config.shutdownTimeoutMs } = {}) {
      const steps = (async () => {
        await server.close(timeoutMs, closeEvents);
        await relay?.stop();
        await cancellationSweep.stop();
        await salesHoursFold.stop();
        await searchTrigrams.stop();
        await exportRunner.stop();
        await stopRevocations();
        costs.close();
        await tracing?.shutdown();
        if (database.owned) await db.close();
      })();
      // Whatever the database does (a partition holds its connections), stopping ends in time:
      // in-flight requests get timeoutMs, the rest a short grace.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs + 2_000)));
      const outcome = await Promise.race([steps.then(() => 'done' as const), late]).finally(() => clearTimeout(timer));
      if (outcome === 'late') {
        steps.catch(() => {});
        log.warn({ timeoutMs }, 'stopping took longer than SHUTDOWN_TIMEOUT_MS: left the rest (database connections) behind');
      }
    },
  };
}

/** Counts each event this app's own bus publishes (a bus given by the caller is left as it is). */
function countPublishes(events: EventBus, count: (topic: string) => void): void {
  const publish = events.publish.bind(events);
  events.publish = (topic, payload) => {
    count(topic);
    publish(topic, payload);
  };
}
