// One idempotency key space per tenant, whatever carries the key: the Idempotency-Key
// header, the request's extensions.idempotencyKey (over HTTP and over graphql-ws, where
// there are no headers per operation), and orderCreate's idempotencyKey argument.
import { parse, print, type DocumentNode } from 'graphql';
import type { FormattedExecutionResult } from 'graphql-ws';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createSchema, createYoga } from 'graphql-yoga';
import { OcOrderCreateDocument, PaymentRecordDocument, type OrderCreateInput, type PaymentRecordInput } from '../generated/graphql.js';
import { createIdempotencyStore } from '../../src/db/idempotency-store.js';
import { idempotencyPlugin } from '../../src/http/idempotency.js';
import { createMaskError } from '../../src/http/mask-error.js';
import { createLogger } from '../../src/logger.js';
import { testApp } from '../support/app.js';
import { post, type GraphQLResponse } from '../support/execute.js';
import { liveServer, withDeadline, wsClient, type WsClient } from '../support/subscribe.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

interface Keys {
  header?: string;
  extension?: unknown;
}

/** A document over HTTP with an API key, the key as a header and/or in extensions. */
async function send<TResult, TVariables>(
  apiKey: string,
  document: TypedDocumentNode<TResult, TVariables> | DocumentNode,
  variables: TVariables,
  keys: Keys = {},
): Promise<GraphQLResponse<TResult>> {
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
  if (keys.header !== undefined) headers['idempotency-key'] = keys.header;
  const body = { query: print(document), variables, ...(keys.extension !== undefined ? { extensions: { idempotencyKey: keys.extension } } : {}) };
  const response = await post(body, headers);
  return { ...((await response.json()) as GraphQLResponse<TResult>), status: response.status };
}

const sockets: WsClient[] = [];
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
});

async function socketOf(apiKey: string): Promise<WsClient> {
  const { url } = await liveServer();
  const ws = wsClient(url, apiKey);
  sockets.push(ws);
  return ws;
}

/** A mutation over graphql-ws with the key in the subscribe payload's extensions: its one result. */
function overSocket<TResult, TVariables>(
  ws: WsClient,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  idempotencyKey: string,
): Promise<FormattedExecutionResult<TResult, Record<string, unknown>>> {
  return withDeadline(
    new Promise((resolve, reject) => {
      let result: FormattedExecutionResult<TResult, Record<string, unknown>> | undefined;
      ws.client.subscribe<TResult, Record<string, unknown>>(
        { query: print(document), variables: variables as Record<string, unknown>, extensions: { idempotencyKey } },
        {
          next: (value) => void (result = value),
          error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
          complete: () => (result ? resolve(result) : reject(new Error('completed without a result'))),
        },
      );
    }),
    15_000,
    'a WebSocket mutation result',
  );
}

/** A CONFIRMED order of 2 x 5000 = 10000.00 due, and a payment of 4000 for it. */
async function payableOrder(t: TestTenant) {
  const { variations } = await t.product({ variations: [{ price: '5000' }] });
  const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: variations[0]!.id, quantity: 2 }] });
  return { order, input: { order: gid('Order', order.id), method: 'CASH', amount: '4000', paidAt: '2026-01-10T03:00:00.000Z' } satisfies PaymentRecordInput };
}

const payments = (t: TestTenant, orderId: number) => t.prisma.payment.count({ where: { tenantId: t.id, orderId } });

describe('extensions.idempotencyKey over WebSocket', () => {
  it('records one payment for a paymentRecord sent twice with one key; the second answer is the first, replayed', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);
    const ws = await socketOf(t.key);

    const first = await overSocket(ws, PaymentRecordDocument, { input }, 'ws-pay-1');
    const second = await overSocket(ws, PaymentRecordDocument, { input }, 'ws-pay-1');

    expect(first.errors).toBeUndefined();
    expect(first.data?.paymentRecord).toMatchObject({ __typename: 'PaymentRecordPayload', payment: { amount: '4000.00', installmentNumber: 1 } });
    expect(first.extensions?.replayed).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(second.extensions?.replayed).toBe(true);
    expect(await payments(t, order.id)).toBe(1);
  });

  it('answers the key with another amount with an IDEMPOTENCY_CONFLICT error and records nothing more', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);
    const ws = await socketOf(t.key);
    await overSocket(ws, PaymentRecordDocument, { input }, 'ws-pay-2');

    const other = await overSocket(ws, PaymentRecordDocument, { input: { ...input, amount: '5000' } }, 'ws-pay-2');

    expect(other.data ?? null).toBeNull();
    expect(other.errors).toHaveLength(1);
    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    // No HTTP status over a socket.
    expect(other.errors?.[0]?.extensions?.http).toBeUndefined();
    expect(await payments(t, order.id)).toBe(1);
  });

  it('runs five concurrent identical mutations on one socket once: one payment, four replayed', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);
    const ws = await socketOf(t.key);

    const answers = await Promise.all(Array.from({ length: 5 }, () => overSocket(ws, PaymentRecordDocument, { input }, 'ws-burst')));

    expect(await payments(t, order.id)).toBe(1);
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(answers.filter((a) => a.extensions?.replayed === true)).toHaveLength(4);
    for (const answer of answers) expect(answer.data).toEqual(answers[0]!.data);
  });

  it('is the same key as the header over HTTP: a retry over HTTP with the header is replayed', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);
    const ws = await socketOf(t.key);

    const first = await overSocket(ws, PaymentRecordDocument, { input }, 'ws-then-http');
    const retry = await send(t.key, PaymentRecordDocument, { input }, { header: 'ws-then-http' });

    expect(retry.status).toBe(200);
    expect(retry.data).toEqual(first.data);
    expect(retry.extensions?.replayed).toBe(true);
    expect(await payments(t, order.id)).toBe(1);
  });
});

