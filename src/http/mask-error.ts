// What clients see of an error. Expected ones keep their message and code; driver
// errors and bugs become "Unexpected error." with the path alone, logged in full.
// Yoga masks with it over HTTP and SSE, the WebSocket server for shared event results.
// Database faults (faults.ts: connection lost, pool exhausted, statement timeout,
// deadlock after the retries) are answered as SERVICE_UNAVAILABLE or TIMEOUT with
// extensions.retryAfter (seconds); retryablePlugin makes it HTTP 503 + Retry-After
// when nothing of the request succeeded.
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { asDatabaseFault } from '../db/faults.js';
import { globalIdInputError } from '../graphql/ids.js';
import type { Logger } from '../logger.js';
import { InputError, RetryableDatabaseError } from '../shared/errors.js';

interface HttpExtension {
  status?: number;
  spec?: boolean;
}

export type MaskError = (error: unknown, message: string) => Error;

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

/** The same error at the same place, with another message and extensions. */
function relocated(located: GraphQLError | undefined, message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    nodes: located?.nodes,
    source: located?.source,
    positions: located?.positions,
    path: located?.path,
    extensions,
  });
}

export function createMaskError(log: Logger, wasLogged: (error: unknown) => boolean): MaskError {
  return function maskError(error, message) {
    const located = error instanceof GraphQLError ? error : undefined;
    const idError = located && globalIdInputError(located);
    if (idError) return idError;
    const original = located?.originalError;
    if (located && (!original || original instanceof GraphQLError) && isRequestError(located)) return asRequestError(located);
    if (original instanceof GraphQLError || (located && !original)) return error as Error;
    if (original instanceof InputError) return relocated(located, original.message, { code: original.code });
    const fault = asDatabaseFault(original ?? error);
    if (fault instanceof RetryableDatabaseError) {
      const cause = original ?? error;
      if (!wasLogged(cause)) log.warn({ err: cause, path: located?.path, code: fault.code }, 'database fault');
      return relocated(located, fault.message, retryableExtensions(fault));
    }
    // Driver errors, bugs, DomainErrors a field did not declare: the client learns only where.
    const cause = original ?? error;
    if (!wasLogged(cause)) log.error({ err: cause }, 'unexpected error');
    return relocated(located, message, { code: 'INTERNAL_SERVER_ERROR' });
  };
}

/** What a client is told of a retryable database fault; `http` makes a request-level error (no path) a 503. */
export function retryableExtensions(fault: RetryableDatabaseError, http = false): Record<string, unknown> {
  return {
    code: fault.code,
    retryAfter: fault.retryAfterSeconds,
    ...(http ? { http: { status: 503, headers: { 'retry-after': String(fault.retryAfterSeconds) } } } : {}),
  };
}

const RETRYABLE_CODES = new Set(['SERVICE_UNAVAILABLE', 'TIMEOUT']);

/**
 * HTTP 503 with Retry-After when the whole request failed for a retryable reason:
 * every error is SERVICE_UNAVAILABLE or TIMEOUT and no field has data. A request
 * with some data keeps 200 (GraphQL's partial result).
 */
export function retryablePlugin(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (!result || Array.isArray(result) || typeof result !== 'object' || Symbol.asyncIterator in result) return;
      const { errors, data } = result as ExecutionResult;
      if (!errors?.length || !errors.every((e) => RETRYABLE_CODES.has(String(e.extensions?.code)))) return;
      if (data && Object.values(data).some((value) => value != null)) return;
      const retryAfter = Math.max(...errors.map((e) => Number(e.extensions?.retryAfter) || 1));
      const extensions = (result as ExecutionResult).extensions ?? {};
      setResult({ ...(result as ExecutionResult), extensions: { ...extensions, http: { status: 503, headers: { 'retry-after': String(retryAfter) } } } });
    },
  };
}
