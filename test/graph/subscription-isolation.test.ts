// Every subscription field in the schema (walked, so a new one is swept without
// editing this test), subscribed by tenant B with tenant A's ids in each ID
// argument and filter field (one at a time, all at once, and none), while A causes
// an event of every kind through the API. B must get nothing of A: no live message,
// none of A's ids; a snapshot of its own data (the status tiles' first message) is
// all it may see, and only if B gets the same from a subscription opened after the
// drive. A twin of each of B's subscriptions, opened by A with the same
// variables, must receive something, so the sweep can fail. A new subscription
// whose event the drive below does not cause fails on its twin: add it there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { buildSchema } from '../../src/schema.js';
import { execute, query } from '../support/execute.js';
import { collectStrings, idTargetType, leafPaths, nodeTypeNames, operationCall } from '../support/schema-walk.js';
import { collect, liveServer, until, wsClient, type Collected, type WsClient } from '../support/subscribe.js';
import { allGlobalIds, runShopExport, smallShop, type ShopIds } from '../support/small-shop.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const schema = buildSchema();
const nodeTypes = nodeTypeNames(schema);
const subscriptionFields = Object.values(schema.getSubscriptionType()?.getFields() ?? {});
/** Errors B may get instead of silence. */
const REFUSALS = new Set(['NOT_FOUND', 'FORBIDDEN']);

/** One event of every kind in A's shop, through the API as a client would cause them. */
async function driveEvents(key: string, ids: ShopIds) {
  const calls: Array<[string, Record<string, unknown>]> = [
    ['orderCreate', { customer: ids.Customer, originWarehouse: ids.Warehouse, items: [{ variation: ids.Variation, quantity: 1 }] }],
    ['orderConfirm', { order: ids.Order }],
    ['paymentRecord', { order: ids.Order, method: 'CASH', amount: '1000' }],
    ['shipmentTrackingAppend', { shipment: ids.Shipment, events: [{ status: 'delivered', occurredAt: new Date().toISOString() }] }],
    ['stockAdjust', { variation: ids.Variation, warehouse: ids.Warehouse, quantity: 1, reason: 'isolation sweep' }],
    ['exportCreate', { kind: 'ORDERS', format: 'CSV' }],
  ];
  for (const [mutation, input] of calls) {
    const inputType = schema.getMutationType()!.getFields()[mutation]!.args[0]!.type.toString();
    const data = await query<any, any>(key, `mutation($input: ${inputType}) { ${mutation}(input: $input) { __typename } }`, { input });
    expect(data[mutation].__typename, mutation).toMatch(/Payload$/);
  }
}

interface Variant {
  name: string;
  document: string;
  variables: Record<string, unknown>;
}

/** A deep copy without the leaves at `drop`. */
function without(value: Record<string, unknown>, drop: (string | number)[][]): Record<string, unknown> {
  const copy = structuredClone(value);
  for (const path of drop) {
    let parent: any = copy;
    for (const key of path.slice(0, -1)) parent = parent[key];
    delete parent[path[path.length - 1]!];
  }
  return copy;
}

/** Per field: no id, each of A's ids alone, and all of them at once. */
function variantsOf(idsOfA: ShopIds): Variant[] {
  const isIdOfA = new Set(Object.values(idsOfA));
  return subscriptionFields.flatMap((field) => {
    const { document, variables } = operationCall(schema, 'subscription', field, {
      optionalIds: true,
      idFor: (name, description) => {
        const type = idTargetType(nodeTypes, name, field.name, description);
        const id = type ? idsOfA[type] : undefined;
        if (!id) throw new Error(`${field.name}: no id of A for the ${name} input (type ${type}); add one to smallShop`);
        return id;
      },
    });
    const idPaths = leafPaths(variables).filter((path) => isIdOfA.has(path.reduce<any>((v, key) => v?.[key], variables)));
    const variants = [{ name: `${field.name}()`, document, variables: without(variables, idPaths) }];
    for (const path of idPaths) {
      const others = idPaths.filter((p) => p !== path);
      variants.push({ name: `${field.name}(${path.join('.')})`, document, variables: without(variables, others) });
    }
    if (idPaths.length > 1) variants.push({ name: `${field.name}(all ids)`, document, variables });
    return variants;
  });
}

/** Opens one subscription and waits until the server holds it (or refused it). */
async function open(app: App, ws: WsClient, tenantId: number, variant: Variant): Promise<Collected> {
  const before = app.events.subscriberCount?.(tenantId) ?? 0;
  const sub = collect(ws, variant.document, variant.variables);
  // The status tiles share one bus subscription per tenant: a second one attaches nothing new.
  await until(
    () => (app.events.subscriberCount?.(tenantId) ?? 0) > before || sub.ended() || sub.results.length > 0,
    `${variant.name} attached`,
  ).catch(() => undefined);
  return sub;
}

/** A result without its timestamps, which differ between two reads of the same state. */
const timeless = (result: unknown) => JSON.stringify(result, (_k, v) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(v) ? '<time>' : v));

/** Resolves once no subscription received anything for `quietMs`. */
async function quiet(subs: Collected[], quietMs: number) {
  let last = -1;
  let since = Date.now();
  await until(() => {
    const total = subs.reduce((n, s) => n + s.results.length, 0);
    if (total !== last) [last, since] = [total, Date.now()];
    return Date.now() - since >= quietMs;
  }, 'subscriptions quiet', 10_000);
}

const clients: WsClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
});

let app: App;
let url: string;
let a: TestTenant;
let b: TestTenant;
let idsOfA: ShopIds;
let idsOfB: ShopIds;

