// Every request gets an id (a client's own x-request-id is kept when it is a plain
// token), echoed in extensions.requestId and the x-request-id header, and one log
// line; unexpected execution errors are logged in full with that id.
import { randomUUID } from 'node:crypto';
import { GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import { databaseFault } from '../db/faults.js';
import { DomainError, InputError, RetryableDatabaseError } from '../shared/errors.js';

// A client-sent x-request-id is kept only if it is a plain token (no log injection).
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
// Probes hit these every few seconds: log them at debug, not info.
const PROBE_PATHS = new Set(['/healthz', '/readyz']);

export interface RequestLog {
  plugin: Plugin<Context>;
  requestIdOf(request: Request): string;
  /** Whether the error was already logged with its request id (so masking does not log it twice). */
  wasLogged(error: unknown): boolean;
}

export function createRequestLog(log: Logger): RequestLog {
  const requestIds = new WeakMap<Request, string>();
  const requestStarts = new WeakMap<Request, { at: number; operationName?: string }>();
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
