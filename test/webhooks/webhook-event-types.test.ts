// The webhook event types beyond orders' statuses, payments and tracking, through
// the API to a real HTTP receiver on 127.0.0.1: an edit (what changed, fields and
// lines), shipments created at shipping and added afterwards, a return with its
// lines and refund, and cancellation requests and their decisions (approved,
// approved by cancelling the order, rejected, expired at the deadline). Each event
// arrives once, signed, with the payload this test writes out by hand. Then
// payload documents: an endpoint's subscription document shapes `data` with
// exactly the fields it selects, and a document that cannot work is refused.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type WebhooksConfig } from '../../src/config.js';
import { webhookClient } from '../../src/http/webhook-client.js';
import { startOutboxRelay, type OutboxRelay } from '../../src/webhooks/relay.js';
import { testApp } from '../support/app.js';
import { execute } from '../support/execute.js';
import { newTenant, tenantsCreatedHere, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');
const num = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: { id: string; type: string; sequence: number; createdAt: string; data: Record<string, unknown> };
}

let server: Server;
let url: string;
const received: Received[] = [];
let relayed: OutboxRelay;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body, json: JSON.parse(body) });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  const { app } = await testApp();
  const config: WebhooksConfig = {
    ...loadConfig({}).webhooks,
    pollMs: 50,
    retryBaseMs: 20,
    retryMaxMs: 100,
    timeoutMs: 5_000,
    allowedPrivateHosts: ['127.0.0.1'],
    requireHttps: false,
    relayTenants: tenantsCreatedHere,
  };
  relayed = await startOutboxRelay({ db: app.db, events: app.events, log: app.log, config, post: webhookClient(config), shape: app.webhookPayloads.shape });
});

