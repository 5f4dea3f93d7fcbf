import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { FulfilmentOrderMoneyDocument, PaymentRecordDocument, PaymentRefundDocument } from '../generated/graphql.js';
import type { PaymentRecordInput, PaymentRefundInput } from '../generated/graphql.js';
import { countStatements, execute, query } from '../support/execute.js';
import { testApp } from '../support/app.js';
import { newTenant, type TestTenant } from '../support/tenant.js';
import type { Topic, Topics } from '../../src/events/topics.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

/** An order of 2 x 5000 = 10000.00 due. */
async function orderOf(t: TestTenant, data: { status?: 'PENDING' | 'CONFIRMED' | 'CANCELLED' | 'SHIPPED' } = {}) {
  const { variations } = await t.product({ variations: [{ price: '5000' }] });
  const order = await t.order({ status: data.status ?? 'CONFIRMED', items: [{ variationId: variations[0]!.id, quantity: 2 }] });
  return { order, orderGid: gid('Order', order.id) };
}

async function record(t: TestTenant, input: PaymentRecordInput) {
  return (await query(t.key, PaymentRecordDocument, { input })).paymentRecord;
}

async function refund(t: TestTenant, input: PaymentRefundInput) {
  return (await query(t.key, PaymentRefundDocument, { input })).paymentRefund;
}

async function money(t: TestTenant, orderGid: string) {
  return (await query(t.key, FulfilmentOrderMoneyDocument, { id: orderGid })).order!;
}

async function listen<T extends Topic>(topic: T) {
  const { app } = await testApp();
  const events: Array<Topics[T]> = [];
  const iterator = app.events.subscribe(topic)[Symbol.asyncIterator]();
  const pump = (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      events.push(next.value);
    }
  })();
  return {
    events,
    stop: async () => {
      await iterator.return?.();
      await pump;
    },
  };
}