describe('extensions.idempotencyKey over HTTP', () => {
  it('works as the header: replayed with the same request, IDEMPOTENCY_CONFLICT (422) with another', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);

    const first = await send(t.key, PaymentRecordDocument, { input }, { extension: 'ext-pay-1' });
    const again = await send(t.key, PaymentRecordDocument, { input }, { extension: 'ext-pay-1' });
    const byHeader = await send(t.key, PaymentRecordDocument, { input }, { header: 'ext-pay-1' });
    const other = await send(t.key, PaymentRecordDocument, { input: { ...input, amount: '1000' } }, { extension: 'ext-pay-1' });

    expect(first.data?.paymentRecord.__typename).toBe('PaymentRecordPayload');
    expect(first.extensions?.replayed).toBeUndefined();
    expect(again.data).toEqual(first.data);
    expect(again.extensions?.replayed).toBe(true);
    expect(byHeader.data).toEqual(first.data);
    expect(byHeader.extensions?.replayed).toBe(true);
    expect(other.status).toBe(422);
    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await payments(t, order.id)).toBe(1);
  });

  it('refuses a header and an extensions key that differ as BAD_REQUEST (400), running nothing', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);

    const refused = await send(t.key, PaymentRecordDocument, { input }, { header: 'key-a', extension: 'key-b' });

    expect(refused.status).toBe(400);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(await payments(t, order.id)).toBe(0);
    expect(await t.prisma.idempotencyKey.count({ where: { tenantId: t.id } })).toBe(0);
  });

  it('accepts the same key in both, and refuses a key in extensions that is not a string', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);

    const both = await send(t.key, PaymentRecordDocument, { input }, { header: 'key-same', extension: 'key-same' });
    const retry = await send(t.key, PaymentRecordDocument, { input }, { extension: 'key-same' });
    const notText = await send(t.key, PaymentRecordDocument, { input }, { extension: 42 });

    expect(both.data?.paymentRecord.__typename).toBe('PaymentRecordPayload');
    expect(retry.extensions?.replayed).toBe(true);
    expect(notText.status).toBe(400);
    expect(notText.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(await payments(t, order.id)).toBe(1);
  });
});

