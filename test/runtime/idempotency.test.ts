// The Idempotency-Key header on mutations: a retry with the key gets the first
// response again (extensions.replayed) and writes nothing; the key with another
// request is IDEMPOTENCY_CONFLICT; concurrent duplicates run once; keys are per
// tenant; a request that failed without writing gives its key up.
import { print, type DocumentNode } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { describe, expect, it } from 'vitest';
import {
  InvStockAdjustDocument,
  OcOrderCreateDocument,
  PaymentRecordDocument,
  TransitionConfirmDocument,
  type OrderCreateInput,
  type PaymentRecordInput,
} from '../generated/graphql.js';
import { createIdempotencyStore } from '../../src/db/idempotency-store.js';
import { idempotencyPlugin } from '../../src/http/idempotency.js';
import { testApp } from '../support/app.js';
import { countStatements, post, type GraphQLResponse } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

/** Sends a document with an API key and, when given, an Idempotency-Key header. */
async function send<TResult, TVariables>(
  apiKey: string,
  document: TypedDocumentNode<TResult, TVariables> | DocumentNode,
  variables: TVariables,
  idempotencyKey?: string,
): Promise<GraphQLResponse<TResult>> {
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
  if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
  const response = await post({ query: print(document), variables }, headers);
  return { ...((await response.json()) as GraphQLResponse<TResult>), status: response.status };
}

/** A CONFIRMED order of 2 x 5000 = 10000.00 due. */
async function payableOrder(t: TestTenant) {
  const { variations } = await t.product({ variations: [{ price: '5000' }] });
  const order = await t.order({ status: 'CONFIRMED', items: [{ variationId: variations[0]!.id, quantity: 2 }] });
  return { order, input: { order: gid('Order', order.id), method: 'CASH', amount: '4000', paidAt: '2026-01-10T03:00:00.000Z' } satisfies PaymentRecordInput };
}

const payments = (t: TestTenant, orderId: number) => t.prisma.payment.count({ where: { tenantId: t.id, orderId } });

