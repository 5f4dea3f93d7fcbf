// Every request gets an id (a client's own x-request-id is kept when it is a plain
// token), echoed in extensions.requestId and the x-request-id header, and one log
// line saying who asked, what, at what cost, on which path, with how many SQL
// statements, and how long it took; requests slower than SLOW_REQUEST_MS log at
// warn with their document's hash. Unexpected execution errors are logged in full
// with that id.
import { createHash, randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { KEY_PREFIX_LENGTH } from '../auth/api-keys.js';
import type { Context } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import { databaseFault } from '../db/faults.js';
import { DomainError, InputError, RetryableDatabaseError } from '../shared/errors.js';
import { factsOf, gatheredFacts } from './request-facts.js';

// A client-sent x-request-id is kept only if it is a plain token (no log injection).
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
// Probes and scrapes hit these every few seconds: log them at debug, not info.
const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export interface RequestLog {
  plugin: Plugin<Context>;
  requestIdOf(request: Request): string;
  /** Whether the error was already logged with its request id (so masking does not log it twice). */
  wasLogged(error: unknown): boolean;
}

export interface RequestLogOptions {
  /** Requests slower than this log at warn, with the hash of their document. */
  slowRequestMs?: number;
}

/** The sha256 of a document's text, as hex: which document was slow, without logging its text. */
export function documentHash(query: string): string {
  return createHash('sha256').update(query).digest('hex');
}

/** The stored prefix of the key in an Authorization header. */
function keyPrefixOf(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  return header?.startsWith('Bearer ') ? header.slice(7).trim().slice(0, KEY_PREFIX_LENGTH) : undefined;
}

export function createRequestLog(log: Logger, options: RequestLogOptions = {}): RequestLog {
  const slowRequestMs = options.slowRequestMs ?? 1_000;
  const requestIds = new WeakMap<Request, string>();
  const loggedErrors = new WeakSet<object>();
  const requestIdOf = (request: Request) => {
    let id = requestIds.get(request);
    if (!id) {
      const sent = request.headers.get('x-request-id');
      id = sent && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
      requestIds.set(request, id);
    }
    return id;
  };

  const plugin: Plugin<Context> = {
    onRequest({ request }) {
      factsOf(request);
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
      const facts = gatheredFacts(request);
      const ms = facts ? Math.round((performance.now() - facts.at) * 10) / 10 : undefined;
      const slow = ms !== undefined && ms > slowRequestMs;
      // Below info (production runs at warn) the request line is not even built, unless it was slow.
      if (!log.isLevelEnabled(slow ? 'warn' : 'info')) return;
      const url = new URL(request.url);
      const viewer = facts?.viewer;
      const entry = {
        requestId,
        method: request.method,
        path: url.pathname,
        operationName: facts?.operationName,
        status: response.status,
        ms,
        tenantId: viewer?.tenantId,
        keyPrefix: viewer ? keyPrefixOf(request) : undefined,
        role: viewer?.role,
        cost: facts?.cost?.requested,
        readPath: facts?.path,
        statements: facts?.outcome ? facts.statements : undefined,
        ...(slow && facts?.query ? { documentHash: documentHash(facts.query) } : {}),
      };
      if (slow) log.warn(entry, 'slow request');
      else if (PROBE_PATHS.has(url.pathname)) log.debug(entry, 'request');
      else log.info(entry, 'request');
    },
    onExecute() {
      return {
        onExecuteDone({ args, result }) {
          // Log unexpected errors in full; Yoga masks them for the client.
          if (!result || Symbol.asyncIterator in result || !result.errors) return;
          for (const error of result.errors) {
            const original = error.originalError;
            // A database fault: the client is told to retry (mask-error.ts); logged once, with the request id.
            if (original && (original instanceof RetryableDatabaseError || databaseFault(original))) {
              args.contextValue.log.warn({ err: original, path: error.path }, 'database fault');
              loggedErrors.add(original);
              continue;
            }
            if (original && !(original instanceof GraphQLError) && !(original instanceof DomainError) && !(original instanceof InputError)) {
              args.contextValue.log.error({ err: original, path: error.path }, 'unexpected error');
              loggedErrors.add(original);
            }
          }
        },
      };
    },
  };
  return { plugin, requestIdOf, wasLogged: (error) => typeof error === 'object' && error !== null && loggedErrors.has(error) };
}
