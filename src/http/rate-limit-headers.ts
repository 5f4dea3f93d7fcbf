// The key's cost bucket in the IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers),
// beside extensions.cost: one policy, "cost", of `q` points that refill completely in
// `w` seconds; `r` points remain after this request and the bucket is full again in
// `t` seconds. Only when rate limiting is on (RATE_LIMIT_RESTORE_RATE > 0).
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';
import { gatheredFacts } from './request-facts.js';

export const RATE_LIMIT_POLICY = 'cost';

export function rateLimitHeadersPlugin(): Plugin<Context> {
  return {
    onResponse({ request, response }) {
      const bucket = gatheredFacts(request)?.cost?.bucket;
      if (!bucket) return;
      const available = Math.max(0, bucket.available);
      response.headers.set('ratelimit-policy', `"${RATE_LIMIT_POLICY}";q=${bucket.capacity};w=${Math.ceil(bucket.capacity / bucket.restoreRate)}`);
      response.headers.set('ratelimit', `"${RATE_LIMIT_POLICY}";r=${available};t=${Math.ceil((bucket.capacity - available) / bucket.restoreRate)}`);
    },
  };
}
