// createApp(config) builds everything: database, schema, Yoga, HTTP server.
// Tests use the same factory; only this file and main.ts know HTTP and ports.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { GraphQLError, getOperationAST } from 'graphql';
import { globalIdInputError } from './graphql/ids.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { migrate, pendingMigrations, readMigrations } from './db/migrate.js';
import { rowLevelSecurityStatus } from './db/row-level-security.js';
import { tenantNeutral, withTenant } from './db/tenant-scope.js';
import { AUTH_FAILURE_MESSAGES, ApiKeyAuthenticator } from './auth/api-keys.js';
import { buildSchema } from './graphql/schema.js';
import { createLoaders } from './graphql/loaders.js';
import type { Context } from './graphql/context.js';
import { DEFAULT_QUERY } from './graphql/default-query.js';
import { DatabaseBusyError, DomainError } from './shared/errors.js';
import { createLogger, type Logger } from './logger.js';
import { createMemoryBus } from './events/memory-bus.js';
import type { EventBus } from './events/topics.js';
import { createRedisBus } from './events/redis-bus.js';
import { setLiveSettings } from './events/live-settings.js';
import { attachWebSocket, type LiveServerContext, type LiveSocket } from './events/websocket-server.js';
import { SubscriptionQuota, subscriptionQuotaPlugin } from './events/subscription-quota.js';
import { labelHttpPlugin } from './shipments/label-http.js';
import { Redis } from 'ioredis';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { limitPlugins } from './limits/limits-plugin.js';
import { MemoryCostBucket, RedisCostBucket, type CostBucket } from './limits/cost-bucket.js';
import { bodySizePlugin } from './limits/request-guards.js';
import { textInputGuardPlugin } from './graphql/text-input-guard.js';
import { documentCaches } from './limits/document-cache.js';
import { compiledReadsPlugin } from './graphql/compiled-reads/plugin.js';
import { readColumnCatalog } from './graphql/compiled-reads/column-catalog.js';
import { getDatamodel } from './db/generated/pothos-types.js';
import { hasPermission, type Permission } from './auth/permissions.js';
import { explorerAssetsPlugin, renderExplorer } from './http/graphiql.js';
import { schemaRoutesPlugin } from './http/schema-routes.js';

export interface AppOptions {
  /** An already open database (tests share one); otherwise opened from config. */
  database?: Database;
  /** The tables' owner, for migrations and demo data when `database` is the app role (tests); otherwise opened from DATABASE_URL for those. */
  ownerDatabase?: Database;
  logger?: Logger;
  /** Pub/sub for live events; in-memory when not given. */
  events?: EventBus;
}