describe('paymentRecord', () => {
  it('records installments numbered 1, 2, ... and derives PARTIALLY_PAID then PAID with the paid-at of the last one', async () => {
    const t = await newTenant();
    const { order, orderGid } = await orderOf(t);
    const bank = await t.bankAccount();

    const first = await record(t, {
      order: orderGid,
      method: 'BANK_TRANSFER',
      amount: '4000',
      bankAccount: gid('BankAccount', bank.id),
      paidAt: '2026-01-10T03:00:00.000Z',
      reference: 'TRF-1',
    });
    if (first.__typename !== 'PaymentRecordPayload') throw new Error(first.__typename);
    expect(first.payment).toMatchObject({ kind: 'PAYMENT', amount: '4000.00', installmentNumber: 1, reference: 'TRF-1', recordedBy: 'key:test', currency: 'IDR' });
    expect(first.payment.bankAccount?.id).toBe(gid('BankAccount', bank.id));
    expect(first.order).toMatchObject({ paymentStatus: 'PARTIALLY_PAID', amountPaid: '4000.00', amountDue: '6000.00', paidAt: null });

    const second = await record(t, { order: orderGid, method: 'CASH', amount: '6000.00', paidAt: '2026-01-11T03:00:00.000Z' });
    if (second.__typename !== 'PaymentRecordPayload') throw new Error(second.__typename);
    expect(second.payment.installmentNumber).toBe(2);
    expect(second.order).toMatchObject({ paymentStatus: 'PAID', amountPaid: '10000.00', amountDue: '0.00', paidAt: '2026-01-11T03:00:00.000Z' });

    const stored = await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(stored.paymentStatus).toBe('PAID');
    expect(stored.version).toBe(order.version + 2);
  });

  it('takes an explicit installment number and refuses one already used, writing nothing', async () => {
    const t = await newTenant();
    const { order, orderGid } = await orderOf(t);
    const third = await record(t, { order: orderGid, method: 'CASH', amount: '1000', installmentNumber: 3 });
    expect(third.__typename === 'PaymentRecordPayload' && third.payment.installmentNumber).toBe(3);
    const next = await record(t, { order: orderGid, method: 'CASH', amount: '1000' });
    expect(next.__typename === 'PaymentRecordPayload' && next.payment.installmentNumber).toBe(4);

    const duplicate = await record(t, { order: orderGid, method: 'CASH', amount: '1000', installmentNumber: 3 });
    expect(duplicate).toMatchObject({ __typename: 'DuplicateInstallmentError', code: 'DUPLICATE_INSTALLMENT', installmentNumber: 3 });
    expect(await t.prisma.payment.count({ where: { orderId: order.id } })).toBe(2);
  });

  it('refuses an amount above what is due with OverpaymentError { amountDue } and writes nothing', async () => {
    const t = await newTenant();
    const { order, orderGid } = await orderOf(t);
    await record(t, { order: orderGid, method: 'CASH', amount: '9999.99' });
    const before = await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } });

    const over = await record(t, { order: orderGid, method: 'CASH', amount: '0.02' });
    expect(over).toMatchObject({ __typename: 'OverpaymentError', code: 'OVERPAYMENT', amountDue: '0.01', requested: '0.02', orderId: orderGid });

    const exact = await record(t, { order: orderGid, method: 'CASH', amount: '0.01' });
    expect(exact.__typename === 'PaymentRecordPayload' && exact.order.paymentStatus).toBe('PAID');
    // Nothing left to pay: the order takes no payment at all.
    const paidOff = await record(t, { order: orderGid, method: 'CASH', amount: '1' });
    expect(paidOff).toMatchObject({ __typename: 'PaymentNotAllowedError', refusal: 'SETTLED', status: 'CONFIRMED' });

    expect(await t.prisma.payment.count({ where: { orderId: order.id } })).toBe(2);
    const after = await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(after.version).toBe(before.version + 1);
  });

  it.each([
    ['a cancelled order', { status: 'CANCELLED' as const }, { isDraft: false, status: 'CANCELLED', refusal: 'CANCELLED' }],
    ['a draft', { draft: true }, { isDraft: true, status: 'PENDING', refusal: 'DRAFT' }],
  ])('refuses a payment on %s with PaymentNotAllowedError', async (_name, setup, expected) => {
    const t = await newTenant();
    const { order, orderGid } = await orderOf(t, { status: 'status' in setup ? setup.status : 'PENDING' });
    if ('draft' in setup) await t.prisma.order.update({ where: { id: order.id }, data: { isDraft: true } });
    const result = await record(t, { order: orderGid, method: 'CASH', amount: '100' });
    expect(result).toMatchObject({ __typename: 'PaymentNotAllowedError', code: 'PAYMENT_NOT_ALLOWED', ...expected });
    expect(await t.prisma.payment.count({ where: { orderId: order.id } })).toBe(0);
  });

  it('reports every input problem at once with its path', async () => {
    const t = await newTenant();
    const { order, orderGid } = await orderOf(t);
    const result = await record(t, {
      order: orderGid,
      method: 'CASH',
      amount: '10.005',
      installmentNumber: 0,
      paidAt: '2099-01-01T00:00:00.000Z',
      reference: 'x'.repeat(101),
    });
    if (result.__typename !== 'ValidationError') throw new Error(result.__typename);
    expect(result.problems.map((p) => p.path.join('.')).sort()).toEqual(['amount', 'installmentNumber', 'paidAt', 'reference']);
    const zero = await record(t, { order: orderGid, method: 'CASH', amount: '0' });
    expect(zero.__typename === 'ValidationError' && zero.problems).toEqual([{ path: ['amount'], message: 'must be greater than zero' }]);
    expect(await t.prisma.payment.count({ where: { orderId: order.id } })).toBe(0);
  });

  it("refuses another tenant's or an inactive bank account", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const { order, orderGid } = await orderOf(t);
    const foreign = await other.bankAccount();
    const inactive = await t.bankAccount({ isActive: false });
    const notFound = await record(t, { order: orderGid, method: 'BANK_TRANSFER', amount: '100', bankAccount: gid('BankAccount', foreign.id) });
    expect(notFound).toMatchObject({ __typename: 'NotFoundError', entity: 'BankAccount' });
    const refused = await record(t, { order: orderGid, method: 'BANK_TRANSFER', amount: '100', bankAccount: gid('BankAccount', inactive.id) });
    expect(refused.__typename === 'ValidationError' && refused.problems[0]!.path).toEqual(['bankAccount']);
    expect(await t.prisma.payment.count({ where: { orderId: order.id } })).toBe(0);
  });

  it("answers NotFoundError for another tenant's order and never touches it", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const { order, orderGid } = await orderOf(other);
    const result = await record(t, { order: orderGid, method: 'CASH', amount: '100' });
    expect(result).toMatchObject({ __typename: 'NotFoundError', entity: 'Order' });
    const refunded = await refund(t, { order: orderGid, amount: '1', reason: 'x' });
    expect(refunded).toMatchObject({ __typename: 'NotFoundError', entity: 'Order' });
    expect(await other.prisma.payment.count({ where: { orderId: order.id } })).toBe(0);
  });

  it('publishes paymentRecorded after commit, and nothing for a refused payment', async () => {
    const t = await newTenant();
    const { order, orderGid } = await orderOf(t);
    const live = await listen('paymentRecorded');
    try {
      await record(t, { order: orderGid, method: 'CASH', amount: '20000' });
      const ok = await record(t, { order: orderGid, method: 'CASH', amount: '100' });
      if (ok.__typename !== 'PaymentRecordPayload') throw new Error(ok.__typename);
      await vi.waitFor(() => expect(live.events.filter((e) => e.tenantId === t.id)).toHaveLength(1));
      expect(live.events.find((e) => e.tenantId === t.id)).toMatchObject({ orderId: order.id, kind: 'PAYMENT', paymentId: expect.any(Number) });
    } finally {
      await live.stop();
    }
  });
});

