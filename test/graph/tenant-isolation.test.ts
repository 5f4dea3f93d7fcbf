// Two tenants seeded with the same shapes of data. Walking the schema (so a new
// type or root field is covered without editing this test), tenant B must get
// nothing of tenant A: null from node/nodes and one-object queries, none of A's
// ids in any root connection or in the nested objects one level below (nested
// pages of 10, so each request stays within the cost limit).
import {
  getNamedType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys.js';
import { seedTenant } from '../../src/demo/seed/seed-tenant.js';
import { buildSchema } from '../../src/schema.js';
import { testApp } from '../support/app.js';
import { execute } from '../support/execute.js';

const schema = buildSchema();
const nodeTypes = Object.values(schema.getTypeMap()).filter(
  (type): type is GraphQLObjectType => isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'),
);
const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');
const delegate = (prisma: any, type: string) => prisma[type[0]!.toLowerCase() + type.slice(1)];

let keyA: string;
let keyB: string;
/** Global ids of a sample of A's objects per node type. */
const idsOfA = new Map<string, string[]>();
const allIdsOfA = new Set<string>();

function isConnectionField(field: GraphQLField<unknown, unknown>) {
  const type = getNamedType(field.type);
  return isObjectType(type) && type.name.endsWith('Connection') && 'edges' in type.getFields();
}

function hasRequiredArgs(field: GraphQLField<unknown, unknown>) {
  return field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
}

/** `{ id }` selections for every argument-free field of a node type that returns nodes. */
function nestedNodeSelections(type: GraphQLObjectType): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (hasRequiredArgs(field)) continue;
    const named = getNamedType(field.type);
    if (isConnectionField(field)) parts.push(`${field.name}(first: 10) { edges { node { id } } }`);
    else if (isObjectType(named) && nodeTypes.includes(named)) parts.push(`${field.name} { id }`);
  }
  return parts.join(' ');
}

function collectIds(value: unknown, into: string[]) {
  if (Array.isArray(value)) value.forEach((v) => collectIds(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'id' && typeof v === 'string') into.push(v);
      else collectIds(v, into);
    }
  }
}

