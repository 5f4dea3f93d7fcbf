// npm run apikey -- <command>: manage tenants' API keys in DATABASE_URL (or the embedded database).
// Keys are printed once, at creation; only their sha256 and a short prefix are stored.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runCli, UsageError } from './cli.js';
import type { Db } from '../src/db/client.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { KeyBindingRequiredError } from '../src/auth/errors.js';
import { checkKeyBinding, InvalidBindingError } from '../src/auth/key-scope.js';
import { Role } from '../src/db/generated/prisma/enums.js';

/** Re-exported for the CLI's tests. */
export { UsageError };

export const USAGE = `Usage: npm run apikey -- <command> [options]

  create-tenant --slug SLUG --name "Display name" [--currency IDR]
      Creates a tenant (a shop or organisation).
  create --tenant SLUG --role ROLE [--name LABEL] [--expires YYYY-MM-DD] [--channel CODE] [--warehouses ID,ID] [--trusted-only]
      Creates a key and prints it once. Roles: ${Object.values(Role).join(', ')}.
      --channel binds it to one sales channel (Order.channel, e.g. shopee): it reads and
      creates only that channel's orders; PARTNER keys must have one. --warehouses binds a
      WAREHOUSE key to those warehouses' stock (database ids). --trusted-only: the key runs
      only trusted documents (by documentId, pushed with npm run documents:push).
  list --tenant SLUG
      Lists the tenant's keys: prefix, name, role, binding, expiry, last use, revocation.
  revoke --prefix PREFIX [--tenant SLUG]
      Revokes the key with this prefix (as shown by list).

The database is DATABASE_URL, or the embedded one in DATA_DIR (default ./data);
stop the server first when it uses the embedded database (one process at a time).`;

/** A mistake of the person at the keyboard: printed without a stack trace. */

const OPTIONS = {
  slug: { type: 'string' },
  name: { type: 'string' },
  currency: { type: 'string' },
  tenant: { type: 'string' },
  role: { type: 'string' },
  expires: { type: 'string' },
  prefix: { type: 'string' },
  channel: { type: 'string' },
  warehouses: { type: 'string' },
  'trusted-only': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value.trim()) throw new UsageError(`--${name} is required`);
  return value.trim();
}

function parseRole(raw: string): Role {
  const role = raw.toUpperCase();
  if (!Object.hasOwn(Role, role)) throw new UsageError(`--role must be one of ${Object.values(Role).join(', ')}, got "${raw}"`);
  return role as Role;
}

