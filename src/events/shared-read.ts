// One event reaches many subscribers who often select the same fields: their
// re-reads of the changed object are shared, so N dashboards cost one statement
// per event and selection, not N. Entries are keyed by the event, so a later event
// always reads fresh rows; they are kept a moment after they settle for
// subscribers that resolve a little later, then dropped.
const KEEP_MS = 2_000;

const caches = new WeakMap<object, Map<string, Promise<unknown>>>();

/** `owner` scopes the cache (the Prisma client: two databases never share entries). */
export function sharedRead<T>(owner: object, key: string, read: () => Promise<T>): Promise<T> {
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  const hit = cache.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const promise = read();
  cache.set(key, promise);
  const forget = () => {
    setTimeout(() => cache.delete(key), KEEP_MS).unref();
  };
  promise.then(forget, () => cache.delete(key));
  return promise;
}

/** A stable key for a Prisma query shape built from a GraphQL selection. */
export function selectionKey(query: unknown): string {
  return JSON.stringify(query);
}
