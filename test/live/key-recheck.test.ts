// A key revoked or expired after a WebSocket connected: the socket is closed
// (4403) at the next key check, here every 100 ms (LIVE_KEY_RECHECK_MS; 30 s by default).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { testConfig, testApp } from '../support/app.js';
import { query } from '../support/execute.js';
import { withDeadline, wsClient } from '../support/subscribe.js';
import { newTenant } from '../support/tenant.js';

let app: App;
let url: string;
beforeAll(async () => {
  const { app: shared } = await testApp();
  const config = testConfig({ API_KEY_CACHE_MS: '0', LIVE_KEY_RECHECK_MS: '100' });
  app = await createApp(config, { database: shared.db, events: shared.events, logger: createLogger('silent') });
  url = `ws://127.0.0.1:${await app.start(0, '127.0.0.1')}/graphql`;
});
afterAll(() => app?.stop());

describe('API key re-check on open WebSockets', () => {
  it('closes the sockets of a key revoked after they connected, and keeps the others', async () => {
    const t = await newTenant();
    const doomed = await t.apiKey('VIEWER');
    const revoked = wsClient(url, doomed);
    const kept = wsClient(url, t.key);
    // Connected: a query over each socket answers.
    const ask = (c: ReturnType<typeof wsClient>) =>
      new Promise((resolve, reject) => c.client.subscribe({ query: '{ viewer { role } }' }, { next: resolve, error: reject, complete: () => {} }));
    await withDeadline(Promise.all([ask(revoked), ask(kept)]), 10_000, 'both sockets answer');
    const id = (await t.prisma.apiKey.findFirstOrThrow({ where: { tenantId: t.id, role: 'VIEWER' } })).id;
    await query<any, any>(t.key, 'mutation($id: ID!) { apiKeyRevoke(id: $id) { __typename } }', { id: String(id) });
    expect(await withDeadline(revoked.closed, 10_000, 'the revoked key closes')).toMatchObject({ code: 4403 });
    expect(await withDeadline(ask(kept), 10_000, 'the other socket still answers')).toBeTruthy();
    await kept.dispose();
  });

  it('keeps the sockets open, and the process up, while the key lookup fails (database busy or away)', async () => {
    const t = await newTenant();
    const clients = [wsClient(url, t.key), wsClient(url, t.key), wsClient(url, t.key)];
    const ask = (c: ReturnType<typeof wsClient>) =>
      new Promise((resolve, reject) => c.client.subscribe({ query: '{ viewer { role } }' }, { next: resolve, error: reject, complete: () => {} }));
    await withDeadline(Promise.all(clients.map(ask)), 10_000, 'the sockets answer');
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    // The key lookups of the re-check (every 100 ms here) fail for half a second.
    const lookups = vi.spyOn(app.db.prisma, '$queryRaw').mockRejectedValue(new Error('connection pool timeout'));
    try {
      await new Promise((r) => setTimeout(r, 500));
      expect(lookups).toHaveBeenCalled();
    } finally {
      lookups.mockRestore();
    }
    await new Promise((r) => setTimeout(r, 200));
    process.off('unhandledRejection', record);
    expect(unhandled).toEqual([]);
    expect(await withDeadline(Promise.all(clients.map(ask)), 10_000, 'the sockets still answer')).toHaveLength(3);
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it('closes the sockets of a key that expires while they are open', async () => {
    const t = await newTenant();
    const expiring = await t.apiKey('VIEWER', { expiresAt: new Date(Date.now() + 1_500) });
    const client = wsClient(url, expiring);
    expect(await withDeadline(client.closed, 10_000, 'the expired key closes')).toMatchObject({ code: 4403 });
  });
});
