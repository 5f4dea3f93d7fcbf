// Deployments sharing one Redis (the local one at 127.0.0.1:6379): channels and
// rate-limit keys start with the deployment's REDIS_PREFIX, so tenant 1 of one
// deployment never receives the events of tenant 1 of another.
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createApp, type App } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { RedisCostBucket } from '../../src/limits/cost-bucket.js';
import { testConfig, testApp } from '../support/app.js';
import { withDeadline } from '../support/subscribe.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const run = `${process.pid}-${Date.now()}`;

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function appWith(env: Record<string, string>): Promise<App> {
  const { app: shared } = await testApp();
  const config = testConfig({ REDIS_URL, ...env }, process.env);
  const app = await createApp(config, { database: shared.db, logger: createLogger('silent') });
  cleanups.push(() => app.stop());
  await app.events.ready!();
  return app;
}

const created = (tenantId: number, orderId: number) => ({ tenantId, orderId, status: 'PENDING', at: new Date().toISOString() });

describe.skipIf(!process.env.DATABASE_URL)('REDIS_PREFIX', () => {
  it('keeps deployments with different prefixes apart, and joins instances with the same one', async () => {
    const a = await appWith({ REDIS_PREFIX: `og-test-a-${run}` });
    const sameAsA = await appWith({ REDIS_PREFIX: `og-test-a-${run}` });
    const b = await appWith({ REDIS_PREFIX: `og-test-b-${run}` });
    // Tenant 1 in both deployments: ids are small integers in each database.
    const onSameAsA = sameAsA.events.subscribe('orderCreated', 1);
    const onB = b.events.subscribe('orderCreated', 1);
    cleanups.push(async () => void (await onSameAsA.return?.(), await onB.return?.()));

    a.events.publish('orderCreated', created(1, 101));
    // The same prefix: the event went through Redis to the other instance.
    expect((await withDeadline(onSameAsA.next(), 5_000, 'event on the same prefix')).value).toMatchObject({ orderId: 101 });
    // Redis had handed it to every subscriber of that channel before B publishes;
    // B's first event is its own, so A's never reached it.
    b.events.publish('orderCreated', created(1, 202));
    expect((await withDeadline(onB.next(), 5_000, "B's own event")).value).toMatchObject({ orderId: 202 });
  });

  it('defaults to ordergraph:<database>:<deployment id from the database>', async () => {
    const { fixtures } = await testApp();
    const [row] = await fixtures.sql.query<{ database: string; id: string }>(`SELECT current_database() AS database, "deploymentId"::text AS id FROM "Deployment"`);
    expect(row!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await appWith({});
    const redis = new Redis(REDIS_URL);
    cleanups.push(async () => void redis.disconnect());
    const channels = await redis.pubsub('CHANNELS', `ordergraph:${row!.database}:${row!.id}:*`);
    expect(channels).toContain(`ordergraph:${row!.database}:${row!.id}:orderCreated`);
  });

  it('keeps the rate-limit buckets of different prefixes apart', async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    cleanups.push(async () => void redis.disconnect());
    const options = { capacity: 1000, restoreRate: 1 };
    const a = new RedisCostBucket(options, redis, undefined, undefined, `og-test-a-${run}`);
    const alsoA = new RedisCostBucket(options, redis, undefined, undefined, `og-test-a-${run}`);
    const b = new RedisCostBucket(options, redis, undefined, undefined, `og-test-b-${run}`);
    expect((await a.take('key:1', 700)).allowed).toBe(true);
    expect((await alsoA.take('key:1', 700)).allowed).toBe(false);
    expect((await b.take('key:1', 700)).allowed).toBe(true);
    expect(await redis.exists(`og-test-a-${run}:cost:key:1`, `og-test-b-${run}:cost:key:1`)).toBe(2);
  });
});
