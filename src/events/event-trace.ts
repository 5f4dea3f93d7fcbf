// The trace context of a write, carried with the events it publishes, so that what
// they cause later (webhook deliveries, live subscription results) is linked to it.
// src/http/tracing.ts installs a tracer when traces are exported; nothing here knows
// about OpenTelemetry, and without an installed tracer every function is one check of
// an undefined variable (no traceparent is computed, stored or sent).
//
// - The outbox row of an event stores the W3C traceparent of the span active when the
//   write's transaction wrote it (OutboxEvent.traceparent); the relay's delivery span
//   links to it.
// - A live event's payload object is tagged with it (a WeakMap, so the payload the
//   subscribers see is unchanged); the Redis bus sends it along in its message.

export interface EventTracer {
  /** The W3C traceparent of the active span; undefined when none is recording. */
  traceparent(): string | undefined;
  /**
   * Runs fn in a span of its own: the root of a new trace (never a child of the
   * context that happens to be active), linked to the span the traceparent names.
   */
  deliver<T>(name: string, traceparent: string | null | undefined, attributes: Record<string, string | number>, fn: () => Promise<T>): Promise<T>;
  /** Runs fn outside any request's context (the root context). */
  detached<T>(fn: () => T): T;
}

let tracer: EventTracer | undefined;

/** Installs the tracer for this process; the function returned removes it again. */
export function traceEvents(given: EventTracer): () => void {
  tracer = given;
  return () => {
    if (tracer === given) tracer = undefined;
  };
}

/** The traceparent of the active span, to store with an event; undefined without tracing. */
export function activeTraceparent(): string | undefined {
  return tracer?.traceparent();
}

/** Runs fn in a delivery span linked to the write's span (tracing on), else just runs it. */
export function deliverySpan<T>(name: string, traceparent: string | null | undefined, attributes: Record<string, string | number>, fn: () => Promise<T>): Promise<T> {
  return tracer ? tracer.deliver(name, traceparent, attributes, fn) : fn();
}

/** Runs fn in the root context (tracing on): background work started from a request does not become part of its trace. */
export function detached<T>(fn: () => T): T {
  return tracer ? tracer.detached(fn) : fn();
}

const carried = new WeakMap<object, string>();

/** Tags a live event's payload with the traceparent of the write that published it. */
export function carryTrace(payload: object, traceparent: string | undefined): void {
  if (traceparent) carried.set(payload, traceparent);
}

/** The traceparent a live event's payload was tagged with, if any. */
export function carriedTrace(payload: unknown): string | undefined {
  return payload !== null && typeof payload === 'object' ? carried.get(payload) : undefined;
}

/** The field of a Redis bus message carrying the traceparent (removed again before subscribers see the payload). */
export const TRACEPARENT_FIELD = '@traceparent';