describe('paymentRefund', () => {
  it('derives PARTIALLY_PAID after a partial refund of a paid order and REFUNDED once everything went back', async () => {
    const t = await newTenant();
    const { order, orderGid } = await orderOf(t);
    const paid = await record(t, { order: orderGid, method: 'E_WALLET', amount: '10000' });
    if (paid.__typename !== 'PaymentRecordPayload') throw new Error(paid.__typename);

    const part = await refund(t, { order: orderGid, amount: '2500', reason: 'one item was damaged' });
    if (part.__typename !== 'PaymentRefundPayload') throw new Error(part.__typename);
    expect(part.payment).toMatchObject({ kind: 'REFUND', amount: '2500.00', method: 'E_WALLET', note: 'one item was damaged', installmentNumber: null });
    expect(part.order).toMatchObject({ paymentStatus: 'PARTIALLY_PAID', amountPaid: '7500.00', amountRefunded: '2500.00', amountDue: '2500.00', paidAt: null });

    const rest = await refund(t, { payment: paid.payment.id, amount: '7500', reason: 'order returned', method: 'BANK_TRANSFER' });
    if (rest.__typename !== 'PaymentRefundPayload') throw new Error(rest.__typename);
    expect(rest.order).toMatchObject({ paymentStatus: 'REFUNDED', amountPaid: '0.00', amountRefunded: '10000.00' });
    expect((await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).paymentStatus).toBe('REFUNDED');
  });

  it('refuses a refund above what was paid with RefundExceedsPaidError and writes nothing', async () => {
    const t = await newTenant();
    const { order, orderGid } = await orderOf(t);
    const first = await record(t, { order: orderGid, method: 'CASH', amount: '3000' });
    await record(t, { order: orderGid, method: 'CASH', amount: '2000' });
    if (first.__typename !== 'PaymentRecordPayload') throw new Error(first.__typename);

    const tooMuch = await refund(t, { order: orderGid, amount: '5000.01', reason: 'x' });
    expect(tooMuch).toMatchObject({ __typename: 'RefundExceedsPaidError', code: 'REFUND_EXCEEDS_PAID', amountRefundable: '5000.00', requested: '5000.01' });
    // A refund of one payment is bounded by that payment.
    const ofOne = await refund(t, { payment: first.payment.id, amount: '3000.01', reason: 'x' });
    expect(ofOne).toMatchObject({ __typename: 'RefundExceedsPaidError', amountRefundable: '3000.00' });
    expect(await t.prisma.payment.count({ where: { orderId: order.id, kind: 'REFUND' } })).toBe(0);
    expect((await money(t, orderGid)).paymentStatus).toBe('PARTIALLY_PAID');
  });

  it('refunds a cancelled order (payments are refused there, refunds are not)', async () => {
    const t = await newTenant();
    const { order, orderGid } = await orderOf(t);
    await record(t, { order: orderGid, method: 'CASH', amount: '10000' });
    await t.prisma.order.update({ where: { id: order.id }, data: { status: 'CANCELLED' } });
    const result = await refund(t, { order: orderGid, amount: '10000', reason: 'cancelled by buyer' });
    expect(result.__typename === 'PaymentRefundPayload' && result.order.paymentStatus).toBe('REFUNDED');
  });

  it('wants exactly one of order and payment, and a reason', async () => {
    const t = await newTenant();
    const { orderGid } = await orderOf(t);
    const neither = await refund(t, { amount: '1', reason: ' ' });
    if (neither.__typename !== 'ValidationError') throw new Error(neither.__typename);
    expect(neither.problems.map((p) => p.path.join('.')).sort()).toEqual(['', 'reason']);
    const both = await refund(t, { order: orderGid, payment: gid('Payment', 1), amount: '1', reason: 'x' });
    expect(both.__typename).toBe('ValidationError');
  });
});

