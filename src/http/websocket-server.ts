// graphql-ws on the HTTP server's /graphql path (one port), executing through Yoga
// so its plugins (masking, logging) apply as over HTTP. The API key is checked
// once, at connection_init (connectionParams.authorization "Bearer og_..." or
// connectionParams.apiKey; a browser may send the Authorization header on the
// upgrade instead); a bad key closes the socket with 4403. Limits: subscriptions
// per connection and per key, and a socket whose unsent bytes pass a bound is
// closed as a slow consumer.
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { originAllowed } from '../limits/request-guards.js';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, createSourceEventStream, execute as executeGraphQL, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import { bearerToken, type ApiKeyAuthenticator } from '../auth/api-keys.js';
import { tenantHeaderMatches, tenantOfConnection, TENANT_HEADER } from './tenant-header.js';
import type { Context } from '../graphql/context.js';
import type { Viewer } from '../auth/viewer.js';
import type { LiveConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Admission, SubscriptionQuota } from './subscription-quota.js';
import type { MaskError } from './mask-error.js';
import { carriedTrace, deliverySpan } from '../events/event-trace.js';
import { deliveryAttributes, mapEvents } from './map-events.js';
import { handedOut } from '../events/turns.js';

/** What a WebSocket operation brings to Yoga's context factory instead of a Request. */
export interface LiveServerContext {
  liveViewer?: Viewer;
  liveRequestId?: string;
}

/** Close code for a socket that does not read what it is sent. */
export const SLOW_CONSUMER_CLOSE = 4008;
/** Close code for a socket whose API key was revoked or expired after it connected (as at connect: 4403). */
export const KEY_REFUSED_CLOSE = 4403;

interface ConnectionState {
  viewer?: Viewer;
  /** The key the connection authenticated with, re-checked while it is open. */
  key?: string;
  connectionId: string;
  /** Release functions of this connection's running operations, by operation id. */
  operations: Map<string, () => void>;
}

type Extra = { socket: WebSocket; state?: ConnectionState };

type Run = (args: ExecutionArgs) => unknown;
interface Enveloped {
  execute: Run;
  subscribe: Run;
  /** Same tenant, role, key binding, document and variables: the same result for the same event. */
  shareKey: string;
  /** The app's error masking (Yoga's normalized execute would re-subscribe a subscription operation). */
  maskError: MaskError;
  /** Pays for each result out of the key's bucket (src/limits/live-cost.ts). */
  charge: Admission['charge'];
  /** Writes one result of this subscription to its socket as a `next` message. */
  deliver: (result: ExecutionResult) => void;
}

/**
 * A result's `next` message is written by this module, not by graphql-ws: the result is
 * JSON-encoded once into bytes (per result object, so once per event and share key), and
 * each socket is sent `{"id":<id>,"type":"next","payload":<json>}` from its subscription's
 * prefix, those bytes and a closing brace, byte for byte what graphql-ws would send.
 * Subscriptions write their results as they come (writtenDirectly), so graphql-ws never sees
 * them; a query or mutation's single result goes through onNext, which hands graphql-ws this
 * marker as the payload: the message replacer turns a message carrying it into `undefined`,
 * and the socket's send drops it.
 */
const SENT = Object.freeze({ sent: true });
const encodedResults = new WeakMap<object, Buffer>();
const CLOSE_BRACE = Buffer.from('}');

function encodeResult(result: ExecutionResult): Buffer {
  let json = encodedResults.get(result);
  if (json === undefined) {
    // What graphql-ws builds for the payload (errors last, via toJSON, omitted when undefined).
    // A replayed response (src/http/idempotency.ts) holds its errors as stored JSON, without toJSON.
    const { errors, ...rest } = result;
    const plain = (e: GraphQLError) => (typeof e.toJSON === 'function' ? e.toJSON() : e);
    json = Buffer.from(JSON.stringify({ ...rest, ...(errors ? { errors: errors.map(plain) } : {}) }));
    encodedResults.set(result, json);
  }
  return json;
}

/** The bytes of a `next` message before its payload. */
const nextPrefix = (id: string) => Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);

/**
 * A subscription's results, each written to the socket as it comes (`deliver`); the stream
 * handed to graphql-ws yields nothing and ends when they end (or throws as they throw), so
 * graphql-ws still sends the `complete` or `error` and still ends the stream on the
 * client's `complete`. Per result, per subscriber, this saves graphql-ws's iteration, its
 * hooks and the message's stringification: a few promises and strings, times thousands of
 * subscribers per event.
 */