function parseExpiry(raw: string | undefined, now: Date): Date | null {
  if (!raw) return null;
  // A bare date means the start of that day in UTC, so "--expires 2027-01-01" is unambiguous.
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--expires must be a date such as 2027-01-01, got "${raw}"`);
  if (date <= now) throw new UsageError(`--expires must be in the future, got ${date.toISOString()}`);
  return date;
}

async function parseWarehouses(prisma: Db, tenantId: number, raw: string | undefined): Promise<number[] | undefined> {
  if (raw === undefined) return undefined;
  const ids = raw.split(',').map((part) => part.trim());
  if (!ids.length || ids.some((id) => !/^\d{1,9}$/.test(id))) throw new UsageError(`--warehouses must be warehouse ids separated by commas, got "${raw}"`);
  const numbers = [...new Set(ids.map(Number))];
  const found = await prisma.warehouse.count({ where: { tenantId, id: { in: numbers } } });
  if (found !== numbers.length) throw new UsageError(`--warehouses names a warehouse the tenant does not have: ${raw}`);
  return numbers;
}

async function tenantBySlug(prisma: Db, slug: string) {
  const tenant = await prisma.tenant.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  if (!tenant) {
    throw new UsageError(
      `Tenant "${slug}" does not exist. Create it first:\n  npm run apikey -- create-tenant --slug ${slug} --name "Display name"`,
    );
  }
  return tenant;
}

/** A key's binding as the list shows it: "channel shopee", "warehouses 3,4", or "-" for the whole tenant. */
const boundTo = (key: { channel: string | null; warehouseIds: number[] }) =>
  [key.channel ? `channel ${key.channel}` : '', key.warehouseIds.length ? `warehouses ${key.warehouseIds.join(',')}` : ''].filter(Boolean).join(', ') || '-';

const day = (date: Date | null) => (date ? date.toISOString().replace('T', ' ').slice(0, 16) : '-');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** Runs one command; returns what to print. Throws UsageError for mistakes. */
export async function runApiKeyCommand(prisma: Db, argv: string[], now = new Date()): Promise<string> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (values.help || !command) return USAGE;
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);

  switch (command) {
    case 'create-tenant': {
      const slug = required(values, 'slug');
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) {
        throw new UsageError(`--slug must be lowercase letters, digits and dashes, got "${slug}"`);
      }
      const currency = (values.currency ?? 'IDR').toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency)) throw new UsageError(`--currency must be an ISO 4217 code such as IDR, got "${currency}"`);
      const existing = await prisma.tenant.findUnique({ where: { slug }, select: { id: true } });
      if (existing) throw new UsageError(`Tenant "${slug}" already exists`);
      const tenant = await prisma.tenant.create({ data: { slug, name: required(values, 'name'), currency } });
      return `Created tenant "${tenant.slug}" (${tenant.name}, ${tenant.currency}).\nNext: npm run apikey -- create --tenant ${tenant.slug} --role OWNER`;
    }
    case 'create': {
      const tenant = await tenantBySlug(prisma, required(values, 'tenant'));
      const role = parseRole(required(values, 'role'));
      const expiresAt = parseExpiry(values.expires, now);
      const name = values.name?.trim() || `${role.toLowerCase()} key`;
      const warehouseIds = await parseWarehouses(prisma, tenant.id, values.warehouses);
      let binding;
      try {
        binding = checkKeyBinding(role, { channel: values.channel, warehouseIds });
      } catch (error) {
        if (error instanceof KeyBindingRequiredError) throw new UsageError(`a ${role} key needs --channel CODE (the sales channel whose orders it may read and create)`);
        if (error instanceof InvalidBindingError) throw new UsageError(`--${error.field === 'channel' ? 'channel' : 'warehouses'} ${error.message}`);
        throw error;
      }
      const trustedDocumentsOnly = values['trusted-only'] === true;
      const created = await createApiKey(prisma, { tenantId: tenant.id, name, role, expiresAt, trustedDocumentsOnly, ...binding });
      const bound = [
        binding.channel ? `channel ${binding.channel}` : '',
        binding.warehouseIds ? `warehouses ${binding.warehouseIds.join(',')}` : '',
        trustedDocumentsOnly ? 'trusted documents only' : '',
      ].filter(Boolean).join(', ');
      return [
        `Created ${role} key "${name}" for tenant "${tenant.slug}" (prefix ${created.prefix}${bound ? `, ${bound}` : ''}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ''}).`,
        'Copy it now; it is not stored and cannot be shown again:',
        '',
        `  ${created.key}`,
        '',
        `Use it as: Authorization: Bearer ${created.key}`,
      ].join('\n');
    }
    case 'list': {
      const tenant = await tenantBySlug(prisma, required(values, 'tenant'));
      const keys = await prisma.apiKey.findMany({
        where: { tenantId: tenant.id },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { prefix: true, name: true, role: true, channel: true, warehouseIds: true, expiresAt: true, lastUsedAt: true, revokedAt: true, createdAt: true },
      });
      if (!keys.length) return `Tenant "${tenant.slug}" has no API keys.`;
      const status = (k: (typeof keys)[number]) =>
        k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt <= now ? 'expired' : 'active';
      return table([
        ['PREFIX', 'NAME', 'ROLE', 'BOUND TO', 'STATUS', 'CREATED', 'EXPIRES', 'LAST USED', 'REVOKED'],
        ...keys.map((k) => [k.prefix, k.name, k.role, boundTo(k), status(k), day(k.createdAt), day(k.expiresAt), day(k.lastUsedAt), day(k.revokedAt)]),
      ]);
    }
    case 'revoke': {
      const prefix = required(values, 'prefix');
      const tenant = values.tenant ? await tenantBySlug(prisma, values.tenant) : undefined;
      const keys = await prisma.apiKey.findMany({
        where: { prefix, ...(tenant ? { tenantId: tenant.id } : {}) },
        select: { id: true, name: true, revokedAt: true, tenant: { select: { slug: true } } },
      });
      if (!keys.length) throw new UsageError(`No API key has the prefix "${prefix}"`);
      if (keys.length > 1) {
        const tenants = [...new Set(keys.map((k) => k.tenant.slug))].join(', ');
        throw new UsageError(`${keys.length} keys have the prefix "${prefix}" (tenants: ${tenants}); add --tenant SLUG`);
      }
      const key = keys[0]!;
      if (key.revokedAt) return `Key ${prefix} ("${key.name}", tenant "${key.tenant.slug}") was already revoked on ${day(key.revokedAt)}.`;
      await prisma.apiKey.update({ where: { id: key.id }, data: { revokedAt: now } });
      return `Revoked key ${prefix} ("${key.name}", tenant "${key.tenant.slug}"). Requests with it now fail with 401.`;
    }
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2), USAGE, runApiKeyCommand);
}
