// The webhook sender's transport: one HTTP POST, with the destination checked again
// (a name may resolve to a private address since the endpoint was saved), a time
// limit, no redirects followed, and the first part of the answer kept for the log.
import { destinationProblem, type AddressRules } from '../webhooks/endpoint-address.js';
import type { WebhookPost, WebhookPostResult } from '../webhooks/relay.js';

const RESPONSE_EXCERPT = 500;

export function webhookClient(rules: AddressRules): WebhookPost {
  return async ({ url, body, headers, timeoutMs }): Promise<WebhookPostResult> => {
    const problem = await destinationProblem(url, rules);
    if (problem) return { status: null, excerpt: null, error: `destination refused: ${problem}` };
    try {
      const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      const excerpt = (await response.text().catch(() => '')).slice(0, RESPONSE_EXCERPT) || null;
      return { status: response.status, excerpt, error: response.status >= 200 && response.status < 300 ? null : `answered HTTP ${response.status}` };
    } catch (caught) {
      const error = caught instanceof Error ? (caught.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : causeOf(caught)) : String(caught);
      return { status: null, excerpt: null, error };
    }
  };
}

/** fetch says "fetch failed"; the reason (ECONNREFUSED, ...) is in its cause. */
function causeOf(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ? `${error.message}: ${cause.code}` : cause?.message ? `${error.message}: ${cause.message}` : error.message;
}
