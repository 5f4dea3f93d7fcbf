import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { MemoryCostBucket, RedisCostBucket, decide, leak } from '../../src/limits/cost-bucket.js';

const options = { capacity: 1000, restoreRate: 50 };

describe('the leaky bucket of query cost', () => {
  it('takes each request cost out of the bucket until it no longer fits', () => {
    const first = decide(0, 600, options);
    expect(first.result).toEqual({ allowed: true, available: 400, retryAfterMs: 0 });
    const second = decide(first.level, 600, options);
    expect(second.result.allowed).toBe(false);
    expect(second.level).toBe(600);
    // 200 points over capacity at 50 points/s: 4 s.
    expect(second.result.retryAfterMs).toBe(4000);
  });

  it('restores points at the restore rate, never below empty', () => {
    expect(leak(600, 2000, 50)).toBe(500);
    expect(leak(100, 60_000, 50)).toBe(0);
  });

  it('keeps one budget per key and refills it with time', async () => {
    let now = 0;
    const bucket = new MemoryCostBucket(options, () => now);
    expect((await bucket.take('a', 900)).allowed).toBe(true);
    expect((await bucket.take('a', 200)).allowed).toBe(false);
    expect((await bucket.take('b', 200)).allowed).toBe(true);
    now += 2000; // 100 points restored
    const later = await bucket.take('a', 200);
    expect(later).toEqual({ allowed: true, available: 0, retryAfterMs: 0 });
  });
});

// Redis runs beside PostgreSQL on the CI machine; the embedded pass has neither.
describe.skipIf(!process.env.DATABASE_URL)('the bucket in Redis', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  afterAll(() => redis.quit());

  it('is shared by every instance that uses the same Redis', async () => {
    const key = `test-${process.pid}-${Date.now()}`;
    const a = new RedisCostBucket(options, redis);
    const b = new RedisCostBucket(options, redis);
    expect((await a.take(key, 700)).allowed).toBe(true);
    const refused = await b.take(key, 700);
    expect(refused.allowed).toBe(false);
    expect(refused.available).toBeLessThanOrEqual(300);
    expect(refused.retryAfterMs).toBeGreaterThan(7000);
  });

  it('falls back to a local bucket when Redis cannot be reached', async () => {
    const down = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
    const errors: unknown[] = [];
    const bucket = new RedisCostBucket(options, down, undefined, (e) => errors.push(e));
    expect((await bucket.take('k', 100)).allowed).toBe(true);
    expect(errors.length).toBe(1);
    down.disconnect();
  });
});