describe('Idempotency-Key on mutations', () => {
  it('answers a paymentRecord sent twice with one key with the first response, replayed, and records one payment', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);
    const before = Date.now();

    const first = await send(t.key, PaymentRecordDocument, { input }, 'pay-7f3a');
    const second = await send(t.key, PaymentRecordDocument, { input }, 'pay-7f3a');

    expect(first.errors).toBeUndefined();
    expect(first.data?.paymentRecord).toMatchObject({ __typename: 'PaymentRecordPayload', payment: { amount: '4000.00', installmentNumber: 1 } });
    expect(first.extensions?.replayed).toBeUndefined();
    expect(second.status).toBe(200);
    expect(second.data).toEqual(first.data);
    // Field for field in the order the document asked for them, as the first response.
    expect(JSON.stringify(second.data)).toBe(JSON.stringify(first.data));
    expect(second.extensions?.replayed).toBe(true);
    // Each response names its own request.
    expect(second.extensions?.requestId).toEqual(expect.any(String));
    expect(second.extensions?.requestId).not.toBe(first.extensions?.requestId);
    expect(await payments(t, order.id)).toBe(1);
    const row = await t.prisma.idempotencyKey.findUniqueOrThrow({ where: { tenantId_key: { tenantId: t.id, key: 'pay-7f3a' } } });
    expect(row.status).toBe('DONE');
    // Kept for a day.
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 24 * 3600_000);
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);
  });

  it('refuses the key with another amount as IDEMPOTENCY_CONFLICT and writes nothing', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);
    await send(t.key, PaymentRecordDocument, { input }, 'pay-1');

    const other = await send(t.key, PaymentRecordDocument, { input: { ...input, amount: '5000' } }, 'pay-1');

    expect(other.status).toBe(422);
    expect(other.data ?? null).toBeNull();
    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await payments(t, order.id)).toBe(1);
  });

  it('treats variables with their keys in another order as the same request', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);
    await send(t.key, PaymentRecordDocument, { input }, 'pay-order');
    const reordered = { paidAt: input.paidAt, amount: input.amount, method: input.method, order: input.order };

    const again = await send(t.key, PaymentRecordDocument, { input: reordered }, 'pay-order');

    expect(again.extensions?.replayed).toBe(true);
    expect(await payments(t, order.id)).toBe(1);
  });

  it('runs five concurrent identical requests once: one payment, the others wait and get its response', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);

    const answers = await Promise.all(Array.from({ length: 5 }, () => send(t.key, PaymentRecordDocument, { input }, 'pay-burst')));

    expect(await payments(t, order.id)).toBe(1);
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(answers.filter((a) => a.extensions?.replayed === true)).toHaveLength(4);
    for (const answer of answers) expect(answer.data).toEqual(answers[0]!.data);
  });

  it('replays an order transition instead of refusing the second confirm', async () => {
    const t = await newTenant();
    const order = await t.order({ status: 'PENDING', items: [{ variationId: (await t.product()).variations[0]!.id, quantity: 1 }] });
    const input = { order: gid('Order', order.id), note: 'paid' };

    const first = await send(t.key, TransitionConfirmDocument, { input }, 'confirm-1');
    const retry = await send(t.key, TransitionConfirmDocument, { input }, 'confirm-1');
    const withoutKey = await send(t.key, TransitionConfirmDocument, { input });

    expect(first.data?.orderConfirm).toMatchObject({ __typename: 'OrderConfirmPayload', order: { status: 'CONFIRMED' } });
    expect(retry.data).toEqual(first.data);
    expect(retry.extensions?.replayed).toBe(true);
    // Without a key the retry is a new request, refused by the state machine.
    expect(withoutKey.data?.orderConfirm.__typename).toBe('InvalidTransitionError');
    expect(await t.prisma.orderEvent.count({ where: { tenantId: t.id, orderId: order.id, type: 'confirm' } })).toBe(1);
  });

  it('adjusts stock once for a stockAdjust sent twice with one key', async () => {
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ stock: { [warehouse.id]: 10 } }] });
    const variation = variations[0]!;
    const input = { variation: gid('Variation', variation.id), warehouse: gid('Warehouse', warehouse.id), quantity: 5, reason: 'Tambahan stok' };

    const first = await send(t.key, InvStockAdjustDocument, { input }, 'adjust-1');
    const retry = await send(t.key, InvStockAdjustDocument, { input }, 'adjust-1');

    expect(first.data?.stockAdjust.__typename).toBe('StockAdjustPayload');
    expect(retry.data).toEqual(first.data);
    expect(retry.extensions?.replayed).toBe(true);
    const level = await t.prisma.stockLevel.findFirstOrThrow({ where: { tenantId: t.id, variationId: variation.id, warehouseId: warehouse.id } });
    expect(level.onHand).toBe(15);
    expect(await t.prisma.stockMovement.count({ where: { tenantId: t.id, variationId: variation.id, kind: 'ADJUSTMENT' } })).toBe(1);
  });

  it('keeps keys per tenant: two tenants using one key each record their own payment', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const payA = await payableOrder(a);
    const payB = await payableOrder(b);

    const first = await send(a.key, PaymentRecordDocument, { input: payA.input }, 'shared-key');
    const second = await send(b.key, PaymentRecordDocument, { input: payB.input }, 'shared-key');

    expect(first.data?.paymentRecord.__typename).toBe('PaymentRecordPayload');
    expect(second.data?.paymentRecord.__typename).toBe('PaymentRecordPayload');
    expect(second.extensions?.replayed).toBeUndefined();
    expect(await payments(a, payA.order.id)).toBe(1);
    expect(await payments(b, payB.order.id)).toBe(1);
  });

  it('gives the key up when the request failed without writing, so the retry runs', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);
    const viewer = await t.apiKey('VIEWER');

    const refused = await send(viewer, PaymentRecordDocument, { input }, 'pay-after-refusal');
    const retried = await send(t.key, PaymentRecordDocument, { input }, 'pay-after-refusal');

    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(retried.data?.paymentRecord.__typename).toBe('PaymentRecordPayload');
    expect(retried.extensions?.replayed).toBeUndefined();
    expect(await payments(t, order.id)).toBe(1);
  });

  it('stores a typed error as the final answer, like a 4xx', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);
    const tooMuch = { ...input, amount: '20000' };

    const first = await send(t.key, PaymentRecordDocument, { input: tooMuch }, 'pay-over');
    const retry = await send(t.key, PaymentRecordDocument, { input: tooMuch }, 'pay-over');

    expect(first.data?.paymentRecord.__typename).toBe('OverpaymentError');
    expect(retry.data).toEqual(first.data);
    expect(retry.extensions?.replayed).toBe(true);
    expect(await payments(t, order.id)).toBe(0);
  });

  it('makes a duplicate wait while the key is held, then answers the stored response', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);
    const first = await send(t.key, PaymentRecordDocument, { input }, 'pay-held');
    const where = { tenantId_key: { tenantId: t.id, key: 'pay-held' } };
    // As if the first request were still running.
    await t.prisma.idempotencyKey.update({ where, data: { status: 'IN_PROGRESS' } });

    const waiting = send(t.key, PaymentRecordDocument, { input }, 'pay-held');
    await t.prisma.idempotencyKey.update({ where, data: { status: 'DONE' } });
    const answer = await waiting;

    expect(answer.data).toEqual(first.data);
    expect(answer.extensions?.replayed).toBe(true);
    expect(await payments(t, order.id)).toBe(1);
  });

  it('runs the request again when the key was abandoned mid-request or expired', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);
    const small = { ...input, amount: '1000' };
    await send(t.key, PaymentRecordDocument, { input: small }, 'pay-old');
    const where = { tenantId_key: { tenantId: t.id, key: 'pay-old' } };

    await t.prisma.idempotencyKey.update({ where, data: { status: 'IN_PROGRESS', expiresAt: new Date(Date.now() - 1000) } });
    const afterAbandoned = await send(t.key, PaymentRecordDocument, { input: small }, 'pay-old');
    await t.prisma.idempotencyKey.update({ where, data: { expiresAt: new Date(Date.now() - 1000) } });
    const afterExpiry = await send(t.key, PaymentRecordDocument, { input: small }, 'pay-old');

    expect(afterAbandoned.extensions?.replayed).toBeUndefined();
    expect(afterExpiry.extensions?.replayed).toBeUndefined();
    expect(await payments(t, order.id)).toBe(3);
  });

  it('ignores the header on queries and refuses a malformed key', async () => {
    const t = await newTenant();
    const { order, input } = await payableOrder(t);

    const read = await post({ query: '{ viewer { role } }' }, { authorization: `Bearer ${t.key}`, 'idempotency-key': 'read-1' });
    const malformed = await send(t.key, PaymentRecordDocument, { input }, 'has space');

    expect(read.status).toBe(200);
    expect(await t.prisma.idempotencyKey.count({ where: { tenantId: t.id } })).toBe(0);
    expect(malformed.status).toBe(400);
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(await payments(t, order.id)).toBe(0);
  });
});

