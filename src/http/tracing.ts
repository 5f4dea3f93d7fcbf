// OpenTelemetry traces, exported over OTLP/HTTP (JSON) when OTEL_EXPORTER_OTLP_ENDPOINT
// is set; app.ts imports this module only then, so without it no SDK is loaded and no
// hook runs. One span per GraphQL request (continuing the caller's W3C `traceparent`,
// answered with a `traceparent` header of its own), children for parse, validate and
// execute, one span per SQL statement under whichever is running (statement-trace.ts),
// and a client span per webhook POST, whose request carries its `traceparent`.
// Events remember the write that published them (events/event-trace.ts): a webhook
// delivery (`webhook.deliver`, parent of its POST) and a live subscription's shared
// execution (`subscription.deliver`) are spans of their own trace, linked to it.
//
// Not @envelop/opentelemetry: its plugin (9.x) makes one span for execute only (no parse
// or validate), depends on the 1.x SDK while the OTLP exporter lives on the 3.x one, and
// registers a console exporter globally when no provider is given. Yoga's own
// `instrumentation` hooks wrap each phase, which is all a span needs.
import { context, isSpanContextValid, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context as OtelContext, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { createSourceEventStream, execute as executeGraphQL, getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { TracingConfig } from '../config.js';
import type { Context } from '../graphql/context.js';
import { traceStatements } from '../db/statement-trace.js';
import { carriedTrace, deliverySpan, traceEvents } from '../events/event-trace.js';
import { deliveryAttributes, mapEvents } from './map-events.js';
import type { WebhookPost } from '../webhooks/relay.js';

/** The attribute carrying the request id (x-request-id, extensions.requestId, the log line's requestId). */
export const REQUEST_ID_ATTRIBUTE = 'ordergraph.request_id';
// Probes and scrapes every few seconds are not worth a trace each.
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export interface Tracing {
  /** First in Yoga's plugins: its instrumentation wraps every other hook of the request. */
  plugin: Plugin<Context>;
  /** The webhook sender, each POST in a client span whose traceparent the request carries. */
  webhookPost(post: WebhookPost): WebhookPost;
  /** Exports the spans ended so far (tests; shutdown does it too). */
  flush(): Promise<void>;
  /** Exports what is left and stops. */
  shutdown(): Promise<void>;
}

export interface TracingDeps {
  requestIdOf(request: Request): string;
  /** Delay of the batch export (tests shorten it); the SDK's default otherwise. */
  batchDelayMs?: number;
}

const propagator = new W3CTraceContextPropagator();
const headerGetter = {
  keys: (carrier: Headers) => [...carrier.keys()],
  get: (carrier: Headers, key: string) => carrier.get(key) ?? undefined,
};
const recordGetter = {
  keys: (carrier: Record<string, string>) => Object.keys(carrier),
  get: (carrier: Record<string, string>, key: string) => carrier[key],
};
const recordSetter = { set: (carrier: Record<string, string>, key: string, value: string) => void (carrier[key] = value) };

let contextManagerSet = false;

/** Spans of the active context follow async calls (AsyncLocalStorage); set once per process. */
function ensureContextManager(): void {
  if (contextManagerSet) return;
  contextManagerSet = true;
  // false when someone else (an OpenTelemetry SDK of the host) set one already: theirs is kept.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}

export function startTracing(settings: TracingConfig, deps: TracingDeps): Tracing {
  if (!settings.endpoint) throw new Error('startTracing needs OTEL_EXPORTER_OTLP_ENDPOINT');
  ensureContextManager();
  const exporter = new OTLPTraceExporter({ url: `${settings.endpoint}/v1/traces` });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor({ exporter, ...(deps.batchDelayMs !== undefined ? { scheduledDelayMillis: deps.batchDelayMs } : {}) })],
  });
  const tracer = provider.getTracer('ordergraph');
  const requestSpans = new WeakMap<Request, Span>();

  const plugin: Plugin<Context> = {
    instrumentation: {
      request({ request }, wrapped) {
        const path = new URL(request.url).pathname;
        if (UNTRACED_PATHS.has(path)) return wrapped();
        const parent = propagator.extract(ROOT_CONTEXT, request.headers, headerGetter);
        // Named by route, not by path: /documents/*, /exports/* carry ids (url.path keeps them; query strings with signatures are left out).
        const segments = path.split('/');
        const span = tracer.startSpan(
          `${request.method} ${segments.length > 2 ? `/${segments[1]}/*` : path}`,
          {
            kind: SpanKind.SERVER,
            attributes: { 'http.request.method': request.method, 'url.path': path, [REQUEST_ID_ATTRIBUTE]: deps.requestIdOf(request) },
          },
          parent,
        );
        requestSpans.set(request, span);
        return context.with(trace.setSpan(parent, span), wrapped);
      },
      parse: (_payload, wrapped) => inSpan(tracer, 'graphql.parse', wrapped),
      validate: (_payload, wrapped) => inSpan(tracer, 'graphql.validate', wrapped),
      execute: (_payload, wrapped) => inSpan(tracer, 'graphql.execute', wrapped),
      subscribe: (_payload, wrapped) => inSpan(tracer, 'graphql.subscribe', wrapped),
    },
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const span = trace.getSpan(context.active());
      if (span && operation) {
        span.setAttribute('graphql.operation.type', operation.operation);
        if (operation.name) span.setAttribute('graphql.operation.name', operation.name.value);
      }
      return {
        onExecuteDone({ result }) {
          if (span && result && !(Symbol.asyncIterator in result) && result.errors?.length) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: result.errors[0]!.message });
          }
        },
      };
    },
    // Subscriptions over SSE run Yoga's own subscribe (graphql-ws shares its executions in
    // websocket-server.ts): the same per event, each execution a delivery span linked to the write.
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const source = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in (source as object))) return source as ExecutionResult;
        const attributes = deliveryAttributes(args.document, args.operationName);
        return mapEvents(source as AsyncGenerator<unknown>, (payload) =>
          deliverySpan('subscription.deliver', carriedTrace(payload), attributes, async () => (await executeGraphQL({ ...args, rootValue: payload })) as ExecutionResult),
        );
      });
    },
    onResponse({ request, response }) {
      const span = requestSpans.get(request);
      if (!span) return;
      requestSpans.delete(request);
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      const headers: Record<string, string> = {};
      propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, recordSetter);
      if (headers.traceparent) response.headers.set('traceparent', headers.traceparent);
      span.end();
    },
  };

  // One span per statement, under the request's phase running it; none outside a traced request.
  const untrace = traceStatements((sql, run) => {
    const parent = context.active();
    if (!trace.getSpan(parent)?.isRecording()) return run();
    const operation = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
    const span = tracer.startSpan(operation, { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation, 'db.query.text': sql } }, parent);
    return context.with(trace.setSpan(parent, span), run).then(
      (result) => (span.end(), result),
      (error: unknown) => {
        failed(span, error);
        throw error;
      },
    );
  });

  // Events carry the write's traceparent; their deliveries are spans linked to it.
  const untraceEvents = traceEvents({
    traceparent() {
      const active = context.active();
      if (!trace.getSpan(active)?.isRecording()) return undefined;
      const headers: Record<string, string> = {};
      propagator.inject(active, headers, recordSetter);
      return headers.traceparent;
    },
    deliver(name, traceparent, attributes, fn) {
      const written = traceparent ? trace.getSpanContext(propagator.extract(ROOT_CONTEXT, { traceparent }, recordGetter)) : undefined;
      const span = tracer.startSpan(
        name,
        { kind: SpanKind.CONSUMER, root: true, attributes, links: written && isSpanContextValid(written) ? [{ context: written }] : [] },
        ROOT_CONTEXT,
      );
      return context.with(trace.setSpan(ROOT_CONTEXT, span), fn).then(
        (result) => (span.end(), result),
        (error: unknown) => {
          failed(span, error);
          throw error;
        },
      );
    },
    detached: (fn) => context.with(ROOT_CONTEXT, fn),
  });

  return {
    plugin,
    webhookPost(post) {
      return async (request) => {
        const span = tracer.startSpan('POST webhook', { kind: SpanKind.CLIENT, attributes: { 'http.request.method': 'POST', 'url.full': request.url } }, context.active());
        const headers = { ...request.headers };
        propagator.inject(trace.setSpan(context.active(), span), headers, recordSetter);
        try {
          const result = await post({ ...request, headers });
          if (result.status !== null) span.setAttribute('http.response.status_code', result.status);
          if (result.error) span.setStatus({ code: SpanStatusCode.ERROR, message: result.error });
          return result;
        } finally {
          span.end();
        }
      };
    },
    async flush() {
      await provider.forceFlush();
      // The processor hands the batch over; the exporter's request may still be under way.
      await exporter.forceFlush();
    },
    async shutdown() {
      untrace();
      untraceEvents();
      await provider.shutdown();
    },
  };
}

/** Runs wrapped (sync or async) inside a child span of the active one. */
function inSpan<T>(tracer: Tracer, name: string, wrapped: () => T): T {
  const parent: OtelContext = context.active();
  const span = tracer.startSpan(name, {}, parent);
  try {
    const result = context.with(trace.setSpan(parent, span), wrapped);
    if (result && typeof (result as { then?: unknown }).then === 'function') {
      return (result as unknown as Promise<unknown>).then(
        (value) => (span.end(), value),
        (error: unknown) => {
          failed(span, error);
          throw error;
        },
      ) as T;
    }
    span.end();
    return result;
  } catch (error) {
    failed(span, error);
    throw error;
  }
}

function failed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