afterAll(async () => {
  await relayed.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function settle(t: TestTenant) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await relayed.drain();
    const [unrelayed, pending] = await Promise.all([
      t.prisma.outboxEvent.count({ where: { tenantId: t.id, relayedAt: null } }),
      t.prisma.webhookDelivery.count({ where: { tenantId: t.id, status: 'PENDING' } }),
    ]);
    if (!unrelayed && !pending) return;
    if (Date.now() > deadline) throw new Error(`not settled: ${unrelayed} events not relayed, ${pending} deliveries pending`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs a mutation and expects its payload, not an error member. */
async function write(key: string, field: string, input: Record<string, unknown>, select = '__typename') {
  const response = await execute<Record<string, Record<string, unknown>>, Record<string, unknown>>(
    key,
    `mutation ($input: ${field.charAt(0).toUpperCase()}${field.slice(1)}Input!) { ${field}(input: $input) { ${select} ... on Error { message } } }`,
    { input },
  );
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  const payload = response.data![field]!;
  expect(payload.__typename, `${field}: ${JSON.stringify(payload)}`).toMatch(/Payload$/);
  return payload;
}

const NEW_TYPES = ['order.edited', 'shipment.created', 'return.recorded', 'cancellation.requested', 'cancellation.decided'];

describe('webhook event types: edits, shipments, returns, cancellation requests', () => {
  it('sends each once, signed, with ids as global ids and the change it reports', async () => {
    const t = await newTenant();
    const main = await t.warehouse();
    const extra = await t.warehouse();
    const { variations } = await t.product({ variations: [{ price: '100', stock: { [main.id]: 50 } }, { price: '50', stock: { [main.id]: 50 } }] });
    const [shoes, socks] = variations as [(typeof variations)[0], (typeof variations)[0]];
    const created = await write(t.key, 'webhookEndpointCreate', { url, eventTypes: NEW_TYPES }, '__typename ... on WebhookEndpointSecretPayload { secret }');
    const secret = created.secret as string;

    // Order A: edited, asked to cancel (rejected), shipped, a second package, paid, one unit returned with a refund.
    const a = await t.order({ status: 'CONFIRMED', items: [{ variationId: shoes.id, quantity: 2 }] });
    const aId = gid('Order', a.id);
    const line = await t.prisma.orderItem.findFirstOrThrow({ where: { orderId: a.id } });
    await write(t.key, 'orderEdit', {
      order: aId,
      updateItems: [{ item: gid('OrderItem', line.id), quantity: 3 }],
      addItems: [{ variation: gid('Variation', socks.id), quantity: 1 }],
      notes: 'gift wrap',
    });
    const added = await t.prisma.orderItem.findFirstOrThrow({ where: { orderId: a.id, id: { not: line.id } } });
    const requestA = (await write(t.key, 'orderCancellationRequest', { order: aId, reason: 'CUSTOMER_REQUEST', note: 'changed my mind' }, '__typename ... on OrderCancellationRequestPayload { cancellationRequest { id deadlineAt } }')) as {
      cancellationRequest: { id: string; deadlineAt: string };
    };
    await write(t.key, 'orderCancellationReject', { order: aId, note: 'already packed' });
    await write(t.key, 'orderProcess', { order: aId });
    await write(t.key, 'orderShip', { order: aId });
    const handedOver = await t.prisma.shipment.findFirstOrThrow({ where: { orderId: a.id } });
    const second = (await write(t.key, 'shipmentCreate', { order: aId, warehouse: gid('Warehouse', extra.id) }, '__typename ... on ShipmentCreatePayload { shipment { id } }')) as {
      shipment: { id: string };
    };
    await write(t.key, 'paymentRecord', { order: aId, amount: '350', method: 'CASH' });
    await write(t.key, 'orderReturn', { order: aId, returnBy: 'customer_request', lines: [{ item: gid('OrderItem', line.id), quantity: 1 }], refund: { amount: '100' } });
    const ret = await t.prisma.orderReturn.findFirstOrThrow({ where: { orderId: a.id } });
    const refund = await t.prisma.payment.findFirstOrThrow({ where: { orderId: a.id, kind: 'REFUND' } });

    // Order B: asked, approved. Order C: asked, then simply cancelled (the request is granted). Order D: asked, the deadline passes.
    const [b, c, d] = await Promise.all([1, 2, 3].map(() => t.order({ status: 'CONFIRMED', items: [{ variationId: shoes.id, quantity: 1 }] })));
    const [bId, cId, dId] = [b!, c!, d!].map((o) => gid('Order', o.id)) as [string, string, string];
    const requests: Record<string, { id: string; deadlineAt: string }> = {};
    for (const [id, reason] of [[bId, 'OUT_OF_STOCK'], [cId, 'CUSTOMER_REQUEST'], [dId, 'OTHER']] as const) {
      const asked = await write(t.key, 'orderCancellationRequest', { order: id, reason, requestedBy: 'CHANNEL' }, '__typename ... on OrderCancellationRequestPayload { cancellationRequest { id deadlineAt } }');
      requests[id] = asked.cancellationRequest as { id: string; deadlineAt: string };
    }
    await write(t.key, 'orderCancellationApprove', { order: bId, note: 'restocking takes weeks' });
    await write(t.key, 'orderCancel', { order: cId, reason: 'CUSTOMER_REQUEST', note: 'cancelled at the counter' });
    await t.prisma.cancellationRequest.update({ where: { id: num(requests[dId]!.id) }, data: { deadlineAt: new Date(Date.now() - 60_000) } });
    const queue = await execute<{ cancellationRequests: { totalCount: number } }, Record<string, unknown>>(t.key, '{ cancellationRequests { totalCount } }', {});
    expect(queue.errors).toBeUndefined();

    await settle(t);
    const mine = received.filter((r) => NEW_TYPES.includes(r.json.type) && [aId, bId, cId, dId].includes(r.json.data.order as string)).sort((x, y) => x.json.sequence - y.json.sequence);
    for (const request of mine) {
      const [, at, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(request.headers['ordergraph-signature'])) ?? [];
      expect(v1).toBe(createHmac('sha256', secret).update(`${at}.${request.body}`).digest('hex'));
      expect(request.headers['ordergraph-event-type']).toBe(request.json.type);
      expect(typeof request.json.data.at).toBe('string');
    }
    // Once each.
    expect(new Set(mine.map((r) => r.json.id)).size).toBe(mine.length);
    const strip = ({ at: _at, ...rest }: Record<string, unknown>) => rest;
    expect(mine.map((r) => [r.json.type, strip(r.json.data)])).toEqual([
      [
        'order.edited',
        {
          order: aId,
          version: a.version + 1,
          // 2 x 100.00 became 3 x 100.00, and 1 x 50.00 was added: 200.00 -> 350.00.
          fields: {
            subtotal: { from: '200.00', to: '350.00' },
            grandTotal: { from: '200.00', to: '350.00' },
            notes: { from: null, to: 'gift wrap' },
          },
          lines: {
            added: [{ item: gid('OrderItem', added.id), sku: socks.sku, quantity: 1, unitPrice: '50.00', lineTotal: '50.00' }],
            changed: [{ item: gid('OrderItem', line.id), sku: shoes.sku, quantity: { from: 2, to: 3 }, lineTotal: { from: '200.00', to: '300.00' } }],
            removed: [],
          },
          parties: { set: [], removed: [] },
          adjustmentsReplaced: false,
          actor: 'key:test',
        },
      ],
      [
        'cancellation.requested',
        {
          order: aId,
          cancellationRequest: requestA.cancellationRequest.id,
          requestedBy: 'BUYER',
          reason: 'CUSTOMER_REQUEST',
          note: 'changed my mind',
          deadlineAt: requestA.cancellationRequest.deadlineAt,
          actor: 'key:test',
        },
      ],
      [
        'cancellation.decided',
        { order: aId, cancellationRequest: requestA.cancellationRequest.id, decision: 'REJECTED', decidedBy: 'key:test', reason: 'CUSTOMER_REQUEST', note: 'already packed' },
      ],
      ['shipment.created', { order: aId, shipment: gid('Shipment', handedOver.id), warehouse: gid('Warehouse', main.id), status: 'IN_TRANSIT' }],
      ['shipment.created', { order: aId, shipment: second.shipment.id, warehouse: gid('Warehouse', extra.id), status: 'PENDING' }],
      [
        'return.recorded',
        {
          order: aId,
          return: gid('OrderReturn', ret.id),
          value: '100.00',
          // One of three units at 100.00, back into the warehouse it shipped from.
          lines: [{ item: gid('OrderItem', line.id), quantity: 1, restock: true, warehouse: gid('Warehouse', main.id), value: '100.00' }],
          refund: { payment: gid('Payment', refund.id), amount: '100.00' },
          actor: 'key:test',
        },
      ],
      ...[[bId, 'OUT_OF_STOCK'], [cId, 'CUSTOMER_REQUEST'], [dId, 'OTHER']].map(([id, reason]) => [
        'cancellation.requested',
        { order: id, cancellationRequest: requests[id!]!.id, requestedBy: 'CHANNEL', reason, note: null, deadlineAt: requests[id!]!.deadlineAt, actor: 'key:test' },
      ]),
      ['cancellation.decided', { order: bId, cancellationRequest: requests[bId]!.id, decision: 'APPROVED', decidedBy: 'key:test', reason: 'OUT_OF_STOCK', note: 'restocking takes weeks' }],
      ['cancellation.decided', { order: cId, cancellationRequest: requests[cId]!.id, decision: 'APPROVED', decidedBy: 'key:test', reason: 'CUSTOMER_REQUEST', note: 'cancelled at the counter' }],
      ['cancellation.decided', { order: dId, cancellationRequest: requests[dId]!.id, decision: 'EXPIRED', decidedBy: 'system:deadline', reason: 'OTHER', note: null }],
    ]);
    // The endpoint's list of event types says what each new one reports.
    const types = await execute<{ webhookEventTypes: Array<{ name: string; description: string }> }, Record<string, unknown>>(t.key, '{ webhookEventTypes { name description } }', {});
    const names = (types.data?.webhookEventTypes ?? []).map((x) => x.name);
    for (const type of NEW_TYPES) expect(names).toContain(type);
  });
});

const STATUS_DOCUMENT = 'subscription { orderStatusChanged { from to order { code status amountDue customer { name } } } }';

async function endpointWith(t: TestTenant, input: Record<string, unknown>) {
  const response = await execute<{ webhookEndpointCreate: { __typename: string; problems?: Array<{ path: string[]; message: string }> } }, Record<string, unknown>>(
    t.key,
    'mutation ($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) { __typename ... on ValidationError { problems { path message } } } }',
    { input },
  );
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!.webhookEndpointCreate;
}

describe('payload documents', () => {
  it("shape the data of their field's events with exactly the selected fields; other types keep the standard payload", async () => {
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ price: '100', stock: { [warehouse.id]: 10 } }] });
    const customer = await t.customer({ name: 'Siti Rahayu' });
    expect((await endpointWith(t, { url, eventTypes: ['order.created', 'order.status_changed'], payloadDocument: STATUS_DOCUMENT })).__typename).toBe('WebhookEndpointSecretPayload');
    const order = (await write(
      t.key,
      'orderCreate',
      { customer: gid('Customer', customer.id), items: [{ variation: gid('Variation', variations[0]!.id), quantity: 2 }] },
      '__typename ... on OrderCreatePayload { order { id code } }',
    )) as { order: { id: string; code: string } };
    await settle(t);
    await write(t.key, 'orderConfirm', { order: order.order.id });
    await settle(t);
    const mine = received.filter((r) => r.json.data.order === order.order.id || (r.json.data.orderStatusChanged as { order?: { code?: string } } | undefined)?.order?.code === order.order.code);
    mine.sort((x, y) => x.json.sequence - y.json.sequence);
    const order0 = await t.prisma.order.findFirstOrThrow({ where: { tenantId: t.id } });
    expect(mine.map((r) => [r.json.type, r.json.data])).toEqual([
      // Not the document's field: the standard payload.
      ['order.created', { order: order.order.id, status: 'PENDING', at: expect.any(String) }],
      // Read when sent: the first while the order was PENDING, the second after the confirmation. 2 x 100.00 due.
      ['order.status_changed', { orderStatusChanged: { from: null, to: 'PENDING', order: { code: order.order.code, status: 'PENDING', amountDue: '200.00', customer: { name: 'Siti Rahayu' } } } }],
      ['order.status_changed', { orderStatusChanged: { from: 'PENDING', to: 'CONFIRMED', order: { code: order.order.code, status: 'CONFIRMED', amountDue: '200.00', customer: { name: 'Siti Rahayu' } } } }],
    ]);
    expect(order0.code).toBe(order.order.code);
    // id, type, sequence and createdAt stay around the shaped data.
    for (const r of mine) expect(Object.keys(r.json)).toEqual(['id', 'type', 'sequence', 'createdAt', 'data']);
  });

  it('refuses a document that cannot work, naming the problem, and writes nothing', async () => {
    const t = await newTenant();
    const cases: Array<[string, string[], string]> = [
      ['subscription {', ['order.created'], 'does not parse: Syntax Error: Expected Name, found <EOF>.'],
      ['query { orders { totalCount } }', ['order.created'], 'must be a subscription, not a query'],
      ['subscription { orderCreated { at } orderStatusChanged { to } }', ['*'], 'must select exactly one root field (no fragments at the root)'],
      ['subscription { orderCreated { nope } }', ['order.created'], 'is not valid: Cannot query field "nope" on type "OrderCreatedEvent".'],
      ['subscription ($after: ID) { orderStatusChanged(after: $after) { to } }', ['order.status_changed'], 'may not declare variables: nothing supplies them at delivery'],
      [
        'subscription { orderStatusCountsChanged { at } }',
        ['*'],
        'root field orderStatusCountsChanged reports no webhook event; use one of orderCreated, orderStatusChanged, paymentRecorded, shipmentTracked, stockLevelChanged',
      ],
      ['subscription { paymentRecorded { at } }', ['order.created', 'order.status_changed'], "root field paymentRecorded reports payment.recorded, payment.refunded, none of the endpoint's event types"],
      [
        // 13 fields deep; QUERY_MAX_DEPTH is 12.
        'subscription { orderCreated { order { items { order { items { order { items { order { items { order { items { order { code } } } } } } } } } } } } }',
        ['order.created'],
        'nests 13 fields deep; the most is 12',
      ],
    ];
    for (const [document, eventTypes, message] of cases) {
      const answer = await endpointWith(t, { url: 'https://partner.example.com/hooks', eventTypes, payloadDocument: document });
      expect(answer, document).toEqual({ __typename: 'ValidationError', problems: [{ path: ['payloadDocument'], message }] });
    }
    // Within the depth (11 fields), but 100 orders of a customer each with 100 orders of theirs: over QUERY_MAX_COST (10000).
    const costly = await endpointWith(t, {
      url: 'https://partner.example.com/hooks',
      eventTypes: ['order.created'],
      payloadDocument: 'subscription { orderCreated { order { customer { orders(first: 100) { edges { node { customer { orders(first: 100) { edges { node { code } } } } } } } } } } }',
    });
    expect(costly.problems).toEqual([{ path: ['payloadDocument'], message: expect.stringMatching(/^would cost \d{5,} points per event; the most is 10000$/) }]);
    expect(await t.prisma.webhookEndpoint.count({ where: { tenantId: t.id } })).toBe(0);

    // A saved document stays consistent with the endpoint's types: dropping its type is refused, the endpoint unchanged.
    const created = (await write(
      t.key,
      'webhookEndpointCreate',
      { url: 'https://partner.example.com/hooks', eventTypes: ['order.status_changed'], payloadDocument: STATUS_DOCUMENT },
      '__typename ... on WebhookEndpointSecretPayload { endpoint { id payloadDocument } }',
    )) as { endpoint: { id: string; payloadDocument: string } };
    expect(created.endpoint.payloadDocument).toBe(STATUS_DOCUMENT);
    const update = await execute<{ webhookEndpointUpdate: unknown }, Record<string, unknown>>(
      t.key,
      'mutation ($input: WebhookEndpointUpdateInput!) { webhookEndpointUpdate(input: $input) { __typename ... on ValidationError { problems { path message } } } }',
      { input: { endpoint: created.endpoint.id, eventTypes: ['order.created'] } },
    );
    expect(update.data!.webhookEndpointUpdate).toEqual({
      __typename: 'ValidationError',
      problems: [{ path: ['payloadDocument'], message: "root field orderStatusChanged reports order.status_changed, none of the endpoint's event types" }],
    });
    const stored = await t.prisma.webhookEndpoint.findFirstOrThrow({ where: { tenantId: t.id } });
    expect(stored.eventTypes).toEqual(['order.status_changed']);
    // An empty string removes the document; then any types go.
    await write(t.key, 'webhookEndpointUpdate', { endpoint: created.endpoint.id, payloadDocument: '', eventTypes: ['order.created'] });
    expect(await t.prisma.webhookEndpoint.findFirstOrThrow({ where: { tenantId: t.id }, select: { payloadDocument: true, eventTypes: true } })).toEqual({ payloadDocument: null, eventTypes: ['order.created'] });
  });

  it('records a document that fails at delivery as a failed attempt, and tries again like any failure', async () => {
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ price: '100', stock: { [warehouse.id]: 10 } }] });
    await write(t.key, 'webhookEndpointCreate', { url, eventTypes: ['order.created'], payloadDocument: 'subscription { orderCreated { order { code } } }' });
    // The shared relay would send at once: this test's relay starts after the order is gone, so the document's re-read fails.
    await relayed.stop();
    const order = (await write(t.key, 'orderCreate', { items: [{ variation: gid('Variation', variations[0]!.id), quantity: 1 }] }, '__typename ... on OrderCreatePayload { order { id } }')) as {
      order: { id: string };
    };
    await t.prisma.order.delete({ where: { id: num(order.order.id) } });
    const { app } = await testApp();
    const config: WebhooksConfig = { ...loadConfig({}).webhooks, pollMs: 50, retryBaseMs: 20, retryMaxMs: 100, timeoutMs: 5_000, allowedPrivateHosts: ['127.0.0.1'], requireHttps: false, relayTenants: tenantsCreatedHere };
    relayed = await startOutboxRelay({ db: app.db, events: app.events, log: app.log, config, post: webhookClient(config), shape: app.webhookPayloads.shape });
    const deadline = Date.now() + 60_000;
    while ((await t.prisma.webhookAttempt.count({ where: { tenantId: t.id } })) < 2 && Date.now() < deadline) {
      await relayed.drain();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const attempts = await t.prisma.webhookAttempt.findMany({ where: { tenantId: t.id }, orderBy: { id: 'asc' }, take: 2 });
    expect(attempts.map((a) => [a.statusCode, a.error?.startsWith('payload document failed: '), a.responseExcerpt])).toEqual([
      [null, true, null],
      [null, true, null],
    ]);
    const delivery = await t.prisma.webhookDelivery.findFirstOrThrow({ where: { tenantId: t.id } });
    expect(delivery.status).toBe('PENDING');
    expect(delivery.attempts).toBeGreaterThanOrEqual(2);
    // Nothing reached the receiver for it.
    expect(received.filter((r) => r.json.id === `evt_${delivery.eventId}`)).toEqual([]);
    await t.prisma.webhookEndpoint.deleteMany({ where: { tenantId: t.id } });
  });
});
