// Subscriptions as a client makes them: a real graphql-ws client (with the `ws`
// WebSocket) against the test app listening on a free port. No sleeps: every wait
// is on a promise with a deadline.
import { print, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import type { App } from '../../src/app.js';
import { testApp } from './app.js';

const DEADLINE_MS = 5_000;

let listening: Promise<number> | undefined;

/** The shared test app, listening on 127.0.0.1 and a free port. */
export async function liveServer(): Promise<{ app: App; url: string }> {
  const { app } = await testApp();
  listening ??= app.start(0, '127.0.0.1');
  const port = await listening;
  return { app, url: `ws://127.0.0.1:${port}/graphql` };
}

export interface ClosedBy {
  code: number;
  reason: string;
}

export interface WsClient {
  client: Client;
  /** Resolves with the close event of the socket (e.g. 4403 for a bad key). */
  closed: Promise<ClosedBy>;
  dispose(): Promise<void>;
}

/** A graphql-ws client authenticating with `key` in connectionParams (no retries). */
export function wsClient(url: string, key: string | undefined, params?: Record<string, unknown>): WsClient {
  let resolveClosed!: (closed: ClosedBy) => void;
  const closed = new Promise<ClosedBy>((resolve) => (resolveClosed = resolve));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: params ?? (key ? { authorization: `Bearer ${key}` } : {}),
    on: {
      closed: (event) => {
        const e = event as { code: number; reason: string | Buffer };
        resolveClosed({ code: e.code, reason: String(e.reason) });
      },
    },
    // A failed connection is reported through `closed`, not an unhandled error.
    onNonLazyError: () => {},
  });
  return { client, closed, dispose: () => Promise.resolve(client.dispose()) };
}

export interface Subscription<T> {
  /** The next result (data or errors), or a rejection after the deadline. */
  next(deadlineMs?: number): Promise<ExecutionResult<T>>;
  /** The next result's data, failing on errors. */
  nextData(deadlineMs?: number): Promise<T>;
  /** Resolves when the server completes the subscription. */
  completed: Promise<void>;
  unsubscribe(): void;
}

export function subscribe<TResult, TVariables extends Record<string, unknown>>(
  ws: WsClient,
  document: TypedDocumentNode<TResult, TVariables> | DocumentNode,
  variables?: TVariables,
): Subscription<TResult> {
  const received: Array<ExecutionResult<TResult>> = [];
  const waiting: Array<(result: ExecutionResult<TResult>) => void> = [];
  let resolveCompleted!: () => void;
  const completed = new Promise<void>((resolve) => (resolveCompleted = resolve));
  const deliver = (result: ExecutionResult<TResult>) => {
    const waiter = waiting.shift();
    if (waiter) waiter(result);
    else received.push(result);
  };
  const unsubscribe = ws.client.subscribe<TResult>(
    { query: print(document), variables },
    {
      next: (result) => deliver(result as ExecutionResult<TResult>),
      error: (error) => deliver(errorResult(error)),
      complete: () => resolveCompleted(),
    },
  );
  const next = (deadlineMs = DEADLINE_MS) => {
    const ready = received.shift();
    if (ready) return Promise.resolve(ready);
    return withDeadline(new Promise<ExecutionResult<TResult>>((resolve) => waiting.push(resolve)), deadlineMs, 'no subscription result');
  };
  return {
    next,
    async nextData(deadlineMs) {
      const result = await next(deadlineMs);
      if (result.errors?.length || !result.data) throw new Error(`subscription errors: ${JSON.stringify(result.errors)}`);
      return result.data;
    },
    completed,
    unsubscribe,
  };
}

/** A subscription's error (GraphQL errors, or a socket failure) as a result. */
function errorResult<T>(error: unknown): ExecutionResult<T> {
  const errors = Array.isArray(error) ? error : [{ message: String((error as Error)?.message ?? error) }];
  return { errors } as ExecutionResult<T>;
}

export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
    }),
  ]);
}

/**
 * Waits until `condition` holds (checked on every turn of the event loop and a few
 * times a millisecond at most), failing after the deadline. Used to know a
 * subscription is attached on the server before causing the event.
 */
export async function until(condition: () => boolean, what: string, deadlineMs = DEADLINE_MS): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`${what}: not reached within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Resolves once the app holds `count` subscriptions of the tenant (each test has its own tenant). */
export function attached(app: App, tenantId: number, count = 1): Promise<void> {
  return until(() => (app.events.subscriberCount?.(tenantId) ?? 0) >= count, `${count} subscription(s) of tenant ${tenantId} attached`);
}

export interface Collected<T = unknown> {
  /** Every result so far, in arrival order (errors of the subscribe step included). */
  results: Array<ExecutionResult<T>>;
  /** True once the server completed (or refused) the subscription. */
  ended(): boolean;
  unsubscribe(): void;
}

/** Keeps every result of a subscription for later assertions, e.g. that nothing arrived. */
export function collect<T = unknown>(ws: WsClient, query: string, variables?: Record<string, unknown>): Collected<T> {
  const results: Array<ExecutionResult<T>> = [];
  let ended = false;
  const unsubscribe = ws.client.subscribe<T>(
    { query, variables },
    {
      next: (result) => void results.push(result as ExecutionResult<T>),
      error: (error) => {
        results.push(errorResult(error));
        ended = true;
      },
      complete: () => (ended = true),
    },
  );
  return { results, ended: () => ended, unsubscribe };
}
