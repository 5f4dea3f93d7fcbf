// API keys: "og_" + 40 random base62 characters. Only the sha256 is stored; the
// first characters are kept as a prefix so people can tell keys apart.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import type { Role } from '../db/generated/prisma/enums.js';
import { tenantNeutral } from '../db/tenant-scope.js';
import type { EventBus } from '../events/topics.js';
import type { Logger } from '../logger.js';
import { checkKeyBinding } from './key-scope.js';
import type { KeyScope, Viewer } from './viewer.js';

const KEY_PATTERN = /^og_[A-Za-z0-9_-]{20,100}$/;
// lastUsedAt is informational: refresh it at most this often per key, not on every request.
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(): string {
  return `og_${randomBytes(30).toString('base64url')}`;
}

export interface CreatedApiKey {
  id: number;
  key: string;
  prefix: string;
}

/** A key's first characters, stored in clear so people (and the request log) can tell keys apart. */
export const KEY_PREFIX_LENGTH = 10;

export async function createApiKey(
  prisma: Db,
  input: { tenantId: number; name: string; role: Role; expiresAt?: Date | null; key?: string; channel?: string | null; warehouseIds?: readonly number[] | null; trustedDocumentsOnly?: boolean },
): Promise<CreatedApiKey> {
  const binding = checkKeyBinding(input.role, { channel: input.channel, warehouseIds: input.warehouseIds });
  const key = input.key ?? generateApiKey();
  const prefix = key.slice(0, KEY_PREFIX_LENGTH);
  const row = await prisma.apiKey.create({
    data: {
      tenantId: input.tenantId,
      name: input.name,
      role: input.role,
      prefix,
      hash: hashApiKey(key),
      expiresAt: input.expiresAt ?? null,
      channel: binding.channel ?? null,
      warehouseIds: [...(binding.warehouseIds ?? [])],
      trustedDocumentsOnly: input.trustedDocumentsOnly ?? false,
    },
  });
  return { id: row.id, key, prefix };
}

/** Reads "Bearer <key>" from an Authorization header value. */
export function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export type AuthFailure = 'MISSING' | 'MALFORMED' | 'INVALID' | 'EXPIRED' | 'REVOKED' | 'UNBOUND';

/** What the client is told; deliberately the same for unknown and mistyped keys. */
export const AUTH_FAILURE_MESSAGES: Record<AuthFailure, string> = {
  MISSING: 'Missing API key: send "Authorization: Bearer <key>"',
  MALFORMED: 'Malformed Authorization header: expected "Bearer <key>"',
  // Revoked, expired and unknown keys are told apart in the log, never to the caller: whoever holds a leaked key learns nothing about it.
  INVALID: 'Invalid API key',
  EXPIRED: 'Invalid API key',
  REVOKED: 'Invalid API key',
  UNBOUND: 'This PARTNER key is bound to no sales channel: the owner must replace it with a key bound to one (apiKeyCreate with channel)',
};

interface CachedKey {
  id: number;
  tenantId: number;
  tenantSlug: string;
  role: Role;
  name: string;
  expiresAt: Date | null;
  channel: string | null;
  warehouseIds: number[] | null;
  trustedDocumentsOnly: boolean;
  /** Epoch ms after which the row is read again. */
  until: number;
}

// Only keys that authenticated successfully are cached, so this bounds memory only
// against a very large number of live keys.
const MAX_CACHED_KEYS = 10_000;

export interface ApiKeyAuthenticatorOptions {
  /**
   * How long a successful lookup is reused (0 = read the key on every request). A key
   * revoked elsewhere (the CLI, another instance) keeps working here for up to this long
   * unless forget() is called; expiry is checked on every request regardless.
   */
  cacheMs?: number;
  /** The client for one tenant's writes (lastUsedAt); under row-level security the base client sees no tenant. */
  forTenant?: (tenantId: number) => Db;
}

interface KeyRow {
  id: number;
  tenantId: number;
  tenantSlug: string;
  role: Role;
  name: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  channel: string | null;
  warehouseIds: number[] | null;
  trustedDocumentsOnly: boolean;
}

export class ApiKeyAuthenticator {
  private readonly lastTouched = new Map<number, number>();
  /** By key hash: the raw key is never kept. */
  private readonly cache = new Map<string, CachedKey>();
  private readonly cacheMs: number;
  private readonly forTenant: (tenantId: number) => Db;

  constructor(
    private readonly prisma: Db,
    options: ApiKeyAuthenticatorOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 0;
    this.forTenant = options.forTenant ?? (() => prisma);
  }