describe('the cost of a key', () => {
  it('answers a replay with two statements (the claim that finds the key, its read) and none of the mutation', async () => {
    const t = await newTenant();
    const { input } = await payableOrder(t);
    await send(t.key, PaymentRecordDocument, { input }, 'pay-cost');

    const { result, statements } = await countStatements(() => send(t.key, PaymentRecordDocument, { input }, 'pay-cost'));

    expect(result.extensions?.replayed).toBe(true);
    const own = statements.filter((sql) => !/set_config/.test(sql));
    expect(own).toHaveLength(2);
    expect(own.every((sql) => sql.includes('"IdempotencyKey"'))).toBe(true);
  });

  it('deletes the tenant\'s expired keys when it claims a new one', async () => {
    const t = await newTenant();
    const { input } = await payableOrder(t);
    const past = new Date(Date.now() - 1000);
    await t.prisma.idempotencyKey.create({ data: { tenantId: t.id, key: 'old-done', requestHash: 'x', status: 'DONE', response: {}, expiresAt: past } });
    await t.prisma.idempotencyKey.create({ data: { tenantId: t.id, key: 'old-claim', requestHash: 'x', expiresAt: past } });
    await t.prisma.idempotencyKey.create({ data: { tenantId: t.id, key: 'recent', requestHash: 'x', status: 'DONE', response: {}, expiresAt: new Date(Date.now() + 3600_000) } });

    await send(t.key, PaymentRecordDocument, { input }, 'new-key');

    const left = await t.prisma.idempotencyKey.findMany({ where: { tenantId: t.id }, orderBy: { key: 'asc' }, select: { key: true } });
    expect(left.map((k) => k.key)).toEqual(['new-key', 'recent']);
  });
});

