// Delivers published events to this instance's subscribers. Subscribers are kept
// per topic and tenant, so an event is only ever handed to the subscribers of its
// own tenant (the subscription fields check the tenant again). Each subscriber has
// a bounded queue: one that does not keep up is ended with SlowConsumerError
// instead of holding the server's memory.
import { GraphQLError } from 'graphql';
import type { Topic, Topics } from './topics.js';
import { inTurns, SLICE, turnsPending } from './turns.js';

export class SlowConsumerError extends GraphQLError {
  constructor(limit: number) {
    super(`Subscription ended: more than ${limit} events were waiting to be sent (slow consumer).`, {
      extensions: { code: 'SLOW_CONSUMER' },
    });
  }
}

export interface FanoutOptions {
  /** Events queued for one subscriber before it is ended as too slow. */
  maxQueued?: number;
  /** Called when a topic gets its first subscriber (Redis subscribes to its channel). */
  onTopicActive?: (topic: Topic) => void;
  /** Called when a topic loses its last subscriber. */
  onTopicIdle?: (topic: Topic) => void;
}

interface Sink {
  push(payload: unknown): void;
  end(): void;
}

export interface Fanout {
  dispatch<T extends Topic>(topic: T, payload: Topics[T]): void;
  /**
   * Events of one topic for one tenant (every tenant when left out: tests and
   * internal watchers only), as an async iterator; `return()` unsubscribes.
   */
  subscribe<T extends Topic>(topic: T, tenantId?: number): AsyncIterableIterator<Topics[T]>;
  /** Subscribers currently attached, all topics; of one tenant when given. */
  size(tenantId?: number): number;
  /** Ends every subscription (done), e.g. on shutdown. */
  closeAll(): void;
}

const keyOf = (topic: string, tenantId: number | undefined) => `${topic}\u0000${tenantId ?? '*'}`;

export function createFanout(options: FanoutOptions = {}): Fanout {
  const maxQueued = options.maxQueued ?? 1_000;
  const sinks = new Map<string, Set<Sink>>();
  const perTopic = new Map<Topic, number>();
  const perTenant = new Map<number | undefined, number>();
  let total = 0;

  const attach = (topic: Topic, tenantId: number | undefined, key: string, sink: Sink) => {
    perTenant.set(tenantId, (perTenant.get(tenantId) ?? 0) + 1);
    let set = sinks.get(key);
    if (!set) sinks.set(key, (set = new Set()));
    set.add(sink);
    total++;
    const n = (perTopic.get(topic) ?? 0) + 1;
    perTopic.set(topic, n);
    if (n === 1) options.onTopicActive?.(topic);
  };
  const detach = (topic: Topic, tenantId: number | undefined, key: string, sink: Sink) => {
    const set = sinks.get(key);
    if (!set?.delete(sink)) return;
    const left = (perTenant.get(tenantId) ?? 1) - 1;
    if (left) perTenant.set(tenantId, left);
    else perTenant.delete(tenantId);
    if (!set.size) sinks.delete(key);
    total--;
    const n = (perTopic.get(topic) ?? 1) - 1;
    if (n) perTopic.set(topic, n);
    else {
      perTopic.delete(topic);
      options.onTopicIdle?.(topic);
    }
  };

  return {
    dispatch(topic, payload) {
      const tenantId = (payload as { tenantId?: unknown }).tenantId;
      if (typeof tenantId !== 'number') return;
      for (const key of [keyOf(topic, tenantId), keyOf(topic, undefined)]) {
        const set = sinks.get(key);
        if (!set) continue;
        // A copy: a sink may detach itself (overflow) while we iterate. Many sinks are woken in
        // turns (src/events/turns.ts); a few at once, unless turns are waiting, which go first.
        const woken = [...set];
        if (woken.length <= SLICE && !turnsPending()) for (const sink of woken) sink.push(payload);
        else for (const sink of woken) inTurns(sink.push, payload);
      }
    },
    subscribe<T extends Topic>(topic: T, tenantId?: number): AsyncIterableIterator<Topics[T]> {
      const key = keyOf(topic, tenantId);
      const queue: Topics[T][] = [];
      let waiting: { resolve: (r: IteratorResult<Topics[T]>) => void; reject: (e: unknown) => void } | undefined;
      let done = false;
      let failure: Error | undefined;

      const finish = () => {
        if (done) return;
        done = true;
        detach(topic, tenantId, key, sink);
      };
      const sink: Sink = {
        push(payload) {
          if (done) return;
          if (waiting) {
            const w = waiting;
            waiting = undefined;
            w.resolve({ value: payload as Topics[T], done: false });
            return;
          }
          if (queue.length >= maxQueued) {
            queue.length = 0;
            failure = new SlowConsumerError(maxQueued);
            finish();
            return;
          }
          queue.push(payload as Topics[T]);
        },
        end() {
          finish();
          if (waiting) {
            const w = waiting;
            waiting = undefined;
            w.resolve({ value: undefined, done: true });
          }
        },
      };
      attach(topic, tenantId, key, sink);

      const iterator: AsyncIterableIterator<Topics[T]> = {
        next() {
          if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
          if (failure) {
            const error = failure;
            failure = undefined;
            return Promise.reject(error);
          }
          if (done) return Promise.resolve({ value: undefined, done: true });
          return new Promise((resolve, reject) => {
            waiting = { resolve, reject };
          });
        },
        return() {
          queue.length = 0;
          sink.end();
          return Promise.resolve({ value: undefined, done: true });
        },
        throw(error?: unknown) {
          queue.length = 0;
          sink.end();
          return Promise.reject(error);
        },
        [Symbol.asyncIterator]() {
          return iterator;
        },
      };
      return iterator;
    },
    size: (tenantId) => (tenantId === undefined ? total : (perTenant.get(tenantId) ?? 0)),
    closeAll() {
      for (const set of [...sinks.values()]) for (const sink of [...set]) sink.end();
    },
  };
}
