// A leaky bucket of query cost per API key (Shopify's model): a request takes its
// cost out of the bucket, the bucket refills at `restoreRate` points per second up
// to `capacity`; a request that does not fit is THROTTLED with the time after
// which it would. In memory for one instance, in Redis (one atomic script) when
// instances share the budget.
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export interface BucketOptions {
  capacity: number;
  /** Points restored per second. */
  restoreRate: number;
}

export interface BucketResult {
  allowed: boolean;
  /** Points left after this request (or now, when refused). */
  available: number;
  /** When refused: milliseconds until the request would fit. */
  retryAfterMs: number;
}

export interface CostBucket {
  readonly options: BucketOptions;
  take(key: string, cost: number): Promise<BucketResult>;
}

export function leak(level: number, elapsedMs: number, restoreRate: number): number {
  return Math.max(0, level - (elapsedMs / 1000) * restoreRate);
}

/** The decision, shared by both stores: level is the used part of the bucket. */
export function decide(level: number, cost: number, options: BucketOptions): { level: number; result: BucketResult } {
  if (level + cost <= options.capacity) {
    const next = level + cost;
    return { level: next, result: { allowed: true, available: Math.floor(options.capacity - next), retryAfterMs: 0 } };
  }
  const retryAfterMs = Math.ceil(((level + cost - options.capacity) / options.restoreRate) * 1000);
  return { level, result: { allowed: false, available: Math.floor(options.capacity - level), retryAfterMs } };
}

export class MemoryCostBucket implements CostBucket {
  private readonly levels = new Map<string, { level: number; at: number }>();

  constructor(
    readonly options: BucketOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string, cost: number): Promise<BucketResult> {
    const now = this.now();
    const entry = this.levels.get(key);
    const current = entry ? leak(entry.level, now - entry.at, this.options.restoreRate) : 0;
    const { level, result } = decide(current, cost, this.options);
    this.levels.set(key, { level, at: now });
    if (this.levels.size > 10_000) this.sweep(now);
    return result;
  }

  /** Forgets drained buckets, so memory follows active keys, not all keys ever seen. */
  private sweep(now: number): void {
    for (const [key, entry] of this.levels) {
      if (leak(entry.level, now - entry.at, this.options.restoreRate) === 0) this.levels.delete(key);
    }
  }
}

// Redis time, so instances with skewed clocks agree. Returns {allowed, level*1000}.
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local v = redis.call('HMGET', KEYS[1], 'level', 'at')
local level = tonumber(v[1]) or 0
local at = tonumber(v[2]) or now
level = math.max(0, level - (now - at) / 1000 * rate)
local allowed = 0
if level + cost <= capacity then
  level = level + cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'level', tostring(level), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
return {allowed, math.floor(level * 1000)}
`;

export class RedisCostBucket implements CostBucket {
  constructor(
    readonly options: BucketOptions,
    private readonly redis: Redis,
    /** Used while Redis cannot be reached: each instance keeps its own budget then. */
    private readonly fallback: CostBucket = new MemoryCostBucket(options),
    private readonly onError: (error: unknown) => void = () => {},
    /** This deployment's REDIS_PREFIX: keys are "<prefix>:cost:<key>". */
    private readonly prefix = 'ordergraph',
  ) {}

  async take(key: string, cost: number): Promise<BucketResult> {
    try {
      const [allowed, scaled] = (await this.redis.eval(
        TAKE_SCRIPT,
        1,
        `${this.prefix}:cost:${key}`,
        this.options.capacity,
        this.options.restoreRate,
        cost,
      )) as [number, number];
      const level = scaled / 1000;
      if (allowed === 1) return { allowed: true, available: Math.floor(this.options.capacity - level), retryAfterMs: 0 };
      return decide(level, cost, this.options).result;
    } catch (error) {
      this.onError(error);
      return this.fallback.take(key, cost);
    }
  }
}

/**
 * The cost budget per key: shared through Redis when instances share one, else
 * per instance; none when the restore rate is 0 (rate limit off). While Redis is
 * away the bucket fails fast and counts in memory rather than hold requests.
 */
export function createCostBucket(options: BucketOptions, redisUrl: string | undefined, log: Logger, redisPrefix?: string): { bucket?: CostBucket; close(): void } {
  if (options.restoreRate === 0) return { close() {} };
  if (!redisUrl) return { bucket: new MemoryCostBucket(options), close() {} };
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500, lazyConnect: false });
  redis.on('error', (error) => log.debug({ err: error }, 'rate limit: Redis unavailable, counting in memory'));
  return { bucket: new RedisCostBucket(options, redis, undefined, undefined, redisPrefix), close: () => redis.disconnect() };
}
