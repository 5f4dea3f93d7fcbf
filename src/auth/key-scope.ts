// What a bound API key reaches, applied in one place: the Prisma client a request
// runs with. A key bound to a sales channel reads only that channel's orders (and
// the rows hanging off them: items, events, shipments, payments, ...) and only the
// customers with an order on its channel; any other customer a result still holds
// (through a to-one relation) has its contact data (phone, e-mail, addresses)
// blanked. A key bound to warehouses reads only their stock. Every
// read through the request's client gets the condition, whoever calls it (a root
// field, node(id:), a loader, a subscription's re-read, the label route), so no
// resolver has to remember it. Compiled reads bypass Prisma and are not used for
// bound keys (src/app.ts). Writes check the binding where they start (order create,
// stock changes, a warehouse key's order transitions and shipments); reads a write needs tenant-wide (the next order number, the
// idempotency replay) run under withoutKeyScope.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../db/client.js';
import type { TransactionScope } from '../db/transaction.js';
import { derivedTenantClient } from '../db/tenant-client.js';
import { getDatamodel } from '../db/generated/pothos-types.js';
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

/**
 * Writes to an order by a key bound to warehouses. An order involves a warehouse when
 * that warehouse is its origin or its destination (a transfer's two ends), one of its
 * lines is allocated from it, or one of its shipments ships from it. The key may write
 * the order only while every warehouse the order involves is one of its own: an order
 * that involves another warehouse answers WarehouseNotAllowedError (naming the lowest
 * such id). An order that involves none yet (no origin, nothing allocated) may be taken
 * by the key; a transition checks again after its effects, so an allocation it made in
 * another warehouse is refused and rolled back with the rest of the write.
 */
export async function assertOrderWarehousesAllowed(tx: TransactionScope['tx'], viewer: Pick<Viewer, 'scope'>, orderId: number): Promise<void> {
  const allowed = viewer.scope?.warehouseIds;
  if (!allowed) return;
  // Read whole: a read scope that hid the order (or its rows) must not make the check pass.
  const order = await withoutKeyScope(() => tx.order.findFirst({
    where: { id: orderId },
    select: {
      originWarehouseId: true,
      destinationWarehouseId: true,
      items: { select: { allocations: { select: { warehouseId: true } } } },
      shipments: { select: { warehouseId: true } },
    },
  }));
  if (!order) return;
  const involved = new Set<number>();
  for (const id of [order.originWarehouseId, order.destinationWarehouseId, ...order.shipments.map((s) => s.warehouseId)]) if (id != null) involved.add(id);
  for (const item of order.items) for (const allocation of item.allocations) involved.add(allocation.warehouseId);
  assertWarehousesAllowed(viewer, [...involved].sort((a, b) => a - b));
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
  const terms: Where[] = [];
  if (channel !== undefined) {
    // The status counter is kept per channel: the same condition.
    if (model === 'Order' || model === 'OrderStatusCount') terms.push({ channel });
    if (ORDER_CHILDREN.includes(model)) terms.push({ order: { is: { channel } } });
    // Customers it serves; others are absent (a search by phone must not name them). One reached through a
    // to-one relation (an order party's customer) cannot be filtered: its contact data is hidden instead.
    if (model === 'Customer') terms.push({ orders: { some: { channel } } });
    if (model === 'CustomerAddress' || model === 'Visit') terms.push({ customer: { is: { orders: { some: { channel } } } } });
    // The ledger's rows of orders (sales, returns) of other channels; stock counts and moves stay.
    if (model === 'StockMovement') terms.push({ OR: [{ orderId: null }, { order: { is: { channel } } }] });
  }
  if (warehouseIds !== undefined && (model === 'StockLevel' || model === 'StockMovement')) terms.push({ warehouseId: { in: [...warehouseIds] } });
  return terms.length === 0 ? undefined : terms.length === 1 ? terms[0] : { AND: terms };
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

interface RelationInfo {
  type: string;
  isList: boolean;
}

let relations: Map<string, RelationInfo> | undefined;

/** `Model.field` -> the related model, for the relations of Prisma's datamodel. */
function relationOf(model: string, field: string): RelationInfo | undefined {
  if (!relations) {
    relations = new Map();
    for (const [name, { fields }] of Object.entries(getDatamodel().datamodel.models)) {
      for (const f of fields) if (f.kind === 'object') relations.set(`${name}.${f.name}`, { type: f.type, isList: f.isList });
    }
  }
  return relations.get(`${model}.${field}`);
}

type Selection = Record<string, unknown>;

/**
 * The nested part of a read (`select` / `include`), with the binding's condition on
 * every list relation it reaches (a customer's orders, a variation's stock levels),
 * and their relation counts. A to-one relation cannot be filtered; the rows it hangs
 * off are scoped themselves (a shipment's order belongs to a visible shipment).
 */
function scopeSelection(scope: KeyScope, model: string, selection: Selection): Selection {
  const out: Selection = { ...selection };
  for (const [field, value] of Object.entries(selection)) {
    if (!value) continue;
    if (field === '_count' && typeof value === 'object' && (value as { select?: Selection }).select) {
      const counts: Selection = {};
      for (const [relation, counted] of Object.entries((value as { select: Selection }).select)) {
        const info = relationOf(model, relation);
        const extra = info && scopeWhere(scope, info.type);
        counts[relation] = extra && counted ? { where: andWhere(typeof counted === 'object' ? (counted as { where?: Where }).where : undefined, extra) } : counted;
      }
      out[field] = { ...(value as object), select: counts };
      continue;
    }
    const info = relationOf(model, field);
    if (!info) continue;
    const nested: Record<string, unknown> = value === true ? {} : { ...(value as object) };
    if (nested.select) nested.select = scopeSelection(scope, info.type, nested.select as Selection);
    if (nested.include) nested.include = scopeSelection(scope, info.type, nested.include as Selection);
    const extra = info.isList ? scopeWhere(scope, info.type) : undefined;
    if (extra) nested.where = andWhere(nested.where as Where | undefined, extra);
    out[field] = value === true && !extra ? true : nested;
  }
  return out;
}

/** The Customer rows of a result, wherever the read's selection put them. */
function customersIn(model: string, selection: Selection | undefined, rows: unknown, found: Array<Record<string, unknown>>): void {
  const list = (Array.isArray(rows) ? rows : [rows]).filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null);
  if (!list.length) return;
  if (model === 'Customer') found.push(...list);
  for (const [field, value] of Object.entries(selection ?? {})) {
    const info = relationOf(model, field);
    if (!info || !value) continue;
    const nested = value === true ? undefined : ((value as { select?: Selection; include?: Selection }).select ?? (value as { include?: Selection }).include);
    for (const row of list) customersIn(info.type, nested, row[field], found);
  }
}

