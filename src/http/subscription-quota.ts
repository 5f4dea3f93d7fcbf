// What open subscriptions may hold, one count per instance for both transports:
// graphql-ws operations (websocket-server.ts) and Yoga's SSE subscriptions over
// plain HTTP (subscriptionQuotaPlugin below). A subscription is admitted when its
// selection costs no more than one request may (QUERY_MAX_COST), its key holds
// fewer than LIVE_MAX_SUBSCRIPTIONS_PER_KEY, and the live cost (the sum of the open
// subscriptions' costs) stays within LIVE_MAX_COST_PER_KEY for the key and
// LIVE_MAX_COST_PER_TENANT for its tenant. Every event it delivers is then paid for
// out of the key's bucket (src/limits/live-cost.ts).
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';
import type { CostBucket } from '../limits/cost-bucket.js';
import { batchedCharge, chargedEvents, tooCostlyError, type Charge } from '../limits/live-cost.js';
import { cachedOperationCost } from '../limits/query-cost.js';

export interface LiveLimits {
  /** Open subscriptions per API key. */
  maxPerKey: number;
  /** Sum of the open subscriptions' costs per API key, and per tenant. */
  maxCostPerKey: number;
  maxCostPerTenant: number;
  /** Most one selection may cost (QUERY_MAX_COST, as for a query). */
  maxCost: number;
  /** The keys' buckets; undefined when rate limiting is off. */
  bucket?: CostBucket;
}

export interface Holder {
  apiKeyId: number;
  tenantId: number;
}

/** An admitted subscription: give its place back once, and wrap its results so each is paid for. */
export interface Admission {
  release(): void;
  charge(results: AsyncIterator<ExecutionResult>): AsyncIterator<ExecutionResult>;
  cost: number;
}

export class SubscriptionQuota {
  private readonly keys = new Map<number, { count: number; cost: number }>();
  private readonly tenants = new Map<number, number>();
  private readonly operationCost = cachedOperationCost();
  private readonly take: Charge | undefined;

  constructor(readonly limits: LiveLimits) {
    this.take = limits.bucket && batchedCharge(limits.bucket);
  }

  /**
   * Admits a subscription of `holder` with this selection, or says why not (a coded
   * GraphQLError): QUERY_TOO_COSTLY, LIMIT_EXCEEDED (count), LIVE_COST_EXCEEDED.
   */
  admit(
    holder: Holder,
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
  ): Admission | GraphQLError {
    const cost = this.operationCost(schema, document, operationName, variables);
    if (cost > this.limits.maxCost) return tooCostlyError(cost, this.limits.maxCost);
    const release = this.acquire(holder, cost);
    if (release instanceof GraphQLError) return release;
    const take = this.take;
    return {
      cost,
      release,
      charge: (results) => (take ? chargedEvents(results, { take, apiKeyId: holder.apiKeyId, cost }) : results),
    };
  }

  /** Takes one place of `cost` for the holder: the function that gives it back (once), or the refusal. */
  acquire(holder: Holder, cost: number): (() => void) | GraphQLError {
    const { maxPerKey, maxCostPerKey, maxCostPerTenant } = this.limits;
    const key = this.keys.get(holder.apiKeyId) ?? { count: 0, cost: 0 };
    const tenant = this.tenants.get(holder.tenantId) ?? 0;
    if (key.count >= maxPerKey) {
      return new GraphQLError(`At most ${maxPerKey} subscriptions per API key`, { extensions: { code: 'LIMIT_EXCEEDED' } });
    }
    if (key.cost + cost > maxCostPerKey || tenant + cost > maxCostPerTenant) {
      const [scope, held, maximum] = key.cost + cost > maxCostPerKey ? ['API key', key.cost, maxCostPerKey] : ['tenant', tenant, maxCostPerTenant];
      return new GraphQLError(
        `This subscription costs ${cost} points; the ${scope}'s open subscriptions hold ${held} of at most ${maximum}. Close a subscription or select fewer fields.`,
        { extensions: { code: 'LIVE_COST_EXCEEDED', liveCost: { requested: cost, held, maximum, scope: scope === 'tenant' ? 'TENANT' : 'API_KEY' } } },
      );
    }
    this.keys.set(holder.apiKeyId, { count: key.count + 1, cost: key.cost + cost });
    this.tenants.set(holder.tenantId, tenant + cost);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const k = this.keys.get(holder.apiKeyId);
      if (k && k.count > 1) this.keys.set(holder.apiKeyId, { count: k.count - 1, cost: k.cost - cost });
      else this.keys.delete(holder.apiKeyId);
      const t = (this.tenants.get(holder.tenantId) ?? cost) - cost;
      if (t > 0) this.tenants.set(holder.tenantId, t);
      else this.tenants.delete(holder.tenantId);
    };
  }

  /** Subscriptions the key holds now. */
  heldBy(apiKeyId: number): number {
    return this.keys.get(apiKeyId)?.count ?? 0;
  }

  /** Live cost the key, and the tenant, hold now. */
  liveCost(holder: Holder): { key: number; tenant: number } {
    return { key: this.keys.get(holder.apiKeyId)?.cost ?? 0, tenant: this.tenants.get(holder.tenantId) ?? 0 };
  }
}

/**
 * Admits SSE subscriptions. graphql-ws operations are admitted where the socket
 * accepts them (their context carries `liveViewer`), so they are skipped here. The
 * place is given back when the stream ends (client gone, or complete), or at once
 * when the subscription did not start a stream.
 */
export function subscriptionQuotaPlugin(quota: SubscriptionQuota): Plugin<Context & { liveViewer?: unknown }> {
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const context = args.contextValue;
      if (context.liveViewer || !context.viewer) return;
      const admission = quota.admit(
        context.viewer,
        args.schema,
        args.document,
        args.operationName,
        args.variableValues as Record<string, unknown> | null | undefined,
      );
      if (admission instanceof GraphQLError) {
        setResultAndStopExecution({ errors: [admission] });
        return;
      }
      return {
        onSubscribeResult({ result, setResult }) {
          if (!(Symbol.asyncIterator in result)) {
            admission.release();
            return;
          }
          setResult(admission.charge(result as AsyncGenerator<ExecutionResult>) as AsyncGenerator<ExecutionResult>);
          return { onEnd: admission.release };
        },
      };
    },
  };
}