beforeAll(async () => {
  // The tables' owner: fixtures and checks see every tenant, also under row-level security.
  const { fixtures } = await testApp();
  const suffix = Math.random().toString(36).slice(2, 8);
  const a = await seedTenant(fixtures, { tenant: `iso-a-${suffix}`, orders: 40, seed: 7 });
  const b = await seedTenant(fixtures, { tenant: `iso-b-${suffix}`, orders: 40, seed: 7 });
  // The demo seed sends no webhooks: an endpoint with one delivered event and its attempt for each tenant.
  for (const { tenantId } of [a, b]) {
    const order = await fixtures.prisma.order.findFirstOrThrow({ where: { tenantId }, select: { id: true } });
    const endpoint = await fixtures.prisma.webhookEndpoint.create({ data: { tenantId, url: 'https://partner.example.com/hooks', eventTypes: ['*'], secret: 'whsec_test' } });
    const event = await fixtures.prisma.outboxEvent.create({ data: { tenantId, type: 'order.created', orderId: order.id, payload: {}, sequence: 1, relayedAt: new Date() } });
    const delivery = await fixtures.prisma.webhookDelivery.create({ data: { tenantId, endpointId: endpoint.id, eventId: event.id, orderId: order.id, status: 'DELIVERED' } });
    await fixtures.prisma.webhookAttempt.create({ data: { tenantId, deliveryId: delivery.id, endpointId: endpoint.id, orderId: order.id, statusCode: 200, latencyMs: 5 } });
    // And a courier's COD remittance of one parcel.
    const courier = await fixtures.prisma.courier.findFirstOrThrow({ where: { tenantId }, select: { id: true } });
    await fixtures.prisma.codRemittance.create({
      data: {
        tenantId, courierId: courier.id, reference: 'REM-1', remittedAt: new Date(), grossAmount: '1000', feeAmount: '0', netAmount: '1000',
        lines: { create: [{ tenantId, trackingNumber: 'AWB-1', orderId: order.id, amount: '1000', fee: '0', status: 'UNMATCHED' }] },
      },
    });
    await fixtures.prisma.paymentSubmission.create({ data: { tenantId, orderId: order.id, amount: '1000', senderName: 'Siti', transferredAt: new Date() } });
    // And a finished export.
    await fixtures.prisma.export.create({ data: { tenantId, kind: 'ORDERS', format: 'CSV', status: 'DONE', rowsDone: 40, rowsTotal: 40, fileName: 'orders.csv', finishedAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) } });
  }
  keyA = (await createApiKey(fixtures.prisma, { tenantId: a.tenantId, name: 'a', role: 'OWNER' })).key;
  keyB = (await createApiKey(fixtures.prisma, { tenantId: b.tenantId, name: 'b', role: 'OWNER' })).key;
  for (const type of nodeTypes) {
    const rows: Array<{ id: number }> = await delegate(fixtures.prisma, type.name).findMany({
      where: { tenantId: a.tenantId },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    const ids = rows.map((r) => globalId(type.name, r.id));
    idsOfA.set(type.name, ids.slice(0, 3));
    ids.forEach((id) => allIdsOfA.add(id));
  }
});

describe('tenant isolation across the whole read schema', () => {
  it('seeds every node type for tenant A, so the sweep has something to find', () => {
    const empty = nodeTypes.filter((t) => !idsOfA.get(t.name)?.length).map((t) => t.name);
    expect(empty).toEqual([]);
  });

  it('finds nothing of A through node(id:) and nodes(ids:) as B, and finds it as A', async () => {
    for (const type of nodeTypes) {
      const ids = idsOfA.get(type.name)!;
      const asB = await execute<any, any>(keyB, 'query($id: ID!, $ids: [ID!]!) { node(id: $id) { id } nodes(ids: $ids) { id } }', { id: ids[0], ids });
      expect(asB.errors, type.name).toBeUndefined();
      expect(asB.data.node, type.name).toBeNull();
      expect(asB.data.nodes, type.name).toEqual(ids.map(() => null));
      const asA = await execute<any, any>(keyA, 'query($id: ID!) { node(id: $id) { id } }', { id: ids[0] });
      expect(asA.data.node?.id, type.name).toBe(ids[0]);
    }
  });

  it('finds nothing of A through one-object root queries taking an id', async () => {
    const fields = Object.values(schema.getQueryType()!.getFields()).filter(
      (f) => f.args.length === 1 && f.args[0]!.name === 'id' && nodeTypes.includes(getNamedType(f.type) as GraphQLObjectType),
    );
    expect(fields.length).toBeGreaterThan(10);
    for (const field of fields) {
      const type = getNamedType(field.type).name;
      const id = idsOfA.get(type)![0];
      const asB = await execute<any, any>(keyB, `query($id: ID!) { ${field.name}(id: $id) { id } }`, { id });
      expect(asB.data?.[field.name], field.name).toBeNull();
      const asA = await execute<any, any>(keyA, `query($id: ID!) { ${field.name}(id: $id) { id } }`, { id });
      expect(asA.data?.[field.name]?.id, field.name).toBe(id);
    }
  });

  it("never lists A's objects in B's root connections or the nodes nested in them", async () => {
    const connections = Object.values(schema.getQueryType()!.getFields()).filter((f) => isConnectionField(f) && !hasRequiredArgs(f));
    expect(connections.length).toBeGreaterThan(10);
    for (const field of connections) {
      const nodeType = getNamedType(
        (getNamedType((getNamedType(field.type) as GraphQLObjectType).getFields().edges!.type) as GraphQLObjectType).getFields().node!.type,
      ) as GraphQLObjectType;
      const document = `{ ${field.name}(first: 100) { edges { node { id ${nestedNodeSelections(nodeType)} } } } }`;
      const asB = await execute<any, never>(keyB, document);
      expect(asB.errors, `${field.name}: ${JSON.stringify(asB.errors)}`).toBeUndefined();
      const seen: string[] = [];
      collectIds(asB.data, seen);
      expect(seen.length, `${field.name} returned nothing for B`).toBeGreaterThan(0);
      expect(seen.filter((id) => allIdsOfA.has(id)), field.name).toEqual([]);
    }
  });

  it('finds nothing of A through lookups by code, SKU or tracking number', async () => {
    // The tables' owner: fixtures and checks see every tenant, also under row-level security.
    const { fixtures } = await testApp();
    const prisma = fixtures.prisma;
    const tenantA = await prisma.order.findFirstOrThrow({ where: { id: Number(Buffer.from(idsOfA.get('Order')![0]!, 'base64').toString().split(':')[1]) } });
    const order = await prisma.order.findFirstOrThrow({ where: { tenantId: tenantA.tenantId } });
    const variation = await prisma.variation.findFirstOrThrow({ where: { tenantId: tenantA.tenantId } });
    const shipment = await prisma.shipment.findFirstOrThrow({ where: { tenantId: tenantA.tenantId, trackingNumber: { not: null } } });
    const document = `query($code: String!, $sku: String!, $tn: String!) {
      orderByCode(code: $code) { id } variationBySku(sku: $sku) { id } shipmentByTrackingNumber(trackingNumber: $tn) { id } }`;
    const variables = { code: order.code, sku: variation.sku, tn: shipment.trackingNumber };
    const asB = await execute<any, any>(keyB, document, variables);
    // Both tenants were seeded alike, so B may own an object with the same code: it must be B's, never A's.
    for (const value of Object.values(asB.data ?? {})) {
      if (value) expect(allIdsOfA.has((value as { id: string }).id)).toBe(false);
    }
    const asA = await execute<any, any>(keyA, document, variables);
    expect(Object.values(asA.data).every((v) => v && allIdsOfA.has((v as { id: string }).id))).toBe(true);
  });
});