const scopeOfClient = new WeakMap<object, KeyScope>();

/** The binding a client from keyScopedClients applies (undefined: the whole tenant), for raw SQL that must apply it too. */
export function keyScopeOfClient(prisma: object): KeyScope | undefined {
  return scopeOfClient.get(prisma);
}

function scopedClient(tenantDb: Db, scope: KeyScope): Db {
  const channel = scope.channel;
  /** Of these customers, those with an order on the key's channel. */
  const orderedOnChannel = async (ids: number[]): Promise<Set<number>> => {
    if (!ids.length) return new Set();
    const rows = await tenantDb.order.findMany({ where: { channel, customerId: { in: ids } }, select: { customerId: true }, distinct: ['customerId'] });
    return new Set(rows.map((row) => row.customerId!));
  };
  // Still the tenant's client for transaction(), which takes its connection as that tenant.
  const client = derivedTenantClient(tenantDb, tenantDb.$extends({
    query: {
      $allOperations: async ({ model, operation, args, query }) => {
        if (!model || !READS.has(operation) || suspended.getStore()) return query(args);
        const read = { ...(args as Selection) };
        const extra = scopeWhere(scope, model);
        if (extra) read.where = andWhere(read.where as Where | undefined, extra);
        if (read.select) read.select = scopeSelection(scope, model, read.select as Selection);
        if (read.include) read.include = scopeSelection(scope, model, read.include as Selection);
        const result = await query(read as typeof args);
        if (channel !== undefined && ROW_READS.has(operation) && result) {
          const customers: Array<Record<string, unknown>> = [];
          customersIn(model, (read.select ?? read.include) as Selection | undefined, result, customers);
          if (customers.length) await hideContacts(customers, orderedOnChannel);
        }
        return result;
      },
    },
  }) as unknown as Db);
  scopeOfClient.set(client, scope);
  return client;
}

async function hideContacts(rows: Array<Record<string, unknown>>, visible: (ids: number[]) => Promise<Set<number>>): Promise<void> {
  const ids = [...new Set(rows.map((row) => row.id).filter((id): id is number => typeof id === 'number'))];
  const shown = await visible(ids);
  for (const row of rows) {
    // A row read without its id cannot be checked: hidden (fail closed).
    if (typeof row.id === 'number' && shown.has(row.id)) continue;
    for (const [field, hidden] of Object.entries(CUSTOMER_CONTACT)) if (field in row) row[field] = Array.isArray(hidden) ? [] : hidden;
  }
}