describe('Idempotency-Key header and the idempotencyKey argument of orderCreate', () => {
  async function shop() {
    const t = await newTenant();
    const { variations } = await t.product({ variations: [{ price: '50000', stock: { [(await t.warehouse()).id]: 100 } }] });
    const input: OrderCreateInput = { idempotencyKey: 'checkout-1', buyer: { name: 'Budi', phone: '0812' }, items: [{ variation: gid('Variation', variations[0]!.id), quantity: 2 }] };
    return { t, input };
  }

  it('replays the request by header and the order by argument, one order in all', async () => {
    const { t, input } = await shop();

    const first = await send(t.key, OcOrderCreateDocument, { input }, 'req-1');
    const sameHeader = await send(t.key, OcOrderCreateDocument, { input }, 'req-1');
    const newHeader = await send(t.key, OcOrderCreateDocument, { input }, 'req-2');
    const noHeader = await send(t.key, OcOrderCreateDocument, { input });

    expect(first.data?.orderCreate).toMatchObject({ __typename: 'OrderCreatePayload', replayed: false });
    // The header replays the whole first response (its payload said replayed: false).
    expect(sameHeader.data).toEqual(first.data);
    expect(sameHeader.extensions?.replayed).toBe(true);
    // A new request key runs the mutation, and the argument finds the order created first.
    expect(newHeader.data?.orderCreate).toMatchObject({ __typename: 'OrderCreatePayload', replayed: true });
    expect(newHeader.extensions?.replayed).toBeUndefined();
    expect(noHeader.data?.orderCreate).toMatchObject({ __typename: 'OrderCreatePayload', replayed: true });
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(1);
  });

  it('refuses a header key reused for another order before the argument is looked at', async () => {
    const { t, input } = await shop();
    await send(t.key, OcOrderCreateDocument, { input }, 'req-1');

    const other = await send(t.key, OcOrderCreateDocument, { input: { ...input, idempotencyKey: 'checkout-2' } }, 'req-1');

    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(1);
  });
});

describe('a duplicate that outwaits the request holding its key', () => {
  it('answers IDEMPOTENCY_IN_PROGRESS with a retry-after, runs nothing, and replays once the first finished', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    let runs = 0;
    // The plugin over a one-field schema and the real store, which waits 0 ms here instead of 10 s.
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { ok: Boolean } type Mutation { touch(n: Int): Int }',
        resolvers: { Mutation: { touch: (_: unknown, { n }: { n: number }) => (runs += 1) && n } },
      }),
      plugins: [idempotencyPlugin(createIdempotencyStore({ waitMs: 0 }))],
      context: () => ({ prisma: app.db.forTenant(t.id), tenantId: t.id }),
      logging: false,
    });
    const touch = async (n: number) => {
      const response = await yoga.fetch('http://ordergraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'idempotency-key': 'touch-1' },
        body: JSON.stringify({ query: 'mutation($n: Int) { touch(n: $n) }', variables: { n } }),
      });
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as GraphQLResponse<{ touch: number }> };
    };
    await touch(7);
    const where = { tenantId_key: { tenantId: t.id, key: 'touch-1' } };
    await t.prisma.idempotencyKey.update({ where, data: { status: 'IN_PROGRESS' } });

    const busy = await touch(7);
    await t.prisma.idempotencyKey.update({ where, data: { status: 'DONE' } });
    const later = await touch(7);

    expect(busy.status).toBe(409);
    expect(busy.retryAfter).toBe('1');
    expect(busy.body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(later.body).toMatchObject({ data: { touch: 7 }, extensions: { replayed: true } });
    expect(runs).toBe(1);
  });
});
