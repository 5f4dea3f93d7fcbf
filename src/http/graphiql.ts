// The explorer (GraphiQL) served by the server itself: no request leaves the host, so
// it works on air-gapped networks and under a strict CSP. Yoga's default page loads
// GraphiQL from a public CDN; @graphql-yoga/render-graphiql carries the same build
// (about 9 MB of JavaScript and CSS). Its own page inlines all of it into every HTML
// answer; here the page is small and the code is two static files under
// EXPLORER_PATH, named by their content hash, cached by browsers for good and
// gzipped once. The bundle is loaded on the first explorer request only: production
// (no GraphiQL) and the start-up never read it.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';

export const EXPLORER_PATH = '/graphql/explorer/';

interface Asset {
  name: string;
  type: string;
  body: Buffer;
  gzipped: Buffer;
}

interface Assets {
  script: Asset;
  style: Asset;
  favicon: string;
}

let assets: Promise<Assets> | undefined;

async function asset(base: string, extension: string, type: string, text: string): Promise<Asset> {
  const body = Buffer.from(text);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { name: `${base}.${hash}.${extension}`, type, body, gzipped: await promisify(gzip)(body) };
}

function loadAssets(): Promise<Assets> {
  assets ??= (async () => {
    const bundle = await import('@graphql-yoga/render-graphiql/graphiql');
    // GraphiQL's editor runs its language services in web workers, made from blobs (no extra requests).
    const script = `(function () {
  function workerUrl(source) { return URL.createObjectURL(new Blob([source], { type: 'application/javascript' })); }
  var workers = {
    editorWorkerService: workerUrl(${JSON.stringify(bundle.editorWorkerService)}),
    json: workerUrl(${JSON.stringify(bundle.jsonWorker)}),
    graphql: workerUrl(${JSON.stringify(bundle.graphqlWorker)})
  };
  self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: function (moduleId, label) { return workers[label]; } };
})();
${bundle.js};
`;
    const [scriptAsset, styleAsset] = await Promise.all([asset('graphiql', 'js', 'text/javascript; charset=utf-8', script), asset('graphiql', 'css', 'text/css; charset=utf-8', bundle.css)]);
    return { script: scriptAsset, style: styleAsset, favicon: bundle.favicon };
  })();
  assets.catch(() => {
    assets = undefined;
  });
  return assets;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// JSON inside <script>: "</script>" or "<!--" in a string must not end the script.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** Yoga's `renderGraphiQL`: the page, referring to the bundled code by its hashed names. */
export async function renderExplorer(options: GraphiQLOptions): Promise<string> {
  const { script, style, favicon } = await loadAssets();
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title ?? 'GraphiQL')}</title>
    <link rel="icon" href="${favicon}" />
    <link rel="stylesheet" href="${EXPLORER_PATH}${style.name}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script src="${EXPLORER_PATH}${script.name}"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${scriptJson(options)});
    </script>
  </body>
</html>
`;
}

/** Serves the explorer's code at EXPLORER_PATH (no key needed: it is the public GraphiQL build); off in production. */
export function explorerAssetsPlugin(options: { enabled: boolean }): Plugin<Context> {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(EXPLORER_PATH)) return;
      const name = url.pathname.slice(EXPLORER_PATH.length);
      const loaded = options.enabled && (request.method === 'GET' || request.method === 'HEAD') ? await loadAssets() : undefined;
      const found = loaded && [loaded.script, loaded.style].find((a) => a.name === name);
      if (!found) {
        endResponse(new fetchAPI.Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
        return;
      }
      const gzipped = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
      const body = gzipped ? found.gzipped : found.body;
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
          status: 200,
          headers: {
            'content-type': found.type,
            'content-length': String(body.length),
            // The name changes with the content: a browser never needs to ask again.
            'cache-control': 'public, max-age=31536000, immutable',
            vary: 'accept-encoding',
            ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
          },
        }),
      );
    },
  };
}