describe.skipIf(!process.env.DATABASE_URL)('paymentRecord on PostgreSQL under concurrency', () => {
  it('lets at most 2 of 10 parallel payments of 40 % of the due amount through, never overpaying', async () => {
    const t = await newTenant();
    const { order, orderGid } = await orderOf(t);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => execute(t.key, PaymentRecordDocument, { input: { order: orderGid, method: 'CASH', amount: '4000' } })),
    );
    const kinds = results.map((r) => r.data?.paymentRecord.__typename ?? `errors: ${JSON.stringify(r.errors)}`);
    expect(kinds.filter((k) => k === 'PaymentRecordPayload')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'OverpaymentError')).toHaveLength(8);
    const payments = await t.prisma.payment.findMany({ where: { orderId: order.id } });
    expect(payments.reduce((s, p) => s + Number(p.amount), 0)).toBe(8000);
    expect(payments.map((p) => p.installmentNumber).sort()).toEqual([1, 2]);
    const stored = await money(t, orderGid);
    expect(stored).toMatchObject({ paymentStatus: 'PARTIALLY_PAID', amountDue: '2000.00' });
  });

  it('never refunds more than was paid when refunds race', async () => {
    const t = await newTenant();
    const { order, orderGid } = await orderOf(t);
    await record(t, { order: orderGid, method: 'CASH', amount: '10000' });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => execute(t.key, PaymentRefundDocument, { input: { order: orderGid, amount: '4000', reason: 'race' } })),
    );
    const kinds = results.map((r) => r.data?.paymentRefund.__typename);
    expect(kinds.filter((k) => k === 'PaymentRefundPayload')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'RefundExceedsPaidError')).toHaveLength(4);
    expect(await t.prisma.payment.count({ where: { orderId: order.id, kind: 'REFUND' } })).toBe(2);
  });
});

describe('payment status across any sequence of payments and refunds', () => {
  it('matches a simple model: typed refusals exactly when over, stored status always derived', async () => {
    const t = await newTenant();
    const op = fc.record({ kind: fc.constantFrom('pay' as const, 'refund' as const), cents: fc.integer({ min: 1, max: 600_000 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        const { order, orderGid } = await orderOf(t); // 10000.00 due
        const total = 1_000_000;
        let received = 0;
        let refunded = 0;
        for (const { kind, cents } of ops) {
          const amount = (cents / 100).toFixed(2);
          const paid = received - refunded;
          if (kind === 'pay') {
            const result = await record(t, { order: orderGid, method: 'CASH', amount });
            const expected = cents <= total - paid ? 'PaymentRecordPayload' : 'OverpaymentError';
            expect(result.__typename).toBe(expected);
            if (expected === 'PaymentRecordPayload') received += cents;
          } else {
            const result = await refund(t, { order: orderGid, amount, reason: 'model' });
            const expected = cents <= paid ? 'PaymentRefundPayload' : 'RefundExceedsPaidError';
            expect(result.__typename).toBe(expected);
            if (expected === 'PaymentRefundPayload') refunded += cents;
          }
          const kept = received - refunded;
          const status = refunded > 0 && kept <= 0 ? 'REFUNDED' : kept >= total ? 'PAID' : received === 0 ? 'UNPAID' : 'PARTIALLY_PAID';
          const stored = await t.prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { paymentStatus: true, paidAt: true } });
          expect(stored.paymentStatus).toBe(status);
          expect(stored.paidAt !== null).toBe(status === 'PAID');
          expect(kept).toBeLessThanOrEqual(total);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('is what the order list filters on', async () => {
    const t = await newTenant();
    const { orderGid } = await orderOf(t);
    const { orderGid: unpaidGid } = await orderOf(t);
    await record(t, { order: orderGid, method: 'CASH', amount: '10000' });
    const list = await query<{ orders: { edges: Array<{ node: { id: string } }> } }, Record<string, unknown>>(
      t.key,
      'query($s: [PaymentStatus!]) { orders(first: 10, filter: { paymentStatuses: $s }) { edges { node { id } } } }',
      { s: ['PAID'] },
    );
    expect(list.orders.edges.map((e) => e.node.id)).toEqual([orderGid]);
    const unpaid = await query<{ orders: { edges: Array<{ node: { id: string } }> } }, Record<string, unknown>>(
      t.key,
      'query($s: [PaymentStatus!]) { orders(first: 10, filter: { paymentStatuses: $s }) { edges { node { id } } } }',
      { s: ['UNPAID'] },
    );
    expect(unpaid.orders.edges.map((e) => e.node.id)).toEqual([unpaidGid]);
  });
});

describe('paymentRecord cost', () => {
  it('runs a fixed number of SQL statements, whatever the number of earlier payments', async () => {
    const t = await newTenant();
    const { orderGid } = await orderOf(t);
    const bank = await t.bankAccount();
    const input = { order: orderGid, method: 'BANK_TRANSFER' as const, amount: '100', bankAccount: gid('BankAccount', bank.id) };
    const first = await countStatements(() => record(t, input));
    for (let i = 0; i < 5; i++) await record(t, input);
    const later = await countStatements(() => record(t, input));
    expect(later.count).toBe(first.count);
    expect(first.count).toBeLessThanOrEqual(12);
  });
});
