// orderCreate(initialPayment): a payment made with the order, recorded in its
// transaction by the rules of paymentRecord.
import { describe, expect, it } from 'vitest';
import { execute } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

const CREATE = `mutation ($input: OrderCreateInput!) { orderCreate(input: $input) {
  __typename ... on ValidationError { problems { path message } }
  ... on OrderCreatePayload { order { totals { grandTotal } paymentStatus amountDue payments { amount method bankAccount { bankName } reference } timeline { kind } } } } }`;

async function create(t: TestTenant, input: Record<string, unknown>) {
  const response = await execute<{ orderCreate: Record<string, unknown> & { __typename: string } }, Record<string, unknown>>(t.key, CREATE, { input });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!.orderCreate;
}

describe('orderCreate with an initial payment', () => {
  it('records a deposit or the whole amount with the order; too much, a draft or an inactive account refuse the order', async () => {
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ price: '50000', stock: { [warehouse.id]: 20 } }] });
    const bca = await t.bankAccount({ bankName: 'BCA' });
    const closed = await t.bankAccount({ bankName: 'BRI', isActive: false });
    const base = { items: [{ variation: gid('Variation', variations[0]!.id), quantity: 2 }] };

    // 2 x 50,000 = 100,000; 40,000 paid now leaves 60,000.
    const deposit = await create(t, { ...base, initialPayment: { amount: '40000', method: 'BANK_TRANSFER', bankAccount: gid('BankAccount', bca.id), reference: 'TRF-1' } });
    expect(deposit.order).toEqual({
      totals: { grandTotal: '100000.00' },
      paymentStatus: 'PARTIALLY_PAID',
      amountDue: '60000.00',
      payments: [{ amount: '40000.00', method: 'BANK_TRANSFER', bankAccount: { bankName: 'BCA' }, reference: 'TRF-1' }],
      timeline: [{ kind: 'CREATED' }, { kind: 'PAYMENT' }],
    });
    const full = await create(t, { ...base, initialPayment: { amount: '100000', method: 'CASH' } });
    expect(full.order).toMatchObject({ paymentStatus: 'PAID', amountDue: '0.00' });

    const problems = async (input: Record<string, unknown>) => {
      const result = await create(t, { ...base, ...input });
      expect(result.__typename).toBe('ValidationError');
      return (result.problems as Array<{ path: string[]; message: string }>).map((p) => `${p.path.join('.')}: ${p.message}`);
    };
    expect(await problems({ initialPayment: { amount: '100000.01', method: 'CASH' } })).toEqual(['initialPayment.amount: must be at most the order total 100000.00']);
    expect(await problems({ initialPayment: { amount: '0', method: 'CASH' } })).toEqual(['initialPayment.amount: must be greater than zero, with at most two decimals']);
    expect(await problems({ isDraft: true, initialPayment: { amount: '1000', method: 'CASH' } })).toEqual(['initialPayment: a draft takes no payment until it is placed']);
    expect(await problems({ initialPayment: { amount: '1000', method: 'BANK_TRANSFER', bankAccount: gid('BankAccount', closed.id) } })).toEqual([
      'initialPayment.bankAccount: is inactive; use an active bank account',
    ]);
    // Only the two orders above were written.
    expect(await t.prisma.order.count({ where: { tenantId: t.id } })).toBe(2);
    expect(await t.prisma.payment.count({ where: { tenantId: t.id } })).toBe(2);
  });
});
