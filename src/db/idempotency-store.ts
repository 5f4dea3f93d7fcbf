// Idempotency keys of write requests, per tenant: the first request with a key
// claims it (a row IN_PROGRESS), runs, and stores its response (DONE) for a day;
// a retry with the key and the same request gets that response again, with another
// request a conflict. Concurrent duplicates wait for the one that claimed the key.
// The unique index (tenantId, key) decides who claims it, on PGlite and PostgreSQL.
import type { Db } from './client.js';

/** How long a finished request's response is answered again. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600_000;
/** A claim not finished by then (the server stopped mid-request) is abandoned: the next request with the key runs. */
export const IDEMPOTENCY_CLAIM_TTL_MS = 5 * 60_000;
/** Expired keys of a tenant are deleted at most this often, by the request that claims a key. */
const PRUNE_EVERY_MS = 10 * 60_000;

export type IdempotencyBegin =
  /** This request holds the key: run it, then finish() or release(). */
  | { outcome: 'claimed' }
  /** An earlier request with the key and the same input finished: answer its response. */
  | { outcome: 'replay'; response: unknown }
  /** The key was used with another input. */
  | { outcome: 'conflict' }
  /** A request with the key and the same input is still running after the wait. */
  | { outcome: 'in-progress' };

export interface IdempotencyStoreOptions {
  /** How long a duplicate waits for the request holding the key before answering in-progress. */
  waitMs?: number;
  /** How often a waiting duplicate looks again. */
  pollMs?: number;
  now?: () => number;
}

export interface IdempotencyStore {
  begin(db: Db, tenantId: number, key: string, requestHash: string): Promise<IdempotencyBegin>;
  /** Stores the response of the request holding the key; answered to retries for a day. */
  finish(db: Db, tenantId: number, key: string, response: unknown): Promise<void>;
  /** Gives the key up without a response (the request failed): a retry runs afresh. */
  release(db: Db, tenantId: number, key: string): Promise<void>;
  /** Deletes the tenant's expired keys. */
  prune(db: Db, tenantId: number): Promise<number>;
}

export function createIdempotencyStore(options: IdempotencyStoreOptions = {}): IdempotencyStore {
  const waitMs = options.waitMs ?? 10_000;
  const pollMs = options.pollMs ?? 25;
  const now = options.now ?? Date.now;
  const lastPruned = new Map<number, number>();

  /** True when this request inserted the key (ON CONFLICT DO NOTHING: a held key is no error in the server's log). */
  async function claim(db: Db, tenantId: number, key: string, requestHash: string): Promise<boolean> {
    const { count } = await db.idempotencyKey.createMany({
      data: [{ tenantId, key, requestHash, status: 'IN_PROGRESS', expiresAt: new Date(now() + IDEMPOTENCY_CLAIM_TTL_MS) }],
      skipDuplicates: true,
    });
    return count === 1;
  }

  const store: IdempotencyStore = {
    async begin(db, tenantId, key, requestHash) {
      const deadline = now() + waitMs;
      for (;;) {
        if (await claim(db, tenantId, key, requestHash)) {
          if (now() - (lastPruned.get(tenantId) ?? 0) > PRUNE_EVERY_MS) {
            lastPruned.set(tenantId, now());
            await store.prune(db, tenantId);
          }
          return { outcome: 'claimed' };
        }
        const held = await db.idempotencyKey.findUnique({
          where: { tenantId_key: { tenantId, key } },
          select: { id: true, requestHash: true, status: true, response: true, expiresAt: true },
        });
        // Released in the meantime: try to claim it again.
        if (!held) continue;
        if (held.expiresAt.getTime() <= now()) {
          // A day-old response or an abandoned claim: the key is free again.
          await db.idempotencyKey.deleteMany({ where: { id: held.id, expiresAt: { lte: new Date(now()) } } });
          continue;
        }
        if (held.requestHash !== requestHash) return { outcome: 'conflict' };
        if (held.status === 'DONE') return { outcome: 'replay', response: typeof held.response === 'string' ? JSON.parse(held.response) : held.response };
        if (now() >= deadline) return { outcome: 'in-progress' };
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },

    async finish(db, tenantId, key, response) {
      await db.idempotencyKey.updateMany({
        where: { tenantId, key, status: 'IN_PROGRESS' },
        // As JSON text in the column: jsonb reorders an object's keys, and a replay must answer
        // the fields in the order the document asked for them, as the first response did.
        data: { status: 'DONE', response: JSON.stringify(response), expiresAt: new Date(now() + IDEMPOTENCY_KEY_TTL_MS) },
      });
    },

    async release(db, tenantId, key) {
      await db.idempotencyKey.deleteMany({ where: { tenantId, key, status: 'IN_PROGRESS' } });
    },

    async prune(db, tenantId) {
      const { count } = await db.idempotencyKey.deleteMany({ where: { tenantId, expiresAt: { lte: new Date(now()) } } });
      return count;
    },
  };
  return store;
}
