// The cap on open subscriptions per API key (LIVE_MAX_SUBSCRIPTIONS_PER_KEY), one count
// per instance for both transports: graphql-ws operations (websocket-server.ts) and
// Yoga's SSE subscriptions over plain HTTP (subscriptionQuotaPlugin below).
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';

export class SubscriptionQuota {
  private readonly held = new Map<number, number>();

  constructor(readonly maxPerKey: number) {}

  /** Takes one place for the key: the function that gives it back (once), or undefined when the key is at its cap. */
  acquire(apiKeyId: number): (() => void) | undefined {
    const held = this.held.get(apiKeyId) ?? 0;
    if (held >= this.maxPerKey) return undefined;
    this.held.set(apiKeyId, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.held.get(apiKeyId) ?? 1) - 1;
      if (n > 0) this.held.set(apiKeyId, n);
      else this.held.delete(apiKeyId);
    };
  }

  /** Subscriptions the key holds now. */
  heldBy(apiKeyId: number): number {
    return this.held.get(apiKeyId) ?? 0;
  }

  error(): GraphQLError {
    return new GraphQLError(`At most ${this.maxPerKey} subscriptions per API key`, { extensions: { code: 'LIMIT_EXCEEDED' } });
  }
}

/**
 * Counts SSE subscriptions against the key's cap. graphql-ws operations are counted
 * where the socket accepts them (their context carries `liveViewer`), so they are
 * skipped here. The place is given back when the stream ends (client gone, or
 * complete), or at once when the subscription did not start a stream.
 */
export function subscriptionQuotaPlugin(quota: SubscriptionQuota): Plugin<Context & { liveViewer?: unknown }> {
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const context = args.contextValue;
      if (context.liveViewer || !context.viewer) return;
      const release = quota.acquire(context.viewer.apiKeyId);
      if (!release) {
        setResultAndStopExecution({ errors: [quota.error()] });
        return;
      }
      return {
        onSubscribeResult({ result }) {
          if (!(Symbol.asyncIterator in result)) {
            release();
            return;
          }
          return { onEnd: release };
        },
      };
    },
  };
}
