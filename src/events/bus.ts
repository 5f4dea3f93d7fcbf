// The instance's event bus: the caller's (tests share one), else through Redis
// when instances share one (REDIS_URL), else in memory; with the live settings.
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { setLiveSettings } from './live-settings.js';
import { createMemoryBus } from './memory-bus.js';
import { createRedisBus } from './redis-bus.js';
import type { EventBus } from './topics.js';

export function createEventBus(config: Pick<Config, 'redisUrl' | 'live'>, log: Logger, given?: EventBus, redisPrefix?: string): EventBus {
  const events =
    given ??
    (config.redisUrl
    ? createRedisBus(config.redisUrl, { log, maxQueued: config.live.maxQueuedEvents, prefix: redisPrefix })
      : createMemoryBus({ maxQueued: config.live.maxQueuedEvents }));
  setLiveSettings(events, { countsCoalesceMs: config.live.countsCoalesceMs });
  return events;
}
