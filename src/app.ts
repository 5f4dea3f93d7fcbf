// createApp(config) builds everything: database, schema, Yoga, HTTP server.
// Tests use the same factory; only this file and main.ts know HTTP and ports.
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { migrate, pendingMigrations } from './db/migrate.js';
import { ApiKeyAuthenticator, bearerToken } from './auth/api-keys.js';
import { buildSchema } from './graphql/schema.js';
import { createLoaders } from './graphql/loaders.js';
import type { Context } from './graphql/context.js';
import { DEFAULT_QUERY } from './graphql/default-query.js';
import { DomainError } from './shared/errors.js';
import { createLogger, type Logger } from './logger.js';

export interface AppOptions {
  /** An already open database (tests share one); otherwise opened from config. */
  database?: Database;
  logger?: Logger;
}

export interface App {
  yoga: YogaServerInstance<Record<string, never>, Context>;
  db: Database;
  log: Logger;
  /** Listens on the port (0 = any free port); resolves with the bound port. */
  start(port?: number, host?: string): Promise<number>;
  /** Stops accepting, finishes in-flight requests, closes the database. */
  stop(): Promise<void>;
}

const AUTH_MESSAGES = {
  MISSING: 'Missing API key: send "Authorization: Bearer <key>"',
  INVALID: 'Invalid API key',
  EXPIRED: 'API key has expired',
  REVOKED: 'API key has been revoked',
} as const;

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.logger ?? createLogger(config.logLevel);
  const ownsDatabase = !options.database;
  const db =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize }));
  const applied = await migrate(db.sql);
  if (applied.length) log.info({ applied }, 'migrations applied');
  // Loaded only in demo mode: production never imports the seed code.
  const demo = config.demo ? await import('./db/demo.js') : undefined;
  if (demo) {
    const { created } = await demo.ensureDemoData(db);
    if (created) log.info('demo data seeded');
  }

  const authenticator = new ApiKeyAuthenticator(db.prisma);
  const requestIds = new WeakMap<Request, string>();
  const requestIdOf = (request: Request) => {
    let id = requestIds.get(request);
    if (!id) {
      id = request.headers.get('x-request-id')?.slice(0, 100) || randomUUID();
      requestIds.set(request, id);
    }
    return id;
  };

  const requestIdPlugin: Plugin<Context> = {
    onResultProcess({ request, result, setResult }) {
      const requestId = requestIdOf(request);
      if (Array.isArray(result)) {
        setResult(result.map((r) => ({ ...r, extensions: { ...r.extensions, requestId } })));
      } else if (result && typeof result === 'object' && !(Symbol.asyncIterator in result)) {
        setResult({ ...result, extensions: { ...result.extensions, requestId } });
      }
    },
    onResponse({ request, response }) {
      response.headers.set('x-request-id', requestIdOf(request));
    },
    onExecute() {
      return {
        onExecuteDone({ args, result }) {
          // Log unexpected errors in full; Yoga masks them for the client.
          if (!result || Symbol.asyncIterator in result || !result.errors) return;
          for (const error of result.errors) {
            const original = error.originalError;
            if (original && !(original instanceof GraphQLError) && !(original instanceof DomainError)) {
              args.contextValue.log.error({ err: original, path: error.path }, 'unexpected error');
            }
          }
        },
      };
    },
  };

  const yoga = createYoga<Record<string, never>, Context>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    logging: false,
    maskedErrors: {
      maskError(error, message): Error {
        const original = (error as GraphQLError).originalError;
        if (original instanceof GraphQLError || (error instanceof GraphQLError && !original)) return error as Error;
        log.error({ err: original ?? error }, 'unexpected error');
        return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      },
    },
    graphiql: config.production
      ? false
      : {
          title: 'ordergraph',
          defaultQuery: DEFAULT_QUERY,
          headers: demo ? JSON.stringify({ Authorization: `Bearer ${demo.DEMO_API_KEY}` }, null, 2) : undefined,
          shouldPersistHeaders: false,
        },
    plugins: [
      requestIdPlugin,
      useReadinessCheck({
        endpoint: '/readyz',
        check: async () => {
          try {
            return (await pendingMigrations(db.sql)).length === 0;
          } catch {
            return false;
          }
        },
      }),
    ],
    context: async ({ request }): Promise<Context> => {
      const requestId = requestIdOf(request);
      const viewer = await authenticator.authenticate(bearerToken(request.headers.get('authorization')));
      if (typeof viewer === 'string') {
        throw new GraphQLError(AUTH_MESSAGES[viewer], {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
        });
      }
      return {
        prisma: db.prisma,
        viewer,
        tenantId: viewer.tenantId,
        requestId,
        log: log.child({ requestId }),
        loaders: createLoaders(db.prisma, viewer.tenantId),
      };
    },
  });

  let server: Server | undefined;

  return {
    yoga,
    db,
    log,
    start(port = config.port, host = config.host) {
      server = createServer(yoga);
      return new Promise((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, host, () => resolve((server!.address() as AddressInfo).port));
      });
    },
    async stop() {
      if (server) {
        const s = server;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          // Idle keep-alive sockets would hold close() open; in-flight requests finish first.
          s.closeIdleConnections();
        });
      }
      if (ownsDatabase) await db.close();
    },
  };
}
