// EventBus between instances: events are published to Redis channels through
// @graphql-yoga/redis-event-target and every instance (this one included) hands
// what arrives to its own subscribers. Redis being down must not hurt requests:
// publishing never throws and never queues (the event is dropped and logged),
// subscribing waits for the connection, and ioredis reconnects and re-subscribes
// on its own. A payload tagged with its write's traceparent (event-trace.ts) sends
// it along in the message.
import { Redis, type RedisOptions } from 'ioredis';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { Logger } from '../logger.js';
import { carriedTrace, carryTrace, TRACEPARENT_FIELD } from './event-trace.js';
import { createFanout } from './fanout.js';
import { TOPICS, type EventBus, type Topic } from './topics.js';

export interface RedisBusOptions {
  log: Pick<Logger, 'warn' | 'info' | 'error'>;
  /** Start of the channel names: this deployment's REDIS_PREFIX (channels are "<prefix>:<topic>"). */
  prefix?: string;
  maxQueued?: number;
  /** Extra ioredis options (tests use short reconnect delays). */
  redis?: RedisOptions;
}

export function createRedisBus(url: string, options: RedisBusOptions): EventBus {
  const { log } = options;
  const base: RedisOptions = {
    // Reconnect for ever, at most every 2 s.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
    ...options.redis,
  };
  // Publishing while disconnected fails at once instead of piling up in memory.
  const publisher = new Redis(url, { ...base, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // SUBSCRIBE waits for the connection however long it takes (a handful of channels).
  const subscriber = new Redis(url, { ...base, maxRetriesPerRequest: null });

  let down = false;
  let dropped = 0;
  const connectionLost = (which: string) => (error: Error) => {
    if (down) return;
    down = true;
    log.warn({ err: error, connection: which }, 'Redis unreachable: live events are dropped until it returns; queries and mutations go on');
  };
  publisher.on('error', connectionLost('publish'));
  subscriber.on('error', connectionLost('subscribe'));
  const recovered = () => {
    if (publisher.status === 'ready' && subscriber.status === 'ready' && down) {
      down = false;
      log.info({ dropped }, 'Redis reachable again: live events flow');
      dropped = 0;
    }
  };
  publisher.on('ready', recovered);
  subscriber.on('ready', recovered);

  // Deployments sharing a Redis differ in prefix: they never see each other's events (tenant ids are small integers in each).
  const prefix = options.prefix ?? 'ordergraph';
  const channelOf = (topic: Topic) => `${prefix}:${topic}`;
  const fanout = createFanout({ maxQueued: options.maxQueued });
  const subscribed: Promise<unknown>[] = [];
  const target = createRedisEventTarget({
    publishClient: {
      publish: (channel: string, message: string) =>
        publisher.publish(channel, message).catch((error: Error) => {
          dropped++;
          connectionLost('publish')(error);
          return 0;
        }),
    } as unknown as Redis,
    subscribeClient: {
      on: (event: string, listener: (...args: unknown[]) => void) => subscriber.on(event, listener),
      subscribe: (channel: string) => {
        const done = subscriber.subscribe(channel).catch((error: Error) => log.error({ err: error, channel }, 'Redis SUBSCRIBE failed'));
        subscribed.push(done);
        return done;
      },
      unsubscribe: (channel: string) => subscriber.unsubscribe(channel).catch(() => 0),
    } as unknown as Redis,
  });
  // Every topic is subscribed once for the life of the bus: a handful of channels,
  // and an instance is ready to receive before its first client arrives.
  for (const topic of TOPICS) {
    target.addEventListener(channelOf(topic), (event) => {
      const detail = (event as CustomEvent).detail;
      if (!detail || typeof detail !== 'object') return;
      // The write's traceparent (tracing on where it was published) tags the payload again, out of the subscribers' sight.
      if (TRACEPARENT_FIELD in detail) {
        const { [TRACEPARENT_FIELD]: traceparent, ...payload } = detail as Record<string, unknown>;
        carryTrace(payload, typeof traceparent === 'string' ? traceparent : undefined);
        fanout.dispatch(topic, payload as never);
      } else fanout.dispatch(topic, detail as never);
    });
  }

  return {
    publish(topic, payload) {
      try {
        const traceparent = carriedTrace(payload);
        target.dispatchEvent(new CustomEvent(channelOf(topic), { detail: traceparent ? { ...payload, [TRACEPARENT_FIELD]: traceparent } : payload }));
      } catch (error) {
        dropped++;
        log.error({ err: error, topic }, 'live event not published');
      }
    },
    subscribe: (topic, tenantId) => fanout.subscribe(topic, tenantId),
    subscriberCount: (tenantId) => fanout.size(tenantId),
    async ready() {
      await Promise.all(subscribed);
      if (publisher.status !== 'ready') await new Promise<void>((resolve) => publisher.once('ready', () => resolve()));
    },
    async close() {
      fanout.closeAll();
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
