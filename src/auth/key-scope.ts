// What a bound API key reaches, applied in one place: the Prisma client a request
// runs with. A key bound to a sales channel reads only that channel's orders (and
// the rows hanging off them: items, events, shipments, payments, ...) and sees the
// contact data (phone, e-mail, addresses) of a customer only when the customer has
// an order on its channel; a key bound to warehouses reads only their stock. Every
// read through the request's client gets the condition, whoever calls it (a root
// field, node(id:), a loader, a subscription's re-read, the label route), so no
// resolver has to remember it. Compiled reads bypass Prisma and are not used for
// bound keys (src/app.ts). Writes check the binding where they start (order create,
// stock changes); reads a write needs tenant-wide (the next order number, the
// idempotency replay) run under withoutKeyScope.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../db/client.js';
import type { Role } from '../db/generated/prisma/enums.js';
import { ChannelNotAllowedError, KeyBindingRequiredError, WarehouseNotAllowedError } from './errors.js';
import type { KeyScope, Viewer } from './viewer.js';

const CHANNEL = /^[a-z0-9][a-z0-9_.-]{0,39}$/;

/** A key's binding as given at creation, checked and normalised; KeyBindingRequiredError for an unbound PARTNER key. */
export function checkKeyBinding(
  role: Role,
  binding: { channel?: string | null; warehouseIds?: readonly number[] | null },
): { channel?: string; warehouseIds?: number[] } {
  const channel = binding.channel?.trim().toLowerCase() || undefined;
  if (role === 'PARTNER' && !channel) throw new KeyBindingRequiredError(role, 'sales channel');
  if (channel !== undefined && !CHANNEL.test(channel)) throw new InvalidBindingError('channel', 'must be a lower-case channel code such as "shopee"');
  const warehouseIds = binding.warehouseIds?.length ? [...new Set(binding.warehouseIds)].sort((a, b) => a - b) : undefined;
  if (warehouseIds && role !== 'WAREHOUSE') throw new InvalidBindingError('warehouseIds', 'only WAREHOUSE keys are bound to warehouses');
  return { ...(channel ? { channel } : {}), ...(warehouseIds ? { warehouseIds } : {}) };
}

/** A binding that cannot be stored (the GraphQL face reports it as a validation problem). */
export class InvalidBindingError extends Error {
  constructor(
    readonly field: 'channel' | 'warehouseIds',
    message: string,
  ) {
    super(message);
  }
}

/** Writes: the channel an order may be created on by this viewer. */
export function assertChannelAllowed(viewer: Pick<Viewer, 'scope'>, channel: string): void {
  const allowed = viewer.scope?.channel;
  if (allowed !== undefined && allowed !== channel) throw new ChannelNotAllowedError(channel, allowed);
}

/** Writes: the warehouses whose stock this viewer may change. */
export function assertWarehousesAllowed(viewer: Pick<Viewer, 'scope'>, warehouseIds: readonly number[]): void {
  const allowed = viewer.scope?.warehouseIds;
  if (!allowed) return;
  for (const id of warehouseIds) if (!allowed.includes(id)) throw new WarehouseNotAllowedError(id);
}

const suspended = new AsyncLocalStorage<true>();

/** Runs fn with the key's read scope lifted: for tenant-wide reads a write needs (uniqueness, numbering). */
export function withoutKeyScope<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  return suspended.run(true, async () => await fn());
}

const READS = new Set(['findMany', 'findFirst', 'findFirstOrThrow', 'findUnique', 'findUniqueOrThrow', 'count', 'aggregate', 'groupBy']);
const ROW_READS = new Set(['findMany', 'findFirst', 'findFirstOrThrow', 'findUnique', 'findUniqueOrThrow']);

/** Models whose rows belong to one order: visible when their order is. */
const ORDER_CHILDREN = ['OrderParty', 'OrderItem', 'OrderAdjustment', 'OrderEvent', 'Comment', 'CancellationRequest', 'OrderReturn', 'Shipment', 'Payment'];

