// What clients see of an error. Expected ones keep their message and code; driver
// errors and bugs become "Unexpected error." with the path alone, logged in full.
// Yoga masks with it over HTTP and SSE, the WebSocket server for shared event results.
import { GraphQLError } from 'graphql';
import { globalIdInputError } from '../graphql/ids.js';
import type { Logger } from '../logger.js';
import { DatabaseBusyError, InputError } from '../shared/errors.js';

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
    if (original instanceof DatabaseBusyError) {
      log.warn({ path: located?.path }, 'database busy: transaction refused');
      return relocated(located, original.message, { code: original.code, retryAfter: original.retryAfterSeconds });
    }
    // Driver errors, bugs, DomainErrors a field did not declare: the client learns only where.
    const cause = original ?? error;
    if (!wasLogged(cause)) log.error({ err: cause }, 'unexpected error');
    return relocated(located, message, { code: 'INTERNAL_SERVER_ERROR' });
  };
}