beforeAll(async () => {
  ({ app, url } = await liveServer());
  // B first: its history ids are below A's, so B resuming "after" A's event replays nothing of its own either.
  b = await newTenant();
  idsOfB = await smallShop(b);
  a = await newTenant();
  idsOfA = await smallShop(a);
});

describe('tenant isolation across every subscription', () => {
  it("sends tenant B nothing of A's events, whatever ids of A it filters on", async () => {
    const variants = variantsOf(idsOfA);
    const wsA = wsClient(url, a.key);
    const wsB = wsClient(url, b.key);
    clients.push(wsA, wsB);
    const twins: Collected[] = [];
    const asB: Collected[] = [];
    for (const variant of variants) {
      twins.push(await open(app, wsA, a.id, variant));
      asB.push(await open(app, wsB, b.id, variant));
    }
    await quiet([...twins, ...asB], 100);
    const twinsBefore = twins.map((s) => s.results.length);
    const asBBefore = asB.map((s) => s.results.length);

    await driveEvents(a.key, idsOfA);
    await runShopExport(a, idsOfA);
    // Every twin receives what the drive caused: the variables do match A's events.
    await until(() => twins.every((s, i) => s.results.length > twinsBefore[i]!), 'every twin of A received an event').catch(() => {
      const silent = variants.filter((_, i) => twins[i]!.results.length <= twinsBefore[i]!).map((v) => v.name);
      throw new Error(`A's own subscriptions received nothing: ${silent.join(', ')} (does driveEvents cause their event?)`);
    });
    // What B may have: a snapshot of its own data, the same as a subscription opened now gets.
    const late = await Promise.all(variants.map((variant) => open(app, wsB, b.id, variant)));
    await until(() => late.every((s, i) => s.results.length >= asB[i]!.results.length || s.ended()), 'late subscriptions of B caught up').catch(() => undefined);
    await quiet([...asB, ...late], 300);

    const idsOfAllA = await allGlobalIds(a.id, nodeTypes);
    const problems: string[] = [];
    variants.forEach((variant, i) => {
      const received = asB[i]!.results;
      const leaked = [...collectStrings(received, new Set())].filter((s) => idsOfAllA.has(s));
      if (leaked.length) problems.push(`${variant.name}: B received A's ids ${leaked.join(', ')}`);
      for (const error of received.flatMap((r) => r.errors ?? [])) {
        const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
        if (!REFUSALS.has(String(code))) problems.push(`${variant.name}: B got ${String(code)} ${error.message}`);
      }
      if (received.length > asBBefore[i]!) problems.push(`${variant.name}: B received ${received.length - asBBefore[i]!} message(s) during A's drive`);
      if (received.map(timeless).join() !== late[i]!.results.map(timeless).join()) {
        const [got, fresh] = [received, late[i]!.results].map((r) => r.map(timeless).join().slice(0, 300));
        problems.push(`${variant.name}: B received ${got}; a fresh subscription ${fresh}`);
      }
      const twinIds = [...collectStrings(twins[i]!.results, new Set())].filter((s) => idsOfAllA.has(s));
      const selectsIds = /\bid\b/.test(variant.document);
      if (selectsIds && !twinIds.length && twins[i]!.results.every((r) => !r.errors)) problems.push(`${variant.name}: A's twin saw none of A's ids`);
      if (twins[i]!.results.some((r) => r.errors)) problems.push(`${variant.name}: A's twin got errors ${JSON.stringify(twins[i]!.results.find((r) => r.errors)!.errors)}`);
    });
    [...twins, ...asB, ...late].forEach((s) => s.unsubscribe());
    const fields = new Set(variants.map((v) => v.name.split('(')[0]));
    console.info(`subscription isolation sweep: ${fields.size} subscription fields, ${variants.length} subscriptions of B (and as many twins of A)`);
    expect(fields.size).toBe(subscriptionFields.length);
    expect(problems).toEqual([]);
  });

  it("lists none of A's order events to B, whatever cursor or event of A it resumes after", async () => {
    const ofA = await query<any, any>(a.key, '{ orderEvents(first: 100) { edges { cursor node { id } } } }');
    const cursorOfA = ofA.orderEvents.edges[0].cursor as string;
    const eventOfA = ofA.orderEvents.edges[0].node.id as string;
    const document = `query($after: String, $filter: OrderEventFilter) {
      orderEvents(first: 100, after: $after, filter: $filter) { edges { node { id order { id } } } } }`;
    const asks = [
      {},
      { after: cursorOfA },
      { filter: { afterEvent: eventOfA } },
      { filter: { order: idsOfA.Order } },
      { after: cursorOfA, filter: { afterEvent: eventOfA, order: idsOfA.Order } },
    ];
    const idsOfAllA = await allGlobalIds(a.id, nodeTypes);
    for (const variables of asks) {
      const response = await execute<any, any>(b.key, document, variables);
      for (const error of response.errors ?? []) expect(['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'], JSON.stringify(variables)).toContain(error.extensions?.code);
      const seen = [...collectStrings(response.data, new Set())];
      expect(seen.filter((id) => idsOfAllA.has(id)), JSON.stringify(variables)).toEqual([]);
    }
    // B's own history is there, so the query did answer.
    const own = await query<any, any>(b.key, document, {});
    expect(own.orderEvents.edges.map((e: any) => e.node.order.id)).toContain(idsOfB.Order);
    expect(ofA.orderEvents.edges.length).toBeGreaterThan(0);
  });
});
