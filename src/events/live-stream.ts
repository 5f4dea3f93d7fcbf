// The source stream of a subscription field: events of one topic for the viewer's
// tenant, checked again on every event, narrowed by the field's filter. A plain
// iterator (not an async generator), so `return()` ends it at once even while it
// waits for the next event.
import type { Db } from '../db/client.js';
import { sharedRead } from './shared-read.js';
import type { EventBus, Topic, Topics } from './topics.js';

export interface LiveDeps {
  events: EventBus;
  viewer: { tenantId: number; scope?: { channel?: string; warehouseIds?: readonly number[] } };
  /** The viewer's client: for a key bound to a channel, it finds only that channel's orders. */
  prisma?: Db;
}

export type EventFilter<P> = (payload: P) => boolean | Promise<boolean>;

export function liveEvents<T extends Topic>(deps: LiveDeps, topic: T, matches?: EventFilter<Topics[T]>): AsyncIterableIterator<Topics[T]> {
  const tenantId = deps.viewer.tenantId;
  const inScope = scopeFilter(deps);
  return filterEvents(deps.events.subscribe(topic, tenantId), (payload) => {
    if (payload.tenantId !== tenantId) return false;
    if (!inScope) return !matches || matches(payload);
    const kept = inScope(payload as { orderId?: number; warehouseId?: number });
    const then = (yes: boolean) => yes && (!matches || matches(payload));
    return typeof kept === 'boolean' ? then(kept) : kept.then(then);
  });
}

/**
 * A bound key's events: those of orders its client finds (its channel's) and of its
 * warehouses. Checked before the field's own filter, so no re-read meets a hidden order.
 */
function scopeFilter(deps: LiveDeps): EventFilter<{ orderId?: number; warehouseId?: number }> | undefined {
  const { scope } = deps.viewer;
  if (!scope) return undefined;
  const { prisma } = deps;
  return (payload) => {
    if (scope.warehouseIds && typeof payload.warehouseId === 'number' && !scope.warehouseIds.includes(payload.warehouseId)) return false;
    if (scope.channel === undefined || typeof payload.orderId !== 'number') return true;
    if (!prisma) return false;
    const orderId = payload.orderId;
    return sharedRead(prisma, `order-in-scope:${orderId}`, () => prisma.order.findFirst({ where: { id: orderId }, select: { id: true } })).then((found) => found !== null);
  };
}

export function filterEvents<P>(source: AsyncIterator<P>, keep: EventFilter<P>): AsyncIterableIterator<P> {
  const iterator: AsyncIterableIterator<P> = {
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done) return result;
        const kept = keep(result.value);
        if (kept === true || (kept !== false && (await kept))) return result;
      }
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