export interface App {
  yoga: YogaServerInstance<LiveServerContext, Context>;
  db: Database;
  log: Logger;
  events: EventBus;
  /** Open WebSocket connections (graphql-ws). */
  liveConnections(): number;
  /** Listens on the port (0 = any free port); resolves with the bound port. */
  start(port?: number, host?: string): Promise<number>;
  /**
   * Stops accepting, finishes in-flight requests, closes the database. Connections
   * still busy after timeoutMs (default config.shutdownTimeoutMs) are closed.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

// A client-sent x-request-id is kept only if it is a plain token (no log injection).
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
// Probes hit these every few seconds: log them at debug, not info.
const PROBE_PATHS = new Set(['/healthz', '/readyz']);

interface HttpExtension {
  status?: number;
  spec?: boolean;
}

/**
 * Errors before execution starts (a variable that does not fit its type, an unknown
 * operation name) come without a code and with a plain 400, even for
 * application/json clients, to whom GraphQL over HTTP answers 200.
 */
function isRequestError(error: GraphQLError): boolean {
  const http = error.extensions?.http as HttpExtension | undefined;
  return !error.path && !error.extensions?.code && http?.status === 400 && http.spec === undefined;
}

function asRequestError(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: {
      ...error.extensions,
      code: error.message.startsWith('Variable "$') ? 'BAD_USER_INPUT' : 'BAD_REQUEST',
      http: { ...(error.extensions.http as HttpExtension), spec: true },
    },
  });
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.logger ?? createLogger(config.logLevel);
  const ownsDatabase = !options.database;
  const db =
    options.database ??
    (await openDatabase({
      // The app role when there is one: row-level security applies to the server's queries.
      databaseUrl: config.databaseAppUrl ?? config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.dbPoolSize,
      onConnectionError: (error) => log.warn({ err: error }, 'database connection lost; the pool will reconnect'),
    }));
  // Read once: readiness probes compare the database with these every few seconds.
  const migrations = readMigrations();
  // Migrations and demo data are the owner's work; the app role may only read and write rows.
  const owner = options.ownerDatabase ?? (config.databaseAppUrl ? await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 }) : db);
  // Loaded only in demo mode: production never imports the seed code.
  const demo = config.demo ? await import('./db/demo.js') : undefined;
  try {
    const applied = await migrate(owner.sql, migrations);
    if (applied.length) log.info({ applied }, 'migrations applied');
    if (demo) {
      const { created } = await demo.ensureDemoData(owner);
      if (created) log.info('demo data seeded');
    }
  } finally {
    if (owner !== db && owner !== options.ownerDatabase) await owner.close();
  }
  if (db.kind === 'postgres') {
    const rls = await rowLevelSecurityStatus(db.sql);
    if (!rls.enforced) {
      log.warn(
        { role: rls.role, bypassedAs: rls.bypassedAs },
        'row-level security does not apply to this database role: tenants are kept apart by the application alone (README "Row-level security": DATABASE_APP_URL)',
      );
    }
  }

  // A bus given by the caller is the caller's to close.
  const ownsEvents = !options.events;
  const events =
    options.events ??
    (config.redisUrl
      ? createRedisBus(config.redisUrl, { log, maxQueued: config.live.maxQueuedEvents })
      : createMemoryBus({ maxQueued: config.live.maxQueuedEvents }));
  setLiveSettings(events, { countsCoalesceMs: config.live.countsCoalesceMs });
  const authenticator = new ApiKeyAuthenticator(db.prisma, { cacheMs: config.apiKeyCacheMs, forTenant: db.forTenant });
  // A key revoked on any instance is forgotten by every instance's cache at once.
  const revocations = events.subscribe('apiKeyRevoked');
  void (async () => {
    for await (const revoked of revocations) authenticator.forget(revoked.apiKeyId);
  })().catch((error) => log.error({ err: error }, 'API key revocations: listener stopped'));
  // The cost budget per key: shared through Redis when instances share one, else per instance.
  // One count of open subscriptions per key for WebSocket and SSE alike.
  const quota = new SubscriptionQuota(config.live.maxSubscriptionsPerKey);
  const bucketOptions = { capacity: config.limits.rateLimitCapacity, restoreRate: config.limits.rateLimitRestoreRate };
  // Fail fast while Redis is away: the bucket falls back to memory rather than hold requests.
  const bucketRedis =
    config.redisUrl && bucketOptions.restoreRate > 0
      ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500, lazyConnect: false })
      : undefined;
  bucketRedis?.on('error', (error) => log.debug({ err: error }, 'rate limit: Redis unavailable, counting in memory'));
  const bucket: CostBucket | undefined =
    bucketOptions.restoreRate === 0
      ? undefined
      : bucketRedis
        ? new RedisCostBucket(bucketOptions, bucketRedis)
        : new MemoryCostBucket(bucketOptions);
  const requestIds = new WeakMap<Request, string>();
  const requestIdOf = (request: Request) => {
    let id = requestIds.get(request);
    if (!id) {
      const sent = request.headers.get('x-request-id');
      id = sent && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
      requestIds.set(request, id);
    }
    return id;
  };
  const requestStarts = new WeakMap<Request, { at: number; operationName?: string }>();
  // Errors already logged with their request id, so maskError does not log them twice.
  const loggedErrors = new WeakSet<object>();

  const requestIdPlugin: Plugin<Context> = {
    onRequest({ request }) {
      requestStarts.set(request, { at: performance.now() });
    },
    onParams({ request, params }) {
      const start = requestStarts.get(request);
      if (start && params.operationName) start.operationName = params.operationName.slice(0, 100);
    },
    onResultProcess({ request, result, setResult }) {
      const requestId = requestIdOf(request);
      if (Array.isArray(result)) {
        setResult(result.map((r) => ({ ...r, extensions: { ...r.extensions, requestId } })));
      } else if (result && typeof result === 'object' && !(Symbol.asyncIterator in result)) {
        setResult({ ...result, extensions: { ...result.extensions, requestId } });
      }
    },
    onResponse({ request, response }) {
      const requestId = requestIdOf(request);
      response.headers.set('x-request-id', requestId);
      // Below info (production runs at warn) the request line is not even built.
      if (!log.isLevelEnabled('info')) return;
      const start = requestStarts.get(request);
      const url = new URL(request.url);
      const entry = {
        requestId,
        method: request.method,
        path: url.pathname,
        operationName: start?.operationName,
        status: response.status,
        ms: start ? Math.round((performance.now() - start.at) * 10) / 10 : undefined,
      };
      if (PROBE_PATHS.has(url.pathname)) log.debug(entry, 'request');
      else log.info(entry, 'request');
    },
    onExecute({ args }) {
      const start = requestStarts.get(args.contextValue.request);
      if (start && !start.operationName) {
        start.operationName = getOperationAST(args.document, args.operationName)?.name?.value;
      }
      return {
        onExecuteDone({ args, result }) {
          // Log unexpected errors in full; Yoga masks them for the client.
          if (!result || Symbol.asyncIterator in result || !result.errors) return;
          for (const error of result.errors) {
            const original = error.originalError;
            if (original && !(original instanceof GraphQLError) && !(original instanceof DomainError)) {
              args.contextValue.log.error({ err: original, path: error.path }, 'unexpected error');
              loggedErrors.add(original);
            }
          }
        },
      };
    },
  };

  // Production does not help strangers map the schema: "Did you mean ...?" hints go.
  const noSuggestionsPlugin: Plugin<Context> = {
    onValidate() {
      return ({ result, setResult }) => {
        if (!result.length) return;
        setResult(
          result.map((e) =>
            / Did you mean .+\?$/.test(e.message)
              ? new GraphQLError(e.message.replace(/ Did you mean .+\?$/, ''), {
                  nodes: e.nodes,
                  source: e.source,
                  positions: e.positions,
                  path: e.path,
                  originalError: e.originalError,
                  extensions: e.extensions,
                })
              : e,
          ),
        );
      };
    },
  };

  // Yoga masks with it over HTTP and SSE; the WebSocket server with it for shared event results.
  function maskError(error: unknown, message: string): Error {
    const located = error instanceof GraphQLError ? error : undefined;
    const idError = located && globalIdInputError(located);
    if (idError) return idError;
    const original = located?.originalError;
    if (located && (!original || original instanceof GraphQLError) && isRequestError(located)) return asRequestError(located);
    if (original instanceof GraphQLError || (located && !original)) return error as Error;
    if (original instanceof DatabaseBusyError) {
      log.warn({ path: located?.path }, 'database busy: transaction refused');
      return new GraphQLError(original.message, {
        nodes: located?.nodes,
        source: located?.source,
        positions: located?.positions,
        path: located?.path,
        extensions: { code: original.code, retryAfter: original.retryAfterSeconds },
      });
    }
    // Driver errors, bugs, DomainErrors a field did not declare: the client learns only where.
    const cause = original ?? error;
    if (!(typeof cause === 'object' && cause && loggedErrors.has(cause))) log.error({ err: cause }, 'unexpected error');
    return new GraphQLError(message, {
      nodes: located?.nodes,
      source: located?.source,
      positions: located?.positions,
      path: located?.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  }

  // Plain reads become one statement; the database's column types say how to print values.
  const compiledReads = config.compiledReads
    ? compiledReadsPlugin({
        datamodel: getDatamodel(),
        columns: await tenantNeutral(() => readColumnCatalog(db.sql)),
        read: (ctx, sql, params) => withTenant(ctx.tenantId, () => db.read(sql, params)),
        allows: (ctx, permission) => hasPermission(ctx.viewer.role, permission as Permission),
        onRefused: (operationName, reason) => log.debug({ operationName, reason }, 'read not compiled: the executor answers'),
        onFailed: (operationName, error) => log.warn({ operationName, err: error }, 'compiled read failed: the executor answers'),
      })
    : undefined;

  const yoga = createYoga<LiveServerContext, Context>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    logging: false,
    renderGraphiQL: renderExplorer,
    maskedErrors: {
      maskError,
    },
    graphiql: config.production
      ? false
      : {
          title: 'ordergraph',
          defaultQuery: DEFAULT_QUERY,
          headers: demo ? JSON.stringify({ Authorization: `Bearer ${demo.DEMO_API_KEY}` }, null, 2) : undefined,
          shouldPersistHeaders: false,
          // Subscriptions in GraphiQL go over graphql-ws; the headers above become connectionParams.
          subscriptionsProtocol: 'WS',
        },
    // Browsers may call from these origins; a bearer key (never a cookie) is the credential.
    cors: { origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins, credentials: false },
    // Batching stays off: one operation per request, so limits and costs apply per request.
    batching: false,
    // bodySizePlugin is the one body limit (it counts only bodies without a declared length).
    maxRequestBodySize: false,
    parserAndValidationCache: documentCaches(),
    plugins: [
      bodySizePlugin(config.limits.maxBodyBytes),
      // A browser form or GET from another site cannot carry these headers without a preflight.
      useCSRFPrevention({ requestHeaders: ['authorization', 'x-graphql-yoga-csrf'] }),
      requestIdPlugin,
      textInputGuardPlugin(),
      subscriptionQuotaPlugin(quota),
      ...limitPlugins({ ...config.limits, bucket }),
      labelHttpPlugin({ authenticator, forTenant: db.forTenant, events, log }),
      explorerAssetsPlugin({ enabled: !config.production }),
      schemaRoutesPlugin({ authenticator }),
      ...(config.production ? [noSuggestionsPlugin] : []),
      // Last: it replaces the execution the plugins above have set up, and falls back to it.
      ...(compiledReads ? [compiledReads] : []),
      useReadinessCheck({
        endpoint: '/readyz',
        check: async () => {
          try {
            // The migrations table is no tenant's: probes leave the connections' tenants alone.
            return (await tenantNeutral(() => pendingMigrations(db.sql, migrations))).length === 0;
          } catch {
            return false;
          }
        },
      }),
    ],
    context: async ({ request, liveViewer, liveRequestId }): Promise<Context> => {
      // A WebSocket operation was authenticated once, at connection_init.
      const requestId = liveRequestId ?? requestIdOf(request);
      const viewer = liveViewer ?? (await authenticator.authenticateHeader(request.headers.get('authorization')));
      if (typeof viewer === 'string') {
        throw new GraphQLError(AUTH_FAILURE_MESSAGES[viewer], {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
        });
      }
      // Seed 001's X-Tenant-Id: when a client names a tenant, it must be the key's.
      const tenantHeader = request?.headers.get('x-tenant-id')?.trim();
      if (tenantHeader && tenantHeader !== String(viewer.tenantId)) {
        throw new GraphQLError('X-Tenant-Id does not match the tenant of the API key', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
      }
      // Bound to the viewer's tenant: every query of the request runs as it (row-level security).
      const prisma = db.forTenant(viewer.tenantId);
      return {
        prisma,
        viewer,
        tenantId: viewer.tenantId,
        requestId,
        log: log.child({ requestId }),
        loaders: createLoaders(prisma, viewer.tenantId),
        events,
      };
    },
  });

  let server: Server | undefined;
  let live: LiveSocket | undefined;
  // Responses being written, so a stop can tell their keep-alive clients to go.
  const inFlight = new Set<ServerResponse>();
  let stopping = false;

  return {
    yoga,
    db,
    log,
    events,
    liveConnections: () => live?.connections() ?? 0,
    start(port = config.port, host = config.host) {
      const s = createServer(yoga);
      server = s;
      live = attachWebSocket(s, { yoga, authenticator, config: config.live, production: config.production, log, maskError, origins: config.corsOrigins, quota });
      s.on('request', (_req, res: ServerResponse) => {
        inFlight.add(res);
        res.once('close', () => {
          inFlight.delete(res);
          // Its keep-alive connection would otherwise hold close() open until it times out.
          if (stopping) setImmediate(() => s.closeIdleConnections());
        });
      });
      return new Promise((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, host, () => resolve((s.address() as AddressInfo).port));
      });
    },
    async stop({ timeoutMs = config.shutdownTimeoutMs } = {}) {
      if (server) {
        const s = server;
        server = undefined;
        stopping = true;
        for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
        const closing = new Promise<void>((resolve) => {
          s.close(() => resolve());
          // Idle keep-alive sockets would hold close() open; in-flight requests finish first.
          s.closeIdleConnections();
          const deadline = setTimeout(() => {
            log.warn({ timeoutMs }, 'requests still running at the shutdown deadline: closing their connections');
            s.closeAllConnections();
          }, timeoutMs);
          deadline.unref();
          s.once('close', () => clearTimeout(deadline));
        });
        // Subscriptions end (SSE streams finish, WebSocket clients get 1001) so their
        // connections do not hold the stop until the deadline.
        await live?.close();
        live = undefined;
        if (ownsEvents) await events.close?.();
        await closing;
      } else if (ownsEvents) await events.close?.();
      await revocations.return?.();
      bucketRedis?.disconnect();
      if (ownsDatabase) await db.close();
    },
  };
}