/** Contact data of a customer, hidden from a channel key unless the customer ordered on its channel. */
const CUSTOMER_CONTACT: Record<string, null | []> = {
  phone: null,
  email: null,
  lineId: null,
  otherContact: null,
  address: null,
  regionId: null,
  region: null,
  postalCode: null,
  addresses: [],
};

type Where = Record<string, unknown>;

/** The condition a bound key adds to reads of a model, or undefined when it reads it whole. */
export function scopeWhere(scope: KeyScope, model: string): Where | undefined {
  const { channel, warehouseIds } = scope;
  if (channel !== undefined) {
    if (model === 'Order') return { channel };
    if (ORDER_CHILDREN.includes(model)) return { order: { is: { channel } } };
    if (model === 'CustomerAddress') return { customer: { is: { orders: { some: { channel } } } } };
  }
  if (warehouseIds !== undefined && (model === 'StockLevel' || model === 'StockMovement')) return { warehouseId: { in: [...warehouseIds] } };
  return undefined;
}

/** `where` AND `extra`, keeping a unique where's own keys on top (findUnique needs them there). */
function andWhere(where: Where | undefined, extra: Where): Where {
  if (!where) return extra;
  const and = where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
  return { ...where, AND: [...and, extra] };
}

/**
 * viewerClient(viewer): the client a viewer's requests run with: the tenant's
 * client, or for a bound key that client with the binding applied to every read.
 * Scoped clients are kept per tenant and binding, so a binding's requests share one
 * (caches keyed by client, such as shared subscription reads, keep sharing).
 */
export function keyScopedClients(forTenant: (tenantId: number) => Db, limit = 1_000): (viewer: Pick<Viewer, 'tenantId' | 'scope'>) => Db {
  const clients = new Map<string, Db>();
  return (viewer) => {
    const scope = viewer.scope;
    if (!scope || (scope.channel === undefined && scope.warehouseIds === undefined)) return forTenant(viewer.tenantId);
    const key = JSON.stringify([viewer.tenantId, scope.channel ?? null, scope.warehouseIds ?? null]);
    let client = clients.get(key);
    if (client) {
      clients.delete(key);
    } else {
      client = scopedClient(forTenant(viewer.tenantId), scope);
      if (clients.size >= limit) clients.delete(clients.keys().next().value!);
    }
    clients.set(key, client);
    return client;
  };
}

function scopedClient(tenantDb: Db, scope: KeyScope): Db {
  const channel = scope.channel;
  /** Of these customers, those with an order on the key's channel. */
  const orderedOnChannel = async (ids: number[]): Promise<Set<number>> => {
    if (!ids.length) return new Set();
    const rows = await tenantDb.order.findMany({ where: { channel, customerId: { in: ids } }, select: { customerId: true }, distinct: ['customerId'] });
    return new Set(rows.map((row) => row.customerId!));
  };
  return tenantDb.$extends({
    query: {
      $allOperations: async ({ model, operation, args, query }) => {
        if (!model || !READS.has(operation) || suspended.getStore()) return query(args);
        const extra = scopeWhere(scope, model);
        const scopedArgs = extra ? { ...args, where: andWhere((args as { where?: Where }).where, extra) } : args;
        const result = await query(scopedArgs);
        if (channel !== undefined && model === 'Customer' && ROW_READS.has(operation) && result) {
          await hideContacts(Array.isArray(result) ? result : [result], orderedOnChannel);
        }
        return result;
      },
    },
  }) as unknown as Db;
}

async function hideContacts(rows: Array<Record<string, unknown>>, visible: (ids: number[]) => Promise<Set<number>>): Promise<void> {
  const ids = rows.map((row) => row.id).filter((id): id is number => typeof id === 'number');
  const shown = await visible(ids);
  for (const row of rows) {
    // A row read without its id cannot be checked: hidden (fail closed).
    if (typeof row.id === 'number' && shown.has(row.id)) continue;
    for (const [field, hidden] of Object.entries(CUSTOMER_CONTACT)) if (field in row) row[field] = Array.isArray(hidden) ? [] : hidden;
  }
}
