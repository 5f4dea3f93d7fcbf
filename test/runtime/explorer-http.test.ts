// GraphiQL's page and code come from the server itself (src/http/graphiql.ts); the
// browser test (npm run test:browser) drives it in Chromium.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

async function get(path: string, headers: Record<string, string> = {}) {
  const { app } = await testApp();
  return app.yoga.fetch(`http://ordergraph.test${path}`, { headers });
}

describe('the explorer, served by the server', () => {
  it('answers a browser at /graphql with a page whose code is on this server only', async () => {
    const response = await get('/graphql', { accept: 'text/html' });
    expect(response.status).toBe(200);
    const html = await response.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((s) => !s.startsWith('data:'));
    expect(sources).toHaveLength(2);
    for (const source of sources) expect(source).toMatch(/^\/graphql\/explorer\/graphiql\.[0-9a-f]{16}\.(js|css)$/);
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');
    expect(html).toContain('NewestOrders');
    expect(html).not.toMatch(/unpkg|jsdelivr|cdn\./);
  });

  it('serves the code with a long cache life, gzipped when asked, and 404 for other names', async () => {
    const html = await (await get('/graphql', { accept: 'text/html' })).text();
    const script = /src="(\/graphql\/explorer\/[^"]+\.js)"/.exec(html)![1]!;
    const plain = await get(script);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const text = await plain.text();
    expect(text).toContain('renderYogaGraphiQL');
    const gzipped = await get(script, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString()).toBe(text);
    expect((await get('/graphql/explorer/graphiql.0000000000000000.js')).status).toBe(404);
  });
});
