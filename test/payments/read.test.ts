import { encodeGlobalID } from '@pothos/plugin-relay';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BankAccountListDocument,
  OrderCodeDocument,
  OrderMoneyDocument,
  OrderPaymentsDocument,
  PaymentDocument,
  PaymentListDocument,
  PaymentListWithOrderMoneyDocument,
  PaymentNodeDocument,
  type PaymentFilter,
} from '../generated/graphql.js';
import { testApp } from '../support/app.js';
import { countStatements, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

/** An order whose grand total is `total`. */
async function anOrder(t: TestTenant, total = '12000', code?: string) {
  const { variations } = await t.product({ variations: [{ price: total }] });
  return t.order({ code, items: [{ variationId: variations[0]!.id, quantity: 1 }] });
}

const at = (iso: string) => new Date(iso);


async function money(t: TestTenant, orderId: number) {
  const data = await query(t.key, OrderMoneyDocument, { id: encodeGlobalID('Order', orderId) });
  if (!data.node || !('amountPaid' in data.node)) throw new Error('expected an Order');
  const { amountPaid, amountDue, amountRefunded } = data.node;
  return { amountPaid, amountDue, amountRefunded };
}

describe('payments (read)', () => {
  // The database starts here, under the hook timeout, not inside the first test's.
  beforeAll(() => testApp());

  it("shows an order's installments in the order they were paid, with exact amounts and what is still due", async () => {
    const t = await newTenant();
    const bca = await t.bankAccount({ bankName: 'BCA', accountNumber: '1234567789' });
    const order = await anOrder(t, '12000', 'ORD-PAY-1');
    await t.payment({ orderId: order.id, amount: '4000.50', installmentNumber: 2, paidAt: at('2024-02-02T00:00:00Z'), method: 'CASH' });
    await t.payment({ orderId: order.id, amount: '5000', installmentNumber: 1, paidAt: at('2024-02-01T00:00:00Z'), bankAccountId: bca.id });

    const data = await query(t.key, OrderPaymentsDocument, { id: encodeGlobalID('Order', order.id) });
    if (!data.node || !('payments' in data.node)) throw new Error('expected an Order');
    expect(data.node.code).toBe('ORD-PAY-1');
    expect(data.node.payments.map((p) => [p.installmentNumber, p.kind, p.method, p.amount, p.bankAccount?.bankName ?? null])).toEqual([
      [1, 'PAYMENT', 'BANK_TRANSFER', '5000.00', 'BCA'],
      [2, 'PAYMENT', 'CASH', '4000.50', null],
    ]);
    expect(data.node).toMatchObject({ amountPaid: '9000.50', amountDue: '2999.50', amountRefunded: '0.00' });
  });

  it('counts refunds against what was paid', async () => {
    const t = await newTenant();
    const unpaid = await anOrder(t);
    expect(await money(t, unpaid.id)).toEqual({ amountPaid: '0.00', amountDue: '12000.00', amountRefunded: '0.00' });

    const partlyRefunded = await anOrder(t);
    await t.payment({ orderId: partlyRefunded.id, amount: '12000' });
    await t.payment({ orderId: partlyRefunded.id, amount: '2000.25', kind: 'REFUND' });
    expect(await money(t, partlyRefunded.id)).toEqual({ amountPaid: '9999.75', amountDue: '2000.25', amountRefunded: '2000.25' });

    const refunded = await anOrder(t);
    await t.payment({ orderId: refunded.id, amount: '12000' });
    await t.payment({ orderId: refunded.id, amount: '12000', kind: 'REFUND' });
    expect(await money(t, refunded.id)).toEqual({ amountPaid: '0.00', amountDue: '12000.00', amountRefunded: '12000.00' });
  });

  it('owes nothing, never a negative amount, when an order was overpaid', async () => {
    const t = await newTenant();
    const order = await anOrder(t);
    await t.payment({ orderId: order.id, amount: '10000' });
    await t.payment({ orderId: order.id, amount: '5000' });
    expect(await money(t, order.id)).toEqual({ amountPaid: '15000.00', amountDue: '0.00', amountRefunded: '0.00' });
  });

  it('computes the money fields inside the statement that loads the orders, however many there are', async () => {
    const t = await newTenant();
    for (let i = 0; i < 30; i++) {
      const order = await anOrder(t);
      await t.payment({ orderId: order.id, amount: '5000' });
      await t.payment({ orderId: order.id, amount: '1000', kind: 'REFUND' });
    }
    const order = await anOrder(t);
    const id = encodeGlobalID('Order', order.id);
    await query(t.key, OrderMoneyDocument, { id });

    const bare = await countStatements(() => query(t.key, OrderCodeDocument, { id }));
    const withMoney = await countStatements(() => query(t.key, OrderPaymentsDocument, { id }));
    expect(withMoney.count).toBe(bare.count);

    const ten = await countStatements(() => query(t.key, PaymentListWithOrderMoneyDocument, { first: 10 }));
    const fifty = await countStatements(() => query(t.key, PaymentListWithOrderMoneyDocument, { first: 50 }));
    expect(fifty.result.payments.edges).toHaveLength(50);
    for (const edge of fifty.result.payments.edges) {
      expect(edge.node.order).toMatchObject({ amountPaid: '4000.00', amountDue: '8000.00', amountRefunded: '1000.00' });
      expect(edge.node.order.payments).toHaveLength(2);
    }
    // The page with each order and its payments joined in.
    expect(ten.count).toBe(1);
    expect(fifty.count).toBe(ten.count);
  });

  it('never shows another tenant its payments or bank accounts, by any query or node(id)', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const bankB = await b.bankAccount();
    const orderB = await anOrder(b);
    const paymentB = await b.payment({ orderId: orderB.id, amount: '12000', bankAccountId: bankB.id });
    await a.bankAccount();
    const orderA = await anOrder(a);
    const paymentA = await a.payment({ orderId: orderA.id, amount: '100' });

    expect((await query(a.key, PaymentDocument, { id: encodeGlobalID('Payment', paymentB.id) })).payment).toBeNull();
    expect((await query(a.key, PaymentDocument, { id: encodeGlobalID('Payment', paymentA.id) })).payment?.amount).toBe('100.00');
    const list = await query(a.key, PaymentListDocument, {});
    expect(list.payments.totalCount).toBe(1);
    expect(list.payments.edges.map((e) => e.node.id)).toEqual([encodeGlobalID('Payment', paymentA.id)]);
    // Another tenant's id in a filter finds nothing rather than leaking rows.
    expect((await query(a.key, PaymentListDocument, { filter: { order: encodeGlobalID('Order', orderB.id) } })).payments.totalCount).toBe(0);
    const banks = await query(a.key, BankAccountListDocument, {});
    expect(banks.bankAccounts.totalCount).toBe(1);
    expect(banks.bankAccounts.edges[0]!.node.id).not.toBe(encodeGlobalID('BankAccount', bankB.id));

    for (const id of [encodeGlobalID('Payment', paymentB.id), encodeGlobalID('BankAccount', bankB.id), encodeGlobalID('Order', orderB.id)]) {
      expect((await query(a.key, PaymentNodeDocument, { id })).node, id).toBeNull();
      expect((await query(b.key, PaymentNodeDocument, { id })).node, id).not.toBeNull();
    }
    expect((await query(a.key, OrderMoneyDocument, { id: encodeGlobalID('Order', orderB.id) })).node).toBeNull();
  });

  describe('payment list filters', () => {
    let t: TestTenant;
    const ids: Record<string, string> = {};
    const vars: Record<string, string> = {};

    beforeAll(async () => {
      t = await newTenant();
      const bca = await t.bankAccount({ bankName: 'BCA' });
      const order1 = await anOrder(t);
      const order2 = await anOrder(t);
      const specs = {
        transferToBca: { orderId: order1.id, amount: '5000', method: 'BANK_TRANSFER', bankAccountId: bca.id, paidAt: at('2024-04-01T10:00:00Z') },
        cash: { orderId: order2.id, amount: '7000', method: 'CASH', paidAt: at('2024-04-03T10:00:00Z') },
        qrisRefund: { orderId: order2.id, amount: '1000', method: 'QRIS', kind: 'REFUND', paidAt: at('2024-04-05T10:00:00Z') },
      } as const;
      for (const [name, spec] of Object.entries(specs)) {
        const payment = await t.payment({ ...spec });
        ids[name] = encodeGlobalID('Payment', payment.id);
      }
      Object.assign(vars, { bca: encodeGlobalID('BankAccount', bca.id), order1: encodeGlobalID('Order', order1.id) });
    });

    async function paymentsWhere(filter: PaymentFilter) {
      const data = await query(t.key, PaymentListDocument, { filter });
      const names = Object.entries(ids);
      return data.payments.edges.map((e) => names.find(([, id]) => id === e.node.id)![0]).sort();
    }

    it('keeps only the given order', async () => {
      expect(await paymentsWhere({ order: vars.order1! })).toEqual(['transferToBca']);
    });

    it('keeps only the given methods', async () => {
      expect(await paymentsWhere({ methods: ['CASH', 'QRIS'] })).toEqual(['cash', 'qrisRefund']);
    });

    it('keeps only the given kinds', async () => {
      expect(await paymentsWhere({ kinds: ['REFUND'] })).toEqual(['qrisRefund']);
      expect(await paymentsWhere({ kinds: ['PAYMENT'] })).toEqual(['cash', 'transferToBca']);
    });

    it('keeps only transfers to the given bank account', async () => {
      expect(await paymentsWhere({ bankAccount: vars.bca! })).toEqual(['transferToBca']);
    });

    it('keeps only money moved in the interval, start inclusive and end exclusive', async () => {
      expect(await paymentsWhere({ paidAt: { from: '2024-04-01T10:00:00Z', to: '2024-04-05T10:00:00Z' } })).toEqual(['cash', 'transferToBca']);
      expect(await paymentsWhere({ paidAt: { to: '2024-04-02T00:00:00Z' } })).toEqual(['transferToBca']);
    });

    it('sorts latest paid first by default, and by amount on request', async () => {
      const byDefault = await query(t.key, PaymentListDocument, {});
      expect(byDefault.payments.edges.map((e) => e.node.id)).toEqual([ids.qrisRefund, ids.cash, ids.transferToBca]);
      const byAmount = await query(t.key, PaymentListDocument, { orderBy: { field: 'AMOUNT', direction: 'ASC' } });
      expect(byAmount.payments.edges.map((e) => e.node.amount)).toEqual(['1000.00', '5000.00', '7000.00']);
      const page = await query(t.key, PaymentListDocument, { first: 1, after: byAmount.payments.edges[0]!.cursor, orderBy: { field: 'AMOUNT', direction: 'ASC' } });
      expect(page.payments.edges.map((e) => e.node.amount)).toEqual(['5000.00']);
    });
  });

  it('lists bank accounts by bank, optionally only active ones', async () => {
    const t = await newTenant();
    await t.bankAccount({ bankName: 'Mandiri', accountNumber: '900' });
    await t.bankAccount({ bankName: 'BCA', accountNumber: '123', accountName: 'Budi' });
    await t.bankAccount({ bankName: 'BNI', accountNumber: '555', isActive: false });

    const all = await query(t.key, BankAccountListDocument, {});
    expect(all.bankAccounts.totalCount).toBe(3);
    expect(all.bankAccounts.edges.map((e) => e.node.bankName)).toEqual(['BCA', 'BNI', 'Mandiri']);
    expect(all.bankAccounts.edges[0]!.node).toMatchObject({ accountName: 'Budi', accountNumber: '123', isActive: true });
    const active = await query(t.key, BankAccountListDocument, { filter: { isActive: true } });
    expect(active.bankAccounts.edges.map((e) => e.node.bankName)).toEqual(['BCA', 'Mandiri']);
    const inactive = await query(t.key, BankAccountListDocument, { filter: { isActive: false } });
    expect(inactive.bankAccounts.edges.map((e) => e.node.bankName)).toEqual(['BNI']);
  });
});
