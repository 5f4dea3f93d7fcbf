// The source stream of a subscription field: events of one topic for the viewer's
// tenant, checked again on every event, narrowed by the field's filter. A plain
// iterator (not an async generator), so `return()` ends it at once even while it
// waits for the next event.
import type { EventBus, Topic, Topics } from './topics.js';

export interface LiveDeps {
  events: EventBus;
  viewer: { tenantId: number };
}

export type EventFilter<P> = (payload: P) => boolean | Promise<boolean>;

export function liveEvents<T extends Topic>(deps: LiveDeps, topic: T, matches?: EventFilter<Topics[T]>): AsyncIterableIterator<Topics[T]> {
  const tenantId = deps.viewer.tenantId;
  return filterEvents(deps.events.subscribe(topic, tenantId), (payload) => payload.tenantId === tenantId && (!matches || matches(payload)));
}

export function filterEvents<P>(source: AsyncIterator<P>, keep: EventFilter<P>): AsyncIterableIterator<P> {
  const iterator: AsyncIterableIterator<P> = {
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done) return result;
        const kept = keep(result.value);
        if (kept === true || (kept !== false && (await kept))) return result;
      }
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
