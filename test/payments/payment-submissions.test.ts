// Unique transfer codes and buyer-submitted payments through the API.
import { describe, expect, it } from 'vitest';
import { execute } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function gql<T>(t: TestTenant, document: string, variables: Record<string, unknown> = {}, key = t.key): Promise<T> {
  const response = await execute<T, Record<string, unknown>>(key, document, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

async function shop() {
  const t = await newTenant();
  const warehouse = await t.warehouse();
  const { variations } = await t.product({ variations: [{ price: '50000', stock: { [warehouse.id]: 100 } }] });
  const customer = await t.customer();
  const account = await t.bankAccount({ bankName: 'BCA' });
  const create = async (paymentMethod: string, quantity = 1) => {
    const r = await gql<{ orderCreate: { order: { id: string; transferCode: number | null; transferAmount: string | null } } }>(
      t,
      `mutation ($input: OrderCreateInput!) { orderCreate(input: $input) { ... on OrderCreatePayload { order { id transferCode transferAmount } } } }`,
      { input: { customer: gid('Customer', customer.id), paymentMethod, items: [{ variation: gid('Variation', variations[0]!.id), quantity }] } },
    );
    return r.orderCreate.order;
  };
  return { t, account, create };
}

const SUBMIT = `mutation ($input: PaymentSubmissionCreateInput!) { paymentSubmissionCreate(input: $input) {
  __typename ... on ValidationError { problems { path } } ... on PaymentSubmissionCreatePayload { submission { id status amount } } } }`;
const CONFIRM = `mutation ($input: PaymentSubmissionConfirmInput!) { paymentSubmissionConfirm(input: $input) {
  __typename ... on InvalidPaymentSubmissionStateError { status allowedStatuses }
  ... on PaymentSubmissionConfirmPayload { submission { status decidedBy payment { amount method reference } order { paymentStatus amountDue transferAmount } } } } }`;
const REJECT = `mutation ($input: PaymentSubmissionRejectInput!) { paymentSubmissionReject(input: $input) {
  __typename ... on InvalidPaymentSubmissionStateError { status } ... on PaymentSubmissionRejectPayload { submission { status rejectionReason payment { id } } } } }`;

describe('transfer codes', () => {
  it('gives concurrent bank-transfer orders distinct codes, frees a code when its order is paid, and finds an order by the amount transferred', async () => {
    const { t, create } = await shop();
    const orders = await Promise.all([create('BANK_TRANSFER'), create('BANK_TRANSFER'), create('BANK_TRANSFER', 2)]);
    expect(orders.map((o) => o.transferCode).sort()).toEqual([1, 2, 3]);
    const cod = await create('COD');
    expect([cod.transferCode, cod.transferAmount]).toEqual([null, null]);
    const two = orders.find((o) => o.transferCode === 2)!;
    // 50,000 due (or 100,000 for the two-unit order) plus the code.
    expect(two.transferAmount).toBe(two === orders[2] ? '100002.00' : '50002.00');

    const found = await gql<{ orderByTransferAmount: { id: string } | null }>(t, `query ($a: Decimal!) { orderByTransferAmount(amount: $a) { id } }`, { a: two.transferAmount });
    expect(found.orderByTransferAmount?.id).toBe(two.id);
    const none = await gql<{ orderByTransferAmount: unknown }>(t, `query { orderByTransferAmount(amount: "50004.00") { id } }`);
    expect(none.orderByTransferAmount).toBeNull();

    // Paid in full: its code is free for the next order (the smallest free one).
    const one = orders.find((o) => o.transferCode === 1)!;
    const due = one === orders[2] ? '100000' : '50000';
    await gql(t, `mutation ($input: PaymentRecordInput!) { paymentRecord(input: $input) { __typename } }`, { input: { order: one.id, amount: due, method: 'BANK_TRANSFER' } });
    expect((await create('BANK_TRANSFER')).transferCode).toBe(1);

    // An existing order gets one on demand, and keeps it when asked again.
    const assign = (order: string) =>
      gql<{ orderTransferCodeAssign: { order: { transferCode: number } } }>(t, `mutation ($o: ID!) { orderTransferCodeAssign(input: { order: $o }) { ... on OrderTransferCodeAssignPayload { order { transferCode } } } }`, { o: order });
    expect((await assign(cod.id)).orderTransferCodeAssign.order.transferCode).toBe(4);
    expect((await assign(cod.id)).orderTransferCodeAssign.order.transferCode).toBe(4);
  });
});

describe('payment submissions', () => {
  it('waits PENDING, then a confirmation records the payment once and a rejection keeps the reason', async () => {
    const { t, account, create } = await shop();
    const order = await create('BANK_TRANSFER');
    const submit = async (amount: string) =>
      (await gql<{ paymentSubmissionCreate: { submission: { id: string; status: string } } }>(t, SUBMIT, {
        input: { order: order.id, bankAccount: gid('BankAccount', account.id), amount, senderName: 'Siti Aminah', senderBank: 'Mandiri', transferredAt: '2026-12-05T09:00:00.000Z', proofUrl: 'https://bukti.example/1.jpg' },
      })).paymentSubmissionCreate.submission;
    const first = await submit('20000');
    expect(first.status).toBe('PENDING');
    const pending = await gql<{ paymentSubmissions: { totalCount: number } }>(t, `{ paymentSubmissions(filter: { statuses: [PENDING] }) { totalCount } }`);
    expect(pending.paymentSubmissions.totalCount).toBe(1);

    // Two confirmations at once: one records the payment, the other finds it CONFIRMED.
    const results = await Promise.all([1, 2].map(() => gql<{ paymentSubmissionConfirm: Record<string, unknown> }>(t, CONFIRM, { input: { submission: first.id } })));
    const types = results.map((r) => r.paymentSubmissionConfirm.__typename).sort();
    expect(types).toEqual(['InvalidPaymentSubmissionStateError', 'PaymentSubmissionConfirmPayload']);
    const confirmed = results.find((r) => r.paymentSubmissionConfirm.__typename === 'PaymentSubmissionConfirmPayload')!.paymentSubmissionConfirm as { submission: Record<string, unknown> };
    // 50,000 + code 1 was due; 20,000 paid: 30,000 left, and the transfer amount follows.
    expect(confirmed.submission).toMatchObject({
      status: 'CONFIRMED',
      payment: { amount: '20000.00', method: 'BANK_TRANSFER', reference: expect.stringMatching(/^Submission \d+$/) },
      order: { paymentStatus: 'PARTIALLY_PAID', amountDue: '30000.00', transferAmount: '30001.00' },
    });
    const refused = results.find((r) => r.paymentSubmissionConfirm.__typename !== 'PaymentSubmissionConfirmPayload')!.paymentSubmissionConfirm;
    expect(refused).toMatchObject({ status: 'CONFIRMED', allowedStatuses: ['PENDING'] });

    const second = await submit('30000');
    const rejected = await gql<{ paymentSubmissionReject: Record<string, unknown> }>(t, REJECT, { input: { submission: second.id, reason: 'Dana belum masuk' } });
    expect(rejected.paymentSubmissionReject).toEqual({ __typename: 'PaymentSubmissionRejectPayload', submission: { status: 'REJECTED', rejectionReason: 'Dana belum masuk', payment: null } });
    const again = await gql<{ paymentSubmissionReject: Record<string, unknown> }>(t, REJECT, { input: { submission: second.id, reason: 'x' } });
    expect(again.paymentSubmissionReject).toEqual({ __typename: 'InvalidPaymentSubmissionStateError', status: 'REJECTED' });
    const payments = await t.prisma.payment.count({ where: { tenantId: t.id } });
    expect(payments).toBe(1);
    // A confirmation above what is owed is refused and writes nothing.
    const third = await submit('40000');
    const over = await gql<{ paymentSubmissionConfirm: { __typename: string } }>(t, CONFIRM, { input: { submission: third.id } });
    expect(over.paymentSubmissionConfirm.__typename).toBe('OverpaymentError');
    const adjusted = await gql<{ paymentSubmissionConfirm: { submission: { payment: { amount: string }; order: { paymentStatus: string } } } }>(t, CONFIRM, { input: { submission: third.id, amount: '30000' } });
    expect(adjusted.paymentSubmissionConfirm.submission).toMatchObject({ payment: { amount: '30000.00' }, order: { paymentStatus: 'PAID' } });
  });

  it('refuses bad input, orders that owe nothing, and roles the lifecycle does not name', async () => {
    const { t, create } = await shop();
    const order = await create('BANK_TRANSFER');
    const base = { order: order.id, amount: '1000', senderName: 'Siti', transferredAt: '2026-12-05T09:00:00.000Z' };
    const bad = await gql<{ paymentSubmissionCreate: { __typename: string; problems: Array<{ path: string[] }> } }>(t, SUBMIT, { input: { ...base, amount: '0', senderName: ' ', proofUrl: 'ftp://x', transferredAt: '2099-01-01T00:00:00.000Z' } });
    expect(bad.paymentSubmissionCreate.problems.map((p) => p.path.join('.'))).toEqual(['amount', 'senderName', 'proofUrl', 'transferredAt']);
    await gql(t, `mutation ($o: ID!) { orderCancel(input: { order: $o, reason: CUSTOMER_REQUEST }) { __typename } }`, { o: order.id });
    const cancelled = await gql<{ paymentSubmissionCreate: { __typename: string } }>(t, SUBMIT, { input: base });
    expect(cancelled.paymentSubmissionCreate.__typename).toBe('PaymentNotAllowedError');

    const open = await create('BANK_TRANSFER');
    const partner = await t.apiKey('PARTNER');
    const submitted = await gql<{ paymentSubmissionCreate: { submission: { id: string } } }>(t, SUBMIT, { input: { ...base, order: open.id } }, partner);
    const asPartner = await execute(partner, CONFIRM, { input: { submission: submitted.paymentSubmissionCreate.submission.id } });
    expect(asPartner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const warehouse = await t.apiKey('WAREHOUSE');
    const asWarehouse = await execute(warehouse, SUBMIT, { input: { ...base, order: open.id } });
    expect(asWarehouse.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
