// The webhook sender's transport: one HTTP POST, with the destination checked again
// (a name may resolve to a private address since the endpoint was saved), a time
// limit, no redirects followed, and the first part of the answer kept for the log.
//
// node:http with keep-alive agents rather than fetch: at thousands of requests a second
// fetch's web streams, abort signals and header objects cost about twice the CPU per
// request (npm run bench:webhooks), and the sender needs none of them.
import http from 'node:http';
import https from 'node:https';
import { destinationProblem, type AddressRules } from '../webhooks/endpoint-address.js';
import type { WebhookPost, WebhookPostResult } from '../webhooks/relay.js';

const RESPONSE_EXCERPT = 500;
/** Bytes of the answer kept to cut the excerpt from (a UTF-8 character is at most 4). */
const EXCERPT_BYTES = RESPONSE_EXCERPT * 4;

export function webhookClient(rules: AddressRules): WebhookPost {
  // One pool of kept-alive connections per client; the relay bounds the requests per endpoint.
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  return async ({ url, body, headers, timeoutMs }): Promise<WebhookPostResult> => {
    const problem = await destinationProblem(url, rules);
    if (problem) return { status: null, excerpt: null, error: `destination refused: ${problem}` };
    return post(new URL(url), body, headers, timeoutMs, agents);
  };
}

function post(
  target: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  agents: { http: http.Agent; https: http.Agent },
): Promise<WebhookPostResult> {
  return new Promise((resolve) => {
    const secure = target.protocol === 'https:';
    let settled = false;
    const finish = (result: WebhookPostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = (secure ? https : http).request(target, {
      method: 'POST',
      agent: secure ? agents.https : agents.http,
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
    });
    // The whole exchange, connection to the answer's last byte, within the time limit.
    const timer = setTimeout(() => {
      finish({ status: null, excerpt: null, error: `no answer within ${timeoutMs} ms` });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => finish({ status: null, excerpt: null, error: error.code ? `request failed: ${error.code}` : error.message }));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const kept: Buffer[] = [];
      let keptBytes = 0;
      response.on('data', (chunk: Buffer) => {
        // The rest is read and dropped, so the connection can carry the next request.
        if (keptBytes < EXCERPT_BYTES) kept.push(chunk), (keptBytes += chunk.length);
      });
      response.on('error', (error: NodeJS.ErrnoException) => finish({ status, excerpt: null, error: error.code ? `answer broken off: ${error.code}` : error.message }));
      response.on('end', () => {
        const excerpt = Buffer.concat(kept).subarray(0, EXCERPT_BYTES).toString('utf8').slice(0, RESPONSE_EXCERPT) || null;
        finish({ status, excerpt, error: status >= 200 && status < 300 ? null : `answered HTTP ${status}` });
      });
    });
    request.end(body);
  });
}
