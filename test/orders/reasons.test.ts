import { describe, expect, it } from 'vitest';
import { FulfilmentReasonsDocument, OrderReasonCreateDocument, OrderReasonDeactivateDocument, OrderReasonUpdateDocument } from '../generated/graphql.js';
import type { OrderReasonCreateInput } from '../generated/graphql.js';
import { execute, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function create(t: TestTenant, input: OrderReasonCreateInput) {
  return (await query(t.key, OrderReasonCreateDocument, { input })).orderReasonCreate;
}

describe('the reason catalogue (seed 000 order reasons)', () => {
  it('creates cancel, return and pending reasons, listed by kind', async () => {
    const t = await newTenant();
    const made = await create(t, { kind: 'CANCEL', code: 'OUT_OF_STOCK', label: 'Barang habis' });
    expect(made).toMatchObject({ __typename: 'OrderReasonCreatePayload', reason: { kind: 'CANCEL', code: 'OUT_OF_STOCK', label: 'Barang habis', isActive: true } });
    await create(t, { kind: 'RETURN', code: 'WRONG_SIZE', label: 'Ukuran salah' });
    await create(t, { kind: 'PENDING', code: 'AWAIT_PAYMENT', label: 'Menunggu pembayaran' });
    // The same code under another kind is another reason.
    await create(t, { kind: 'RETURN', code: 'OUT_OF_STOCK', label: 'Tukar barang habis' });
    const list = (await query(t.key, FulfilmentReasonsDocument, { kind: 'RETURN' })).orderReasons;
    expect(list.edges.map((e) => e.node.code)).toEqual(['OUT_OF_STOCK', 'WRONG_SIZE']);
  });

  it('refuses a code already used for the kind with DuplicateOrderReasonError, writing nothing', async () => {
    const t = await newTenant();
    const first = await create(t, { kind: 'CANCEL', code: 'FRAUD', label: 'Fraud' });
    if (first.__typename !== 'OrderReasonCreatePayload') throw new Error(first.__typename);
    const duplicate = await create(t, { kind: 'CANCEL', code: 'FRAUD', label: 'Fraud again' });
    expect(duplicate).toMatchObject({ __typename: 'DuplicateOrderReasonError', code: 'DUPLICATE_ORDER_REASON', kind: 'CANCEL', reasonCode: 'FRAUD', existingId: first.reason.id });
    expect(await t.prisma.orderReason.count({ where: { tenantId: t.id } })).toBe(1);
    // Another tenant may use the same code.
    const other = await newTenant();
    expect((await create(other, { kind: 'CANCEL', code: 'FRAUD', label: 'Fraud' })).__typename).toBe('OrderReasonCreatePayload');
  });

  it('reports every input problem with its path', async () => {
    const t = await newTenant();
    const result = await create(t, { kind: 'CANCEL', code: 'has space', label: '' });
    if (result.__typename !== 'ValidationError') throw new Error(result.__typename);
    expect(result.problems.map((p) => p.path.join('.'))).toEqual(['code', 'label']);
  });

  it('updates label and code, refusing a code another reason of the kind has', async () => {
    const t = await newTenant();
    const a = await create(t, { kind: 'CANCEL', code: 'A', label: 'A' });
    const b = await create(t, { kind: 'CANCEL', code: 'B', label: 'B' });
    if (a.__typename !== 'OrderReasonCreatePayload' || b.__typename !== 'OrderReasonCreatePayload') throw new Error('setup');
    const renamed = (await query(t.key, OrderReasonUpdateDocument, { input: { reason: a.reason.id, code: 'A2', label: 'Alpha' } })).orderReasonUpdate;
    expect(renamed).toMatchObject({ reason: { code: 'A2', label: 'Alpha' } });
    const clash = (await query(t.key, OrderReasonUpdateDocument, { input: { reason: a.reason.id, code: 'B' } })).orderReasonUpdate;
    expect(clash).toMatchObject({ __typename: 'DuplicateOrderReasonError', reasonCode: 'B', existingId: b.reason.id });
    expect((await t.prisma.orderReason.findFirstOrThrow({ where: { tenantId: t.id, label: 'Alpha' } })).code).toBe('A2');
  });

  it('deactivates a reason (idempotently) and reactivates it with an update', async () => {
    const t = await newTenant();
    const made = await create(t, { kind: 'PENDING', code: 'HOLD', label: 'On hold' });
    if (made.__typename !== 'OrderReasonCreatePayload') throw new Error(made.__typename);
    for (let i = 0; i < 2; i++) {
      const off = (await query(t.key, OrderReasonDeactivateDocument, { input: { reason: made.reason.id } })).orderReasonDeactivate;
      expect(off).toMatchObject({ __typename: 'OrderReasonDeactivatePayload', reason: { isActive: false } });
    }
    expect((await query(t.key, FulfilmentReasonsDocument, { isActive: true })).orderReasons.totalCount).toBe(0);
    const on = (await query(t.key, OrderReasonUpdateDocument, { input: { reason: made.reason.id, isActive: true } })).orderReasonUpdate;
    expect(on).toMatchObject({ reason: { isActive: true } });
  });

  it("answers NotFoundError for another tenant's reason and leaves it alone", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const theirs = await other.prisma.orderReason.create({ data: { tenantId: other.id, kind: 'CANCEL', code: 'X', label: 'X' } });
    const id = gid('OrderReason', theirs.id);
    const update = (await query(t.key, OrderReasonUpdateDocument, { input: { reason: id, label: 'mine now' } })).orderReasonUpdate;
    const deactivate = (await query(t.key, OrderReasonDeactivateDocument, { input: { reason: id } })).orderReasonDeactivate;
    expect(update).toMatchObject({ __typename: 'NotFoundError', entity: 'OrderReason' });
    expect(deactivate).toMatchObject({ __typename: 'NotFoundError', entity: 'OrderReason' });
    expect(await other.prisma.orderReason.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ label: 'X', isActive: true });
  });
});

describe.skipIf(!process.env.DATABASE_URL)('the reason catalogue on PostgreSQL under concurrency', () => {
  it('creates one reason when the same code is created 8 times at once; the others are typed duplicates', async () => {
    const t = await newTenant();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => execute(t.key, OrderReasonCreateDocument, { input: { kind: 'CANCEL', code: 'RACE', label: 'Race' } })),
    );
    const kinds = results.map((r) => r.data?.orderReasonCreate.__typename ?? JSON.stringify(r.errors));
    expect(kinds.filter((k) => k === 'OrderReasonCreatePayload')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'DuplicateOrderReasonError')).toHaveLength(7);
    expect(await t.prisma.orderReason.count({ where: { tenantId: t.id } })).toBe(1);
  });
});
