// The dashboard tiles live: per tenant, one watcher listens to order creations and
// status changes, re-counts orders per status at most once per coalescing window,
// and tells its subscribers only when a count changed. Each subscriber keeps only
// the latest counts, so a slow one never queues more than one message.
import type { Db } from '../db/client.js';
import type { EventBus } from '../events/topics.js';
import { readStatusCounts, type StatusCount } from './order-status-counts.js';

export type { StatusCount };

export interface StatusCounts {
  counts: StatusCount[];
  at: string;
}

interface Mailbox {
  latest?: StatusCounts;
  wake?: () => void;
}

interface Watch {
  mailboxes: Set<Mailbox>;
  last?: StatusCounts;
  lastKey?: string;
  timer?: NodeJS.Timeout;
  /** The bus was closed (shutdown): every subscriber ends. */
  ended?: boolean;
  stop(): void;
}

// By tenant and key binding: a key bound to a channel counts that channel's orders (its client is scoped), apart from the rest.
const watches = new WeakMap<EventBus, Map<string, Watch>>();

async function count(prisma: Db, tenantId: number): Promise<StatusCounts> {
  return { counts: await readStatusCounts(prisma, tenantId, null), at: new Date().toISOString() };
}

const keyOf = (counts: StatusCounts) => counts.counts.map((c) => c.count).join(',');

function startWatch(deps: { prisma: Db; events: EventBus }, tenantId: number, coalesceMs: number, onIdle: () => void): Watch {
  const sources = [deps.events.subscribe('orderStatusChanged', tenantId), deps.events.subscribe('orderCreated', tenantId)];
  let counting = false;
  let again = false;
  const watch: Watch = {
    mailboxes: new Set(),
    stop() {
      if (watch.timer) clearTimeout(watch.timer);
      for (const source of sources) void source.return?.();
      onIdle();
    },
  };
  const recount = async () => {
    watch.timer = undefined;
    if (counting) {
      again = true;
      return;
    }
    counting = true;
    try {
      const counts = await count(deps.prisma, tenantId);
      const key = keyOf(counts);
      if (key !== watch.lastKey) {
        watch.last = counts;
        watch.lastKey = key;
        for (const mailbox of watch.mailboxes) {
          mailbox.latest = counts;
          mailbox.wake?.();
        }
      }
    } catch {
      // The next event re-counts; a dashboard tile may lag, never break.
    } finally {
      counting = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    watch.timer ??= setTimeout(recount, coalesceMs);
  };
  for (const source of sources) {
    void (async () => {
      try {
        for (;;) {
          const result = await source.next();
          if (result.done) break;
          schedule();
        }
      } catch {
        // Only a slow consumer error ends a source, and this one never queues.
      }
      watch.ended = true;
      for (const mailbox of watch.mailboxes) mailbox.wake?.();
    })();
  }
  return watch;
}

/** Current counts first, then every change, coalesced. */
export function statusCountChanges(
  deps: { prisma: Db; events: EventBus; viewer: { tenantId: number; scope?: { channel?: string } } },
  coalesceMs: number,
): AsyncIterableIterator<StatusCounts> {
  const tenantId = deps.viewer.tenantId;
  const watchKey = `${tenantId}|${deps.viewer.scope?.channel ?? ''}`;
  let byTenant = watches.get(deps.events);
  if (!byTenant) watches.set(deps.events, (byTenant = new Map()));
  let watch = byTenant.get(watchKey);
  if (!watch) {
    const tenants = byTenant;
    watch = startWatch(deps, tenantId, coalesceMs, () => tenants.delete(watchKey));
    tenants.set(watchKey, watch);
  }
  const shared = watch;
  const mailbox: Mailbox = {};
  shared.mailboxes.add(mailbox);
  let first = true;
  let closed = false;

  const iterator: AsyncIterableIterator<StatusCounts> = {
    async next() {
      if (first) {
        first = false;
        const initial = shared.last ?? (await count(deps.prisma, tenantId));
        if (!shared.last) {
          shared.last = initial;
          shared.lastKey = keyOf(initial);
        }
        if (mailbox.latest === initial) mailbox.latest = undefined;
        if (!closed) return { value: initial, done: false };
      }
      while (!closed && !shared.ended && !mailbox.latest) await new Promise<void>((resolve) => (mailbox.wake = resolve));
      mailbox.wake = undefined;
      if (closed || (shared.ended && !mailbox.latest)) return { value: undefined, done: true };
      const value = mailbox.latest!;
      mailbox.latest = undefined;
      return { value, done: false };
    },
    async return() {
      if (!closed) {
        closed = true;
        shared.mailboxes.delete(mailbox);
        mailbox.wake?.();
        if (!shared.mailboxes.size) shared.stop();
      }
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      await iterator.return!();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
