// API keys: "og_" + 40 random base62 characters. Only the sha256 is stored; the
// first characters are kept as a prefix so people can tell keys apart.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import type { Role } from '../db/generated/prisma/enums.js';
import type { Viewer } from '../graphql/context.js';

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

export async function createApiKey(
  prisma: Db,
  input: { tenantId: number; name: string; role: Role; expiresAt?: Date | null; key?: string },
): Promise<CreatedApiKey> {
  const key = input.key ?? generateApiKey();
  const prefix = key.slice(0, 10);
  const row = await prisma.apiKey.create({
    data: { tenantId: input.tenantId, name: input.name, role: input.role, prefix, hash: hashApiKey(key), expiresAt: input.expiresAt ?? null },
  });
  return { id: row.id, key, prefix };
}

/** Reads "Bearer <key>" from an Authorization header value. */
export function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export type AuthFailure = 'MISSING' | 'MALFORMED' | 'INVALID' | 'EXPIRED' | 'REVOKED';

/** What the client is told; deliberately the same for unknown and mistyped keys. */
export const AUTH_FAILURE_MESSAGES: Record<AuthFailure, string> = {
  MISSING: 'Missing API key: send "Authorization: Bearer <key>"',
  MALFORMED: 'Malformed Authorization header: expected "Bearer <key>"',
  INVALID: 'Invalid API key',
  EXPIRED: 'API key has expired',
  REVOKED: 'API key has been revoked',
};

export class ApiKeyAuthenticator {
  private readonly lastTouched = new Map<number, number>();

  constructor(private readonly prisma: Db) {}

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
    const row = await this.prisma.apiKey.findUnique({
      where: { hash: hashApiKey(key) },
      select: { id: true, tenantId: true, role: true, name: true, expiresAt: true, revokedAt: true },
    });
    if (!row) return 'INVALID';
    if (row.revokedAt) return 'REVOKED';
    if (row.expiresAt && row.expiresAt <= now) return 'EXPIRED';
    this.touch(row.id, now);
    return { tenantId: row.tenantId, role: row.role, apiKeyId: row.id, actor: `key:${row.name}` };
  }

  private touch(id: number, now: Date) {
    const last = this.lastTouched.get(id) ?? 0;
    if (now.getTime() - last < LAST_USED_RESOLUTION_MS) return;
    this.lastTouched.set(id, now.getTime());
    // Fire and forget: a failed timestamp update must not fail the request.
    this.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: now } }).catch(() => {});
  }
}
