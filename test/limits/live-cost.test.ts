// Subscription events are paid per key in batches: an event fanned out to many
// subscriptions of one key is one take from its bucket, not one per subscription.
import { describe, expect, it } from 'vitest';
import { MemoryCostBucket, type CostBucket } from '../../src/limits/cost-bucket.js';
import { batchedCharge } from '../../src/limits/live-cost.js';

function counting(capacity: number) {
  const inner = new MemoryCostBucket({ capacity, restoreRate: 1 }, () => 0);
  const takes: Array<[string, number]> = [];
  const bucket: CostBucket = {
    options: inner.options,
    take: (key, cost) => (takes.push([key, cost]), inner.take(key, cost)),
  };
  return { bucket, takes };
}

describe('batchedCharge', () => {
  it('sums the charges of one key in the same turn into one take, and keeps keys apart', async () => {
    const { bucket, takes } = counting(10_000);
    const charge = batchedCharge(bucket);
    const results = await Promise.all([...Array.from({ length: 1000 }, () => charge(7, 3)), charge(8, 5)]);
    expect(takes).toEqual([
      ['key:7', 3000],
      ['key:8', 5],
    ]);
    expect(results[0]).toEqual({ allowed: true, available: 7000, retryAfterMs: 0 });
    expect(results[1000]).toEqual({ allowed: true, available: 9995, retryAfterMs: 0 });
    // The next turn is a new batch.
    await charge(7, 3);
    expect(takes).toHaveLength(3);
  });

  it('refuses the whole batch when it does not fit', async () => {
    const { bucket } = counting(100);
    const charge = batchedCharge(bucket);
    const results = await Promise.all(Array.from({ length: 5 }, () => charge(1, 24)));
    expect(results.every((r) => !r.allowed && r.available === 100)).toBe(true);
  });
});