function writtenDirectly(results: AsyncIterator<ExecutionResult>, deliver: (result: ExecutionResult) => void): AsyncIterableIterator<never> {
  const iterator: AsyncIterableIterator<never> = {
    async next() {
      for (;;) {
        const result = await results.next();
        if (result.done) return { value: undefined as never, done: true };
        deliver(result.value);
      }
    },
    async return() {
      await results.return?.(undefined);
      return { value: undefined as never, done: true };
    },
    async throw(error?: unknown) {
      await results.return?.(undefined);
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

function skipSent(this: unknown, key: string, value: unknown): unknown {
  return key === '' && (value as { payload?: unknown } | null)?.payload === SENT ? undefined : value;
}

/** ws send for graphql-ws: a dropped message (undefined) completes at once without a frame. */
function patchSend(socket: WebSocket): void {
  const send = socket.send.bind(socket) as (data: unknown, ...rest: unknown[]) => void;
  socket.send = ((data: unknown, ...rest: unknown[]) => {
    if (data === undefined) {
      const cb = rest[rest.length - 1];
      if (typeof cb === 'function') (cb as (err?: Error) => void)();
      return;
    }
    send(data, ...rest);
  }) as WebSocket['send'];
}

/**
 * Results per event object, per shareKey. The bus hands one payload object to all
 * subscribers of a tenant; those who sent the same document with the same variables
 * under the same role get one execution (and one re-read of the order), not one each.
 */
const sharedResults = new WeakMap<object, Map<string, () => Promise<unknown>>>();

/**
 * graphql-js subscribe, with the per-event execution shared as above. Errors of the
 * subscribe step itself go through Yoga's own subscribe, so they are masked as usual.
 */
async function sharedSubscribe(args: ExecutionArgs): Promise<unknown> {
  const { subscribe, shareKey, maskError } = args.rootValue as Enveloped;
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in (source as object))) return subscribe(args);
  const events = source as AsyncGenerator<unknown>;
  const spanAttributes = deliveryAttributes(args.document, args.operationName);
  // What graphql-js subscribe does per event (execute with the event as root value), plus masking.
  const run = async (payload: unknown) => {
    const result = await executeGraphQL({ ...args, rootValue: payload });
    if (!result.errors) return result;
    return { ...result, errors: result.errors.map((error) => maskError(error, 'Unexpected error.') as GraphQLError) };
  };
  // Not an async function: one promise fewer per subscriber and event.
  return mapEvents(events, (payload) => {
    if (!payload || typeof payload !== 'object') return run(payload) as Promise<ExecutionResult>;
    let byKey = sharedResults.get(payload);
    if (!byKey) sharedResults.set(payload, (byKey = new Map()));
    let shared = byKey.get(shareKey);
    // Tracing on: the shared execution is a span of its own, linked to the write that published the event.
    // Thousands of subscribers may wait on one result: they are handed it in turns (src/events/turns.ts).
    if (!shared) byKey.set(shareKey, (shared = handedOut(deliverySpan('subscription.deliver', carriedTrace(payload), spanAttributes, () => run(payload)))));
    return shared() as Promise<ExecutionResult>;
  });
}

/**
 * A frame above maxPayload is the client's fault: ws has already closed the socket
 * with 1009 when it reports it, so it is logged here and not handed on (graphql-ws
 * would print it as an internal error).
 */
function quietOversizeFrames(socket: WebSocket, log: Logger): void {
  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  socket.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event === 'error' && (args[0] as { code?: string } | undefined)?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      log.info('websocket closed: frame larger than MAX_BODY_BYTES');
      return true;
    }
    return emit(event, ...args);
  }) as WebSocket['emit'];
}

function keyFromParams(params: Record<string, unknown> | undefined, upgradeHeader: string | undefined): string | undefined {
  if (params) {
    for (const [name, value] of Object.entries(params)) {
      if (typeof value !== 'string') continue;
      const lower = name.toLowerCase();
      if (lower === 'authorization') return bearerToken(value) ?? value;
      if (lower === 'apikey') return value;
    }
  }
  return bearerToken(upgradeHeader);
}

export interface LiveSocket {
  /** Sockets open now. */
  connections(): number;
  /** Closes every socket (1001 Going away) and stops accepting. */
  close(): Promise<void>;
}

