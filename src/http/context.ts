// Who a request is and what it may reach: the API key (Authorization: Bearer), the
// optional X-Tenant-Id that must name the key's tenant, and the per-request
// context every resolver receives. The GraphQL endpoint, SSE and the REST routes
// (labels) authenticate through this one function; WebSocket operations bring the
// viewer their connection authenticated at connection_init.
import { GraphQLError } from 'graphql';
import { AUTH_FAILURE_MESSAGES, type ApiKeyAuthenticator } from '../auth/api-keys.js';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/client.js';
import { asDatabaseFault } from '../db/faults.js';
import type { EventBus } from '../events/topics.js';
import type { Context, RequestLoaders } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import { RetryableDatabaseError } from '../shared/errors.js';
import { retryableExtensions } from './mask-error.js';
import type { LiveServerContext } from './websocket-server.js';
import { checkTenantHeader, TENANT_HEADER } from './tenant-header.js';

export interface ContextDeps {
  authenticator: Pick<ApiKeyAuthenticator, 'authenticateHeader'>;
  /** The client of a viewer: its tenant's (row-level security), with the key's binding applied (src/auth/key-scope.ts). */
  forViewer: (viewer: Viewer) => Db;
  events: EventBus;
  log: Logger;
  requestIdOf: (request: Request) => string;
  /** The request's DataLoaders (composed at the top, in src/loaders.ts). */
  createLoaders: (prisma: Db, tenantId: number) => RequestLoaders;
  outbound: Context['outbound'];
  documentLinks: Context['documentLinks'];
  services: Context['services'];
}

/**
 * The viewer of an HTTP request, or a GraphQLError with `extensions.code`
 * (UNAUTHENTICATED, 401; FORBIDDEN, 403) and the HTTP status to answer with.
 */
export async function authenticateRequest(deps: Pick<ContextDeps, 'authenticator'> & { log?: Logger }, request: Request): Promise<Viewer> {
  const viewer = await deps.authenticator.authenticateHeader(request.headers.get('authorization'));
  if (typeof viewer === 'string') {
    // Revoked, expired and unknown keys get one message; which it was is for the operator.
    // An expired or revoked key is a client to tell; unknown keys (guessing, typos) only at debug level.
    if (viewer === 'EXPIRED' || viewer === 'REVOKED') deps.log?.info({ reason: viewer }, 'request refused: API key expired or revoked');
    else deps.log?.debug({ reason: viewer }, 'request refused: API key not usable');
    throw new GraphQLError(AUTH_FAILURE_MESSAGES[viewer], {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
    });
  }
  // Seed 001's X-Tenant-Id: when a client names a tenant, it must be the key's (id or slug).
  checkTenantHeader(viewer, request.headers.get(TENANT_HEADER));
  return viewer;
}

export interface RouteRefusal {
  refused: true;
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/** authenticateRequest for REST routes: the same refusals as the GraphQL endpoint, as data to answer with JSON. */
export async function authenticateRoute(deps: Pick<ContextDeps, 'authenticator'>, request: Request): Promise<Viewer | RouteRefusal> {
  try {
    return await authenticateRequest(deps, request);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const http = error.extensions.http as { status: number; headers?: Record<string, string> };
    return { refused: true, status: http.status, code: String(error.extensions.code), message: error.message, headers: http.headers };
  }
}

/** A database fault while the key is looked up: the whole request fails, 503 with Retry-After; anything else as it was. */
function refuseOnFault(log: Logger, requestId: string, error: unknown): never {
  const fault = asDatabaseFault(error);
  if (!(fault instanceof RetryableDatabaseError)) throw error;
  log.warn({ requestId, err: error, code: fault.code }, 'database fault');
  throw new GraphQLError(fault.message, { extensions: retryableExtensions(fault, true) });
}

/** Yoga's context factory. */
export function createContextFactory(deps: ContextDeps) {
  return async ({ request, liveViewer, liveRequestId }: LiveServerContext & { request: Request }): Promise<Context> => {
    // A WebSocket operation was authenticated once, at connection_init.
    const requestId = liveRequestId ?? deps.requestIdOf(request);
    const viewer = liveViewer ?? (await authenticateRequest(deps, request).catch((error: unknown) => refuseOnFault(deps.log, requestId, error)));
    // Bound to the viewer's tenant (row-level security) and the key's binding: every read of the request is scoped.
    const prisma = deps.forViewer(viewer);
    return {
      prisma,
      viewer,
      tenantId: viewer.tenantId,
      requestId,
      log: deps.log.child({ requestId }),
      loaders: deps.createLoaders(prisma, viewer.tenantId),
      events: deps.events,
      outbound: deps.outbound,
      documentLinks: deps.documentLinks,
      services: deps.services,
    };
  };
}
