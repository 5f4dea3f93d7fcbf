// X-Tenant-Id names the key's tenant by its numeric id or its slug (both in
// `viewer { tenant { id slug } }`), and every transport applies the same rule:
// GraphQL over POST, GET and SSE, WebSocket connection_init, the label route.
// Another tenant (or an unknown slug) is FORBIDDEN, as it always was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { liveServer, wsClient, type WsClient } from '../support/subscribe.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');
const MISMATCH = 'X-Tenant-Id does not match the tenant of the API key';

let t: TestTenant;
let other: TestTenant;
let labelPath: string;

beforeAll(async () => {
  t = await newTenant();
  other = await newTenant();
  const { variations } = await t.product();
  const order = await t.order({ status: 'SHIPPED', items: [{ variationId: variations[0]!.id, quantity: 1 }] });
  const shipment = await t.shipment({ orderId: order.id, trackingNumber: 'AWB-TH1', status: 'IN_TRANSIT' });
  labelPath = `/labels/${encodeURIComponent(gid('Shipment', shipment.id))}.pdf`;
});

async function fetchApp(path: string, init: RequestInit = {}) {
  const { app } = await testApp();
  return app.yoga.fetch(`http://ordergraph.test${path}`, init);
}

const auth = (tenant?: string): Record<string, string> => ({ authorization: `Bearer ${t.key}`, ...(tenant !== undefined ? { 'x-tenant-id': tenant } : {}) });

function post(tenant?: string) {
  return fetchApp('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...auth(tenant) },
    body: JSON.stringify({ query: '{ viewer { tenant { id slug } } }' }),
  });
}

describe('X-Tenant-Id', () => {
  it('exposes the tenant by id and slug on viewer.tenant', async () => {
    const response = await post();
    expect((await response.json()).data).toEqual({ viewer: { tenant: { id: t.id, slug: t.slug } } });
  });

  it('GraphQL POST: the slug and the numeric id pass; another tenant, an unknown slug, another slug are FORBIDDEN alike', async () => {
    for (const named of [t.slug, String(t.id), t.slug.toUpperCase()]) {
      const response = await post(named);
      expect(response.status, named).toBe(200);
      expect((await response.json()).data.viewer.tenant.slug).toBe(t.slug);
    }
    for (const named of [String(other.id), other.slug, 'no-such-shop']) {
      const response = await post(named);
      expect(response.status, named).toBe(403);
      expect((await response.json()).errors[0], named).toMatchObject({ message: MISMATCH, extensions: { code: 'FORBIDDEN' } });
    }
  });

  it('GraphQL GET applies the same rule', async () => {
    const get = (tenant: string) => fetchApp(`/graphql?query=${encodeURIComponent('{ viewer { role } }')}`, { headers: { accept: 'application/json', ...auth(tenant) } });
    expect((await get(t.slug)).status).toBe(200);
    const refused = await get('no-such-shop');
    expect(refused.status).toBe(403);
    expect((await refused.json()).errors[0].message).toBe(MISMATCH);
  });

  it('SSE subscriptions apply the same rule', async () => {
    const sse = (tenant: string, signal?: AbortSignal) =>
      fetchApp('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...auth(tenant) },
        body: JSON.stringify({ query: 'subscription { orderCreated { status } }' }),
        signal,
      });
    const open = new AbortController();
    const accepted = await sse(t.slug, open.signal);
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('content-type')).toContain('text/event-stream');
    open.abort();
    await accepted.body?.cancel().catch(() => {});
    const refused = await sse(other.slug);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain(MISMATCH);
  });

  it('labels apply the same rule', async () => {
    expect((await fetchApp(labelPath, { headers: auth(t.slug) })).status).toBe(200);
    expect((await fetchApp(labelPath, { headers: auth(String(t.id)) })).status).toBe(200);
    const refused = await fetchApp(labelPath, { headers: auth('no-such-shop') });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ errors: [{ message: MISMATCH, extensions: { code: 'FORBIDDEN' } }] });
  });

  describe('WebSocket connection_init', () => {
    const sockets: WsClient[] = [];
    afterAll(async () => {
      await Promise.all(sockets.map((ws) => ws.dispose()));
    });
    const viewerOver = async (params: Record<string, unknown>) => {
      const { url } = await liveServer();
      const ws = wsClient(url, undefined, { authorization: `Bearer ${t.key}`, ...params });
      sockets.push(ws);
      return ws;
    };
    const run = (ws: WsClient) =>
      new Promise<unknown>((resolve, reject) => {
        ws.client.subscribe({ query: '{ viewer { tenant { slug } } }' }, { next: resolve, error: reject, complete: () => {} });
      });

    it('accepts the slug or the id as a connection param', async () => {
      expect(await run(await viewerOver({ 'X-Tenant-Id': t.slug }))).toEqual({ data: { viewer: { tenant: { slug: t.slug } } } });
      expect(await run(await viewerOver({ tenantId: t.id }))).toEqual({ data: { viewer: { tenant: { slug: t.slug } } } });
    });

    it('closes the connection as forbidden for another tenant or an unknown slug', async () => {
      for (const named of [other.slug, 'no-such-shop', String(other.id)]) {
        const ws = await viewerOver({ 'x-tenant-id': named });
        const closed = await ws.closed;
        expect(closed.code, named).toBe(4403);
      }
    });
  });
});

