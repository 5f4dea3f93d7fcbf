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

export type AuthFailure = 'MISSING' | 'INVALID' | 'EXPIRED' | 'REVOKED';

export class ApiKeyAuthenticator {
  private readonly lastTouched = new Map<number, number>();

  constructor(private readonly prisma: Db) {}

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