export function attachWebSocket(
  server: Server,
  options: {
    yoga: YogaServerInstance<LiveServerContext, Context>;
    authenticator: Pick<ApiKeyAuthenticator, 'authenticate'>;
    config: LiveConfig;
    production: boolean;
    log: Logger;
    maskError: MaskError;
    /** Browser origins allowed to connect (CORS_ORIGINS); ["*"] = any. */
    origins?: string[];
    /** The per-key and per-tenant limits, shared with SSE subscriptions. */
    quota: SubscriptionQuota;
    /** Largest frame a client may send (MAX_BODY_BYTES, as for an HTTP body); a larger one closes the socket with 1009. */
    maxPayload: number;
    /** Called for each subscription result sent (the metrics' delivered events). */
    onDelivered?: () => void;
  },
): LiveSocket {
  const { yoga, authenticator, config, log } = options;
  const origins = options.origins ?? ['*'];
  const wss = new WebSocketServer({
    server,
    path: yoga.graphqlEndpoint,
    // Checked against the frame's declared length before its payload is read: a larger frame closes the socket (1009) without being buffered.
    maxPayload: options.maxPayload,
    // Off unless LIVE_PER_MESSAGE_DEFLATE: compressing each frame for each socket costs CPU per
    // delivery (the shared frame is built once, but deflate runs per connection); bench/README.md.
    perMessageDeflate: config.perMessageDeflate,
    // A page of another site must not ride a user's network position into the API.
    verifyClient: ({ origin }: { origin?: string }) => originAllowed(origin, origins),
  });
  /** Authenticated sockets, for the periodic key check. */
  const open = new Map<WebSocket, ConnectionState>();
  // Registered before useServer's listener, so graphql-ws only ever sees the patched send.
  wss.on('connection', patchSend);
  wss.on('connection', (socket: WebSocket) => quietOversizeFrames(socket, log));

  /** Sends a `next` message unless the socket is closing; a socket that does not read what it is sent is closed first. */
  const sendNext = (socket: WebSocket, prefix: Buffer, result: ExecutionResult, state: ConnectionState | undefined): boolean => {
    if (socket.bufferedAmount > config.maxBufferedBytes) {
      log.warn({ bufferedAmount: socket.bufferedAmount, connectionId: state?.connectionId }, 'websocket closed: slow consumer');
      socket.close(SLOW_CONSUMER_CLOSE, 'Slow consumer');
    }
    // Not open (closing): graphql-ws's adapter would not send either.
    if (socket.readyState !== socket.OPEN) return false;
    const payload = encodeResult(result);
    socket.send(Buffer.concat([prefix, payload, CLOSE_BRACE], prefix.length + payload.length + 1), { binary: false });
    return true;
  };
  /** A subscription's writer: its message prefix made once, each result counted as delivered. */
  const subscriptionWriter = (socket: WebSocket, id: string, state: ConnectionState) => {
    const prefix = nextPrefix(id);
    const delivered = options.onDelivered;
    return (result: ExecutionResult) => {
      if (sendNext(socket, prefix, result, state)) delivered?.();
    };
  };

  const release = (state: ConnectionState, id: string) => {
    const done = state.operations.get(id);
    if (done) {
      state.operations.delete(id);
      done();
    }
  };

  const disposable = useServer<Record<string, unknown> | undefined, Extra>(
    {
      isProd: options.production,
      jsonMessageReplacer: skipSent,
      execute: (args) => (args.rootValue as { execute: (a: ExecutionArgs) => never }).execute(args),
      subscribe: async (args) => {
        const results = await sharedSubscribe(args);
        if (!results || typeof results !== 'object' || !(Symbol.asyncIterator in results)) return results as never;
        const root = args.rootValue as Enveloped;
        return writtenDirectly(root.charge(results as AsyncGenerator<ExecutionResult>), root.deliver) as never;
      },
      onConnect: async (ctx) => {
        const key = keyFromParams(ctx.connectionParams, ctx.extra.request.headers.authorization);
        const viewer = await authenticator.authenticate(key);
        if (typeof viewer === 'string') {
          log.info({ reason: viewer }, 'websocket refused: bad API key');
          return false;
        }
        // The same X-Tenant-Id rule as HTTP: a connection param, or the upgrade request's header.
        if (!tenantHeaderMatches(viewer, tenantOfConnection(ctx.connectionParams, ctx.extra.request.headers[TENANT_HEADER]))) {
          log.info({ reason: 'TENANT_MISMATCH' }, 'websocket refused: X-Tenant-Id names another tenant');
          return false;
        }
        ctx.extra.state = { viewer, key, connectionId: randomUUID(), operations: new Map() };
        open.set(ctx.extra.socket, ctx.extra.state);
        ctx.extra.socket.once('close', () => open.delete(ctx.extra.socket));
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const state = ctx.extra.state!;
        const viewer = state.viewer!;
        if (state.operations.size >= config.maxSubscriptionsPerConnection) {
          return [new GraphQLError(`At most ${config.maxSubscriptionsPerConnection} operations per connection`, { extensions: { code: 'LIMIT_EXCEEDED' } })];
        }
        // Held while the operation is being set up; the admission's release replaces it.
        state.operations.set(id, () => {});
        try {
          const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
            liveViewer: viewer,
            liveRequestId: `${state.connectionId}:${id}`,
            params: payload,
          });
          const document = parse(payload.query);
          const errors = validate(schema, document);
          if (errors.length) {
            release(state, id);
            return errors;
          }
          // The same cost limit as over HTTP, then the key's and tenant's live limits (shared with SSE).
          const admission = options.quota.admit(viewer, schema, document, payload.operationName, payload.variables);
          if (admission instanceof GraphQLError) {
            release(state, id);
            return [admission];
          }
          state.operations.set(id, admission.release);
          const args: ExecutionArgs = {
            schema,
            operationName: payload.operationName,
            document,
            variableValues: payload.variables,
            contextValue: await contextFactory(),
            rootValue: {
              execute,
              subscribe,
              shareKey: JSON.stringify([viewer.tenantId, viewer.role, viewer.scope ?? null, payload.query, payload.operationName ?? null, payload.variables ?? null]),
              maskError: options.maskError,
              charge: admission.charge,
              deliver: subscriptionWriter(ctx.extra.socket, id, state),
            } satisfies Enveloped,
          };
          return args;
        } catch (error) {
          release(state, id);
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      },
      // A query's or mutation's result (a subscription's are written by writtenDirectly).
      onNext: (ctx, id, _payload, _args, result) => {
        sendNext(ctx.extra.socket, nextPrefix(id), result, ctx.extra.state);
        return SENT as never;
      },
      onComplete: (ctx, id) => {
        if (ctx.extra.state) release(ctx.extra.state, id);
      },
      onError: (ctx, id) => {
        if (ctx.extra.state) release(ctx.extra.state, id);
      },
      onClose: (ctx) => {
        const state = ctx.extra.state;
        if (state) for (const id of [...state.operations.keys()]) release(state, id);
      },
    },
    wss,
    config.keepAliveMs > 0 ? config.keepAliveMs : Infinity,
  );

  // A key revoked or expired after connect: its sockets close at the next check (LIVE_KEY_RECHECK_MS).
  // One lookup per key, not per socket (thousands of sockets often share one key). A lookup
  // that fails (database busy or away) keeps the sockets open until the next check: it must
  // not become an unhandled rejection, which ends the process.
  const recheck =
    config.keyRecheckMs > 0
      ? setInterval(() => {
          const byKey = new Map<string | undefined, Array<[WebSocket, ConnectionState]>>();
          for (const [socket, state] of open) {
            const sockets = byKey.get(state.key);
            if (sockets) sockets.push([socket, state]);
            else byKey.set(state.key, [[socket, state]]);
          }
          for (const [key, sockets] of byKey) {
            authenticator.authenticate(key).then(
              (viewer) => {
                if (typeof viewer !== 'string') return;
                for (const [socket, state] of sockets) {
                  log.info({ reason: viewer, connectionId: state.connectionId }, 'websocket closed: API key no longer valid');
                  socket.close(KEY_REFUSED_CLOSE, 'API key no longer valid');
                }
              },
              (error: unknown) => log.warn({ err: error, sockets: sockets.length }, 'websocket key re-check failed; the sockets stay open until the next check'),
            );
          }
        }, config.keyRecheckMs)
      : undefined;
  recheck?.unref();

  return {
    connections: () => wss.clients.size,
    async close() {
      if (recheck) clearInterval(recheck);
      const sockets = [...wss.clients].filter((socket) => socket.readyState !== socket.CLOSED);
      const closed = Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()))));
      await disposable.dispose();
      // A client that does not answer the close handshake is cut off.
      const deadline = setTimeout(() => sockets.forEach((socket) => socket.terminate()), 2_000);
      deadline.unref();
      await closed;
      clearTimeout(deadline);
    },
  };
}
