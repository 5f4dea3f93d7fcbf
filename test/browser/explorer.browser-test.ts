// GraphiQL as a partner meets it: /graphql in headless Chromium (Debian's package,
// driven by puppeteer-core), with every request that would leave 127.0.0.1 recorded
// and refused. The page must come up from the server alone, its Docs panel must list
// the types (introspection passes the limits), and the default query must run with
// the demo key from the Headers tab.
//
// Against a running server: EXPLORER_URL=http://127.0.0.1:PORT (CI: the `npm start`
// of the smoke step). Otherwise the test starts the app in-process with the demo shop
// in memory. No Chromium: skipped with a message, or failed when REQUIRE_BROWSER=1.
// The screenshot goes to SCREENSHOT_DIR (default: a new temporary folder).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { App } from '../../src/app.js';
import { DEMO_ORDERS } from '../../src/demo/demo-shop.js';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(
  (path): path is string => !!path,
);
const chromium = CANDIDATES.find((path) => existsSync(path));
const required = process.env.REQUIRE_BROWSER === '1';
if (!chromium) {
  const message = `no Chromium found (looked at ${CANDIDATES.join(', ')}; set CHROMIUM_PATH or apt-get install chromium)`;
  if (required) throw new Error(`REQUIRE_BROWSER=1 but ${message}`);
  console.warn(`explorer browser test skipped: ${message}`);
}

const LOCAL_HOSTS = new Set(['127.0.0.1']);
/** Requests whose URL has no host (data:, blob:) never leave the browser. */
const leavesHost = (url: string) => {
  const { protocol, hostname } = new URL(url);
  return (protocol === 'http:' || protocol === 'https:' || protocol === 'ws:' || protocol === 'wss:') && !LOCAL_HOSTS.has(hostname);
};

describe.skipIf(!chromium)('GraphiQL in a real browser', () => {
  let app: App | undefined;
  let base: string;
  let browser: Browser;
  let page: Page;
  let profile: string;
  const offHost: string[] = [];
  const requested: string[] = [];

  beforeAll(async () => {
    if (process.env.EXPLORER_URL) {
      base = process.env.EXPLORER_URL.replace(/\/$/, '');
    } else {
      const { loadConfig } = await import('../../src/config.js');
      const { createApp } = await import('../../src/app.js');
      const { createLogger } = await import('../../src/logger.js');
      const config = loadConfig({ DEMO: 'true', DATA_DIR: 'memory://', NODE_ENV: 'development', LOG_LEVEL: 'silent' });
      app = await createApp(config, { logger: createLogger('silent') });
      base = `http://127.0.0.1:${await app.start(0, '127.0.0.1')}`;
    }
    expect(new URL(base).hostname).toBe('127.0.0.1');
    profile = mkdtempSync(join(tmpdir(), 'ordergraph-chromium-'));
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      userDataDir: profile,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      requested.push(url);
      if (leavesHost(url)) {
        offHost.push(url);
        void request.abort('blockedbyclient');
      } else {
        void request.continue();
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await app?.stop();
  });

  /** A wait that fails with what it waited for and the requests that tried to leave the host. */
  async function waitFor(what: string, wait: () => Promise<unknown>) {
    try {
      await wait();
    } catch (error) {
      throw new Error(`${what}: ${(error as Error).message}; requests off 127.0.0.1: ${offHost.join(', ') || 'none'}`);
    }
  }

  it('shows the Docs, runs the default query, and asks nothing of any other host', async () => {
    const response = await page.goto(`${base}/graphql`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);

    // The editor: GraphiQL has rendered and holds the default query.
    await waitFor('the query editor', () => page.waitForSelector('.graphiql-query-editor .monaco-editor', { timeout: 60_000 }));
    await waitFor('the default query', () =>
      page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('NewestOrders'), { timeout: 60_000 }),
    );

    // The Docs panel, from the schema GraphiQL introspected: "All Schema Types" has Order.
    await page.click('[aria-label="Show Documentation Explorer"]');
    await waitFor('Order in the Docs panel', () =>
      page.waitForFunction(
        () => [...document.querySelectorAll('.graphiql-doc-explorer .graphiql-doc-explorer-type-name')].some((e) => e.textContent === 'Order'),
        { timeout: 60_000 },
      ),
    );
    const docs = await page.$eval('.graphiql-doc-explorer', (e) => e.textContent ?? '');
    expect(docs).not.toMatch(/Error fetching schema/);

    // The play button; the result pane shows the demo shop's orders.
    await page.click('.graphiql-execute-button');
    await waitFor('the result pane', () =>
      page.waitForFunction(() => /"totalCount":\s*\d+/.test(document.querySelector('.graphiql-response')?.textContent ?? ''), { timeout: 60_000 }),
    );
    const result = (await page.$eval('.graphiql-response', (e) => e.textContent ?? '')).replace(/\s+/g, ' ');
    expect(result).toContain('"data"');
    expect(result).not.toContain('"errors"');
    expect(result).toMatch(new RegExp(`"totalCount": ${DEMO_ORDERS}\\b`));

    const folder = process.env.SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'ordergraph-explorer-'));
    mkdirSync(folder, { recursive: true });
    const screenshot = join(folder, 'graphiql.png');
    await page.screenshot({ path: screenshot as `${string}.png`, fullPage: true });
    console.log(`explorer screenshot: ${screenshot}`);

    expect(requested.some((url) => url.includes('/graphql/explorer/graphiql.'))).toBe(true);
    expect(offHost).toEqual([]);
  });
});