  /** Checks the value of an Authorization header ("Bearer <key>"). */
  authenticateHeader(header: string | null | undefined, now = new Date()): Promise<Viewer | AuthFailure> {
    if (!header?.trim()) return Promise.resolve('MISSING');
    const key = bearerToken(header);
    if (!key) return Promise.resolve('MALFORMED');
    return this.authenticate(key, now);
  }

  async authenticate(key: string | undefined, now = new Date()): Promise<Viewer | AuthFailure> {
    if (!key) return 'MISSING';
    if (!KEY_PATTERN.test(key)) return 'INVALID';
    const hash = hashApiKey(key);
    let row: Omit<CachedKey, 'until'> | undefined = this.cached(hash, now);
    if (!row) {
      const found = await this.lookup(hash);
      if (!found) return 'INVALID';
      if (found.revokedAt) return 'REVOKED';
      row = found;
      if (this.cacheMs > 0 && !(found.expiresAt && found.expiresAt <= now)) this.remember(hash, found, now);
    }
    if (row.expiresAt && row.expiresAt <= now) {
      this.cache.delete(hash);
      return 'EXPIRED';
    }
    // Keys made before bindings existed: a partner's key read the whole tenant (refused, fail closed).
    if (row.role === 'PARTNER' && !row.channel) return 'UNBOUND';
    this.touch(row.id, row.tenantId, now);
    const scope = keyScopeOf(row);
    return {
      tenantId: row.tenantId,
      tenantSlug: row.tenantSlug,
      role: row.role,
      apiKeyId: row.id,
      actor: `key:${row.name}`,
      ...(scope ? { scope } : {}),
      ...(row.trustedDocumentsOnly ? { trustedDocumentsOnly: true } : {}),
    };
  }

  /** Drops a key from the cache (call it when revoking or changing a key in this process). */
  forget(apiKeyId: number): void {
    for (const [hash, entry] of this.cache) if (entry.id === apiKeyId) this.cache.delete(hash);
  }

  /** Drops every cached key. */
  forgetAll(): void {
    this.cache.clear();
  }

  /**
   * Forgets every key revoked on any instance as soon as the bus says so; the
   * returned function stops listening.
   */
  followRevocations(events: EventBus, log: Pick<Logger, 'error'>): () => Promise<void> {
    const revocations = events.subscribe('apiKeyRevoked');
    void (async () => {
      for await (const revoked of revocations) this.forget(revoked.apiKeyId);
    })().catch((error) => log.error({ err: error }, 'API key revocations: listener stopped'));
    return async () => {
      await revocations.return?.();
    };
  }

  /**
   * The key's row, before its tenant is known: through the SECURITY DEFINER function
   * of the row-level-security migration, the one way past the ApiKey table's tenant
   * policy. It reads no tenant's rows, so the connection keeps its tenant (no reset).
   */
  private async lookup(hash: string): Promise<KeyRow | undefined> {
    // Aliased "ApiKey" like Prisma's own query was: SQL counts leave key lookups out by that name.
    const rows = await tenantNeutral(
      () => this.prisma.$queryRaw<KeyRow[]>`SELECT * FROM api_key_by_hash(${hash}) AS "ApiKey"`,
    );
    return rows[0];
  }

  private cached(hash: string, now: Date): CachedKey | undefined {
    const entry = this.cache.get(hash);
    if (entry && entry.until > now.getTime()) return entry;
    if (entry) this.cache.delete(hash);
    return undefined;
  }

  private remember(hash: string, row: Omit<CachedKey, 'until'>, now: Date) {
    if (this.cache.size >= MAX_CACHED_KEYS) this.cache.delete(this.cache.keys().next().value!);
    const { id, tenantId, tenantSlug, role, name, expiresAt, channel, warehouseIds, trustedDocumentsOnly } = row;
    this.cache.set(hash, { id, tenantId, tenantSlug, role, name, expiresAt, channel, warehouseIds, trustedDocumentsOnly, until: now.getTime() + this.cacheMs });
  }

  private touch(id: number, tenantId: number, now: Date) {
    const last = this.lastTouched.get(id) ?? 0;
    if (now.getTime() - last < LAST_USED_RESOLUTION_MS) return;
    this.lastTouched.set(id, now.getTime());
    // Fire and forget: a failed timestamp update must not fail the request.
    this.forTenant(tenantId).apiKey.update({ where: { id }, data: { lastUsedAt: now } }).catch(() => {});
  }
}

function keyScopeOf(row: { channel: string | null; warehouseIds: number[] | null }): KeyScope | undefined {
  const scope: KeyScope = {};
  if (row.channel) scope.channel = row.channel;
  if (row.warehouseIds?.length) scope.warehouseIds = [...row.warehouseIds];
  return Object.keys(scope).length ? scope : undefined;
}
