// Idempotent create: the same key with the same input returns the first order,
// with another input a typed conflict; never two orders, also under parallel replays.
import { describe, expect, it } from 'vitest';
import { OcOrderCreateDocument, type OrderCreateInput } from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function shop() {
  const t = await newTenant();
  const { variations } = await t.product({ variations: [{ sku: 'KAOS-M', price: '50000', stock: { [(await t.warehouse()).id]: 100 } }] });
  const input: OrderCreateInput = {
    idempotencyKey: 'checkout-7f3a',
    buyer: { name: 'Budi', phone: '0812' },
    items: [{ variation: gid('Variation', variations[0]!.id), quantity: 2, discount: { type: 'CASCADED', value: '10+5' } }],
    adjustments: [{ category: 'SHIPPING', value: '9000' }],
  };
  return { t, input };
}

describe('orderCreate with an idempotency key', () => {
  it('returns the first order when the same input is sent again', async () => {
    const { t, input } = await shop();
    const first = await query(t.key, OcOrderCreateDocument, { input });
    const second = await query(t.key, OcOrderCreateDocument, { input });
    expect(first.orderCreate).toMatchObject({ __typename: 'OrderCreatePayload', replayed: false });
    expect(second.orderCreate).toMatchObject({ __typename: 'OrderCreatePayload', replayed: true });
    if (first.orderCreate.__typename !== 'OrderCreatePayload' || second.orderCreate.__typename !== 'OrderCreatePayload') throw new Error('not created');
    expect(second.orderCreate.order).toEqual(first.orderCreate.order);
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(1);
    expect(await t.prisma.orderEvent.count({ where: { tenantId: t.id } })).toBe(1);
    const stored = await t.prisma.order.findFirstOrThrow({ where: { tenantId: t.id } });
    expect(stored.idempotencyKey).toBe('checkout-7f3a');
    expect(stored.idempotencyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('treats a reordering of the input fields as the same input', async () => {
    const { t, input } = await shop();
    await query(t.key, OcOrderCreateDocument, { input });
    const reordered = Object.fromEntries(Object.entries(input).reverse()) as OrderCreateInput;
    const again = await query(t.key, OcOrderCreateDocument, { input: reordered });
    expect(again.orderCreate).toMatchObject({ replayed: true });
  });

  it.each<[string, (input: OrderCreateInput) => OrderCreateInput]>([
    ['another quantity', (i) => ({ ...i, items: [{ ...i.items[0]!, quantity: 3 }] })],
    ['another discount', (i) => ({ ...i, items: [{ ...i.items[0]!, discount: { type: 'CASCADED', value: '10+6' } }] })],
    ['a note added', (i) => ({ ...i, notes: 'please hurry' })],
  ])('refuses the key with %s as an IdempotencyConflictError, writing nothing', async (_name, change) => {
    const { t, input } = await shop();
    const first = await query(t.key, OcOrderCreateDocument, { input });
    if (first.orderCreate.__typename !== 'OrderCreatePayload') throw new Error('not created');
    const second = await query(t.key, OcOrderCreateDocument, { input: change(input) });
    expect(second.orderCreate).toEqual(
      expect.objectContaining({ __typename: 'IdempotencyConflictError', code: 'IDEMPOTENCY_CONFLICT', idempotencyKey: 'checkout-7f3a', existingOrderId: first.orderCreate.order.id }),
    );
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(1);
    expect(await t.prisma.orderEvent.count({ where: { tenantId: t.id } })).toBe(1);
  });

  it('keeps keys per tenant: another shop may use the same key', async () => {
    const a = await shop();
    const b = await shop();
    const first = await query(a.t.key, OcOrderCreateDocument, { input: a.input });
    const second = await query(b.t.key, OcOrderCreateDocument, { input: b.input });
    expect(first.orderCreate).toMatchObject({ replayed: false });
    expect(second.orderCreate).toMatchObject({ replayed: false });
  });
});

describe.skipIf(!process.env.DATABASE_URL)('orderCreate replayed in parallel (PostgreSQL)', () => {
  it('creates one order for 20 parallel requests with one key', async () => {
    const { t, input } = await shop();
    const results = await Promise.all(Array.from({ length: 20 }, () => query(t.key, OcOrderCreateDocument, { input })));
    const ids = new Set(results.map((r) => (r.orderCreate.__typename === 'OrderCreatePayload' ? r.orderCreate.order.id : r.orderCreate.__typename)));
    expect([...ids]).toHaveLength(1);
    expect(results.filter((r) => r.orderCreate.__typename === 'OrderCreatePayload' && !r.orderCreate.replayed)).toHaveLength(1);
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(1);
    expect(await t.prisma.orderEvent.count({ where: { tenantId: t.id } })).toBe(1);
  });

  it('gives 20 parallel orders of one shop 20 different consecutive codes', async () => {
    const { t, input } = await shop();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) => query(t.key, OcOrderCreateDocument, { input: { ...input, idempotencyKey: `k-${n}` } })),
    );
    const codes = results.map((r) => (r.orderCreate.__typename === 'OrderCreatePayload' ? r.orderCreate.order.code : r.orderCreate.__typename)).sort();
    expect(codes.map((c) => Number(c.slice(-5)))).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
  });

  it('lets one of 10 parallel orders with one external reference through, the others are duplicates', async () => {
    const { t, input } = await shop();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, n) => query(t.key, OcOrderCreateDocument, { input: { ...input, idempotencyKey: `x-${n}`, channel: 'shopee', externalRef: 'SP-1' } })),
    );
    const kinds = results.map((r) => r.orderCreate.__typename).sort();
    expect(kinds).toEqual([...Array(9).fill('DuplicateOrderError'), 'OrderCreatePayload']);
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(1);
  });
});