describe("orderCreate's idempotencyKey argument and the request keys: one key space", () => {
  async function shop() {
    const t = await newTenant();
    const { variations } = await t.product({ variations: [{ price: '50000', stock: { [(await t.warehouse()).id]: 100 } }] });
    const input: OrderCreateInput = { idempotencyKey: 'same-7f3a', buyer: { name: 'Budi', phone: '0812' }, items: [{ variation: gid('Variation', variations[0]!.id), quantity: 2 }] };
    return { t, input };
  }

  it('refuses a header key that an order took as its argument, for another mutation', async () => {
    const { t, input } = await shop();
    const created = await send(t.key, OcOrderCreateDocument, { input });
    const { order, input: payment } = await payableOrder(t);

    const pay = await send(t.key, PaymentRecordDocument, { input: payment }, { header: 'same-7f3a' });

    expect(created.data?.orderCreate).toMatchObject({ __typename: 'OrderCreatePayload', replayed: false });
    expect(pay.status).toBe(422);
    expect(pay.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await payments(t, order.id)).toBe(0);
  });

  it('refuses an argument key that a header key took for another mutation, creating no order', async () => {
    const { t, input } = await shop();
    const { input: payment } = await payableOrder(t);
    const ordersBefore = await t.prisma.order.count({ where: { tenantId: t.id } });
    await send(t.key, PaymentRecordDocument, { input: payment }, { header: 'same-7f3a' });

    const created = await send(t.key, OcOrderCreateDocument, { input });

    expect(created.data?.orderCreate ?? null).toBeNull();
    expect(created.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(ordersBefore);
  });

  it('refuses an argument key that an extensions key over WebSocket took for another mutation', async () => {
    const { t, input } = await shop();
    const { input: payment } = await payableOrder(t);
    const ordersBefore = await t.prisma.order.count({ where: { tenantId: t.id } });
    await overSocket(await socketOf(t.key), PaymentRecordDocument, { input: payment }, 'same-7f3a');

    const created = await send(t.key, OcOrderCreateDocument, { input });

    expect(created.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(ordersBefore);
  });

  it('answers the same order input with the argument as the header key, and the argument alone, with the first order, replayed', async () => {
    const { t, input } = await shop();

    const first = await send(t.key, OcOrderCreateDocument, { input });
    const withHeader = await send(t.key, OcOrderCreateDocument, { input }, { header: 'same-7f3a' });
    const overSocketToo = await overSocket(await socketOf(t.key), OcOrderCreateDocument, { input }, 'same-7f3a');
    const alone = await send(t.key, OcOrderCreateDocument, { input });

    if (first.data?.orderCreate.__typename !== 'OrderCreatePayload') throw new Error('not created');
    const orderId = first.data.orderCreate.order.id;
    for (const again of [withHeader.data?.orderCreate, overSocketToo.data?.orderCreate, alone.data?.orderCreate]) {
      expect(again).toMatchObject({ __typename: 'OrderCreatePayload', replayed: true, order: { id: orderId } });
    }
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(1);
  });

  it('takes a header key equal to the argument (as the field reads it, trimmed) as the argument key, in a request of that one field only', async () => {
    const { t, input } = await shop();
    const padded = { ...input, idempotencyKey: '  same-7f3a ' };

    const first = await send(t.key, OcOrderCreateDocument, { input: padded }, { header: 'same-7f3a' });
    const alone = await send(t.key, OcOrderCreateDocument, { input });
    const twoFields = await send(
      t.key,
      parse('mutation($input: OrderCreateInput!) { a: orderCreate(input: $input) { __typename } b: orderCreate(input: $input) { __typename } }'),
      { input },
      { header: 'same-7f3a' },
    );

    expect(first.data?.orderCreate).toMatchObject({ __typename: 'OrderCreatePayload', replayed: false });
    expect(alone.data?.orderCreate).toMatchObject({ __typename: 'OrderCreatePayload', replayed: true });
    expect(twoFields.status).toBe(400);
    expect(twoFields.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(1);
  });

  it('answers the same argument key with another order input as an IdempotencyConflictError, also with the key as header', async () => {
    const { t, input } = await shop();
    const first = await send(t.key, OcOrderCreateDocument, { input });
    const changed = { ...input, notes: 'another order' };

    const byArgument = await send(t.key, OcOrderCreateDocument, { input: changed });
    const withHeader = await send(t.key, OcOrderCreateDocument, { input: changed }, { header: 'same-7f3a' });

    if (first.data?.orderCreate.__typename !== 'OrderCreatePayload') throw new Error('not created');
    for (const answer of [byArgument, withHeader]) {
      expect(answer.data?.orderCreate).toMatchObject({ __typename: 'IdempotencyConflictError', code: 'IDEMPOTENCY_CONFLICT', existingOrderId: first.data.orderCreate.order.id });
    }
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(1);
  });
});

describe('what a key stores', () => {
  it('stores the masked response the client got, so a replay does not reveal an unexpected error', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    const quiet = createLogger('silent');
    const maskError = createMaskError(quiet, () => true);
    // The plugin over a one-field schema whose second field fails unexpectedly.
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { ok: Boolean } type Touched { a: Int, b: Int } type Mutation { touch: Touched }',
        resolvers: {
          Mutation: { touch: () => ({ a: 1 }) },
          Touched: {
            b: () => {
              throw new Error('connection to db-secret-host:5432 refused');
            },
          },
        },
      }),
      plugins: [idempotencyPlugin(createIdempotencyStore(), { maskError })],
      maskedErrors: { maskError },
      context: () => ({ prisma: app.db.forTenant(t.id), tenantId: t.id }),
      logging: false,
    });
    const touch = async () => {
      const response = await yoga.fetch('http://ordergraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: 'mutation { touch { a b } }', extensions: { idempotencyKey: 'touch-masked' } }),
      });
      return (await response.json()) as GraphQLResponse<{ touch: { a: number; b: number | null } }>;
    };

    const first = await touch();
    const replay = await touch();

    expect(first.data).toEqual({ touch: { a: 1, b: null } });
    expect(first.errors?.[0]).toMatchObject({ message: 'Unexpected error.', path: ['touch', 'b'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(replay.extensions?.replayed).toBe(true);
    expect(replay.data).toEqual(first.data);
    expect(replay.errors).toEqual(first.errors);
    const row = await t.prisma.idempotencyKey.findUniqueOrThrow({ where: { tenantId_key: { tenantId: t.id, key: 'touch-masked' } } });
    expect(JSON.stringify(row.response)).not.toContain('db-secret-host');
  });
});
