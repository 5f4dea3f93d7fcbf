import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('live settings in the config', () => {
  it('defaults to 12 s pings, 100 operations per connection, 1,000 per key, 1 MiB unsent, 1,000 queued events, 250 ms coalescing', () => {
    expect(loadConfig({}).live).toEqual({
      keepAliveMs: 12_000,
      maxSubscriptionsPerConnection: 100,
      maxSubscriptionsPerKey: 1_000,
      maxCostPerKey: 50_000,
      maxCostPerTenant: 200_000,
      maxBufferedBytes: 1_048_576,
      maxQueuedEvents: 1_000,
      countsCoalesceMs: 250,
      keyRecheckMs: 30_000,
      perMessageDeflate: false,
    });
  });

  it('reads every LIVE_ variable', () => {
    const config = loadConfig({
      LIVE_KEEPALIVE_MS: '0',
      LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '5',
      LIVE_MAX_SUBSCRIPTIONS_PER_KEY: '20000',
      LIVE_MAX_COST_PER_KEY: '3000',
      LIVE_MAX_COST_PER_TENANT: '9000',
      LIVE_MAX_BUFFERED_BYTES: '65536',
      LIVE_MAX_QUEUED_EVENTS: '50',
      LIVE_COUNTS_COALESCE_MS: '1000',
      LIVE_KEY_RECHECK_MS: '5000',
      LIVE_PER_MESSAGE_DEFLATE: 'true',
    });
    expect(config.live).toEqual({
      keepAliveMs: 0,
      maxSubscriptionsPerConnection: 5,
      maxSubscriptionsPerKey: 20_000,
      maxCostPerKey: 3_000,
      maxCostPerTenant: 9_000,
      maxBufferedBytes: 65_536,
      maxQueuedEvents: 50,
      keyRecheckMs: 5_000,
      countsCoalesceMs: 1_000,
      perMessageDeflate: true,
    });
  });

  it.each([
    ['LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION', '0', 'expected 1..100000, got 0'],
    ['LIVE_MAX_SUBSCRIPTIONS_PER_KEY', 'many', 'expected a whole number, got "many"'],
    ['LIVE_MAX_BUFFERED_BYTES', '100', 'expected 1024..1073741824, got 100'],
    ['LIVE_KEEPALIVE_MS', '-1', 'expected a whole number, got "-1"'],
    ['LIVE_MAX_QUEUED_EVENTS', '0', 'expected 1..1000000, got 0'],
    ['LIVE_COUNTS_COALESCE_MS', '60001', 'expected 0..60000, got 60001'],
  ])('refuses %s=%s', (variable, value, message) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(new ConfigError(variable, message));
  });

  it('accepts a redis:// or rediss:// REDIS_URL and refuses others without echoing the value', () => {
    expect(loadConfig({ REDIS_URL: 'rediss://:secret@cache:6380' }).redisUrl).toBe('rediss://:secret@cache:6380');
    expect(() => loadConfig({ REDIS_URL: 'http://cache:6379' })).toThrow(/REDIS_URL: expected a redis: or rediss: URL/);
  });
});
