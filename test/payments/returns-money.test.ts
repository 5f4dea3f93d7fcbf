// Money after returns, cancellations and refunds, through the API. Every figure
// is worked out by hand from the order: 9 units at 10000.00 = 90000.00.
//   net total  = grand total - value of returned units (0 once cancelled or fully returned)
//   amountDue  = max(net total - (payments - refunds), 0)
//   refundDue  = max((payments - refunds) - net total, 0)
import { describe, expect, it } from 'vitest';
import {
  ReturnCustomerStatsDocument,
  ReturnOrderStateDocument,
  ReturnPaymentRecordDocument,
  ReturnPaymentRefundDocument,
  ReturnRecordDocument,
  TransitionCancelDocument,
  TransitionProcessDocument,
  TransitionShipDocument,
  type OrderReturnInput,
  type PaymentRecordInput,
  type PaymentRefundInput,
} from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function world() {
  const t = await newTenant();
  const warehouse = await t.warehouse();
  const { variations } = await t.product({ variations: [{ price: '10000', stock: { [warehouse.id]: 100 } }] });
  const customer = await t.customer();
  return { t, warehouse, variation: variations[0]!, customer };
}

type World = Awaited<ReturnType<typeof world>>;

/** An order of `quantity` units at 10000.00 for the world's customer, CONFIRMED, or shipped when `ship`. */
async function orderOf(w: World, quantity: number, ship = true) {
  const order = await w.t.order({ status: 'CONFIRMED', customerId: w.customer.id, items: [{ variationId: w.variation.id, quantity }] });
  const id = gid('Order', order.id);
  const item = await w.t.prisma.orderItem.findFirstOrThrow({ where: { orderId: order.id } });
  if (ship) {
    await query(w.t.key, TransitionProcessDocument, { input: { order: id } });
    const shipped = await query(w.t.key, TransitionShipDocument, { input: { order: id } });
    expect(shipped.orderShip.__typename).toBe('OrderShipPayload');
  }
  return { order, id, itemId: gid('OrderItem', item.id) };
}

async function pay(t: TestTenant, input: Omit<PaymentRecordInput, 'method'>) {
  return (await query(t.key, ReturnPaymentRecordDocument, { input: { method: 'BANK_TRANSFER', ...input } })).paymentRecord;
}

async function refund(t: TestTenant, input: Omit<PaymentRefundInput, 'reason'>) {
  return (await query(t.key, ReturnPaymentRefundDocument, { input: { reason: 'returned goods', ...input } })).paymentRefund;
}

async function returnOf(t: TestTenant, input: OrderReturnInput) {
  const result = (await query(t.key, ReturnRecordDocument, { input })).orderReturn;
  if (result.__typename !== 'OrderReturnPayload') throw new Error(JSON.stringify(result));
  return result;
}

async function money(t: TestTenant, id: string) {
  const order = (await query(t.key, ReturnOrderStateDocument, { id })).order!;
  const { status, returnStatus, paymentStatus, netTotal, amountPaid, amountDue, amountRefunded, refundDue } = order;
  return { status, returnStatus, paymentStatus, netTotal, amountPaid, amountDue, amountRefunded, refundDue };
}

describe('money after returns and refunds', () => {
  it('a paid order, 1 of 9 returned and refunded: nothing due, PAID, the refund linked to the return; a further payment is refused', async () => {
    const w = await world();
    const { order, id, itemId } = await orderOf(w, 9);
    expect((await pay(w.t, { order: id, amount: '90000' })).__typename).toBe('PaymentRecordPayload');

    const returned = await returnOf(w.t, { order: id, returnBy: 'customer_request', lines: [{ item: itemId, quantity: 1 }] });
    const returnId = returned.order.returns[0]!.id;
    // 90000 - 10000 = 80000 sold; 90000 kept: 10000 to give back.
    expect(await money(w.t, id)).toEqual({
      status: 'SHIPPED',
      returnStatus: 'PARTIAL',
      paymentStatus: 'PAID',
      netTotal: '80000.00',
      amountPaid: '90000.00',
      amountDue: '0.00',
      amountRefunded: '0.00',
      refundDue: '10000.00',
    });

    const refunded = await refund(w.t, { order: id, return: returnId, amount: '10000' });
    if (refunded.__typename !== 'PaymentRefundPayload') throw new Error(JSON.stringify(refunded));
    expect(refunded.payment).toMatchObject({ amount: '10000.00', refundFor: 'RETURN', return: { id: returnId } });
    expect(refunded.order.returns[0]!.refunds).toEqual([{ id: refunded.payment.id, amount: '10000.00', refundFor: 'RETURN', return: { id: returnId } }]);
    // 80000 sold, 90000 - 10000 = 80000 kept: settled both ways.
    expect(await money(w.t, id)).toEqual({
      status: 'SHIPPED',
      returnStatus: 'PARTIAL',
      paymentStatus: 'PAID',
      netTotal: '80000.00',
      amountPaid: '80000.00',
      amountDue: '0.00',
      amountRefunded: '10000.00',
      refundDue: '0.00',
    });

    const again = await pay(w.t, { order: id, amount: '10000' });
    expect(again).toMatchObject({ __typename: 'PaymentNotAllowedError', code: 'PAYMENT_NOT_ALLOWED', refusal: 'SETTLED' });
    expect(await w.t.prisma.payment.count({ where: { orderId: order.id, kind: 'PAYMENT' } })).toBe(1);
  });

  it("caps a return's refund at its value not yet refunded (RefundExceedsReturnError)", async () => {
    const w = await world();
    const { id, itemId } = await orderOf(w, 9);
    await pay(w.t, { order: id, amount: '90000' });
    const returned = await returnOf(w.t, { order: id, returnBy: 'customer_request', lines: [{ item: itemId, quantity: 1 }] });
    const returnId = returned.order.returns[0]!.id;

    const over = await refund(w.t, { order: id, return: returnId, amount: '10000.01' });
    expect(over).toMatchObject({ __typename: 'RefundExceedsReturnError', code: 'REFUND_EXCEEDS_RETURN', returnId, amountRefundable: '10000.00', requested: '10000.01' });
    expect((await refund(w.t, { order: id, return: returnId, amount: '6000' })).__typename).toBe('PaymentRefundPayload');
    const rest = await refund(w.t, { order: id, return: returnId, amount: '4000.01' });
    expect(rest).toMatchObject({ __typename: 'RefundExceedsReturnError', amountRefundable: '4000.00' });
    expect((await refund(w.t, { order: id, return: returnId, amount: '4000' })).__typename).toBe('PaymentRefundPayload');
    expect(await money(w.t, id)).toMatchObject({ amountPaid: '80000.00', amountDue: '0.00', refundDue: '0.00', paymentStatus: 'PAID' });
  });

  it('records the refund given with the return, in the same mutation', async () => {
    const w = await world();
    const { id, itemId } = await orderOf(w, 9);
    await pay(w.t, { order: id, amount: '90000' });
    const result = await returnOf(w.t, { order: id, returnBy: 'customer_request', reason: 'damaged', lines: [{ item: itemId, quantity: 2 }], refund: { amount: '20000', reference: 'TRF-9' } });
    expect(result.order.returns[0]!.refunds).toEqual([{ id: expect.any(String), amount: '20000.00', refundFor: 'RETURN', return: { id: result.order.returns[0]!.id } }]);
    // 90000 - 20000 = 70000 sold and kept.
    expect(result.order).toMatchObject({ netTotal: '70000.00', amountPaid: '70000.00', amountDue: '0.00', refundDue: '0.00', paymentStatus: 'PAID', status: 'SHIPPED' });

    // A refund above the return's value undoes the whole return.
    const over = (
      await query(w.t.key, ReturnRecordDocument, {
        input: { order: id, returnBy: 'customer_request', lines: [{ item: itemId, quantity: 1 }], refund: { amount: '10000.01' } },
      })
    ).orderReturn;
    expect(over).toMatchObject({ __typename: 'RefundExceedsReturnError', amountRefundable: '10000.00' });
    expect((await query(w.t.key, ReturnOrderStateDocument, { id })).order!.returns).toHaveLength(1);
    // A refund amount that is no amount is a validation problem under `refund`.
    const zero = (
      await query(w.t.key, ReturnRecordDocument, { input: { order: id, returnBy: 'customer_request', lines: [{ item: itemId, quantity: 1 }], refund: { amount: '0' } } })
    ).orderReturn;
    expect(zero).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['refund', 'amount'] }] });
  });

  it('a partly paid order: a return first lowers what is owed; no refund while the buyer still owes', async () => {
    const w = await world();
    const { id, itemId } = await orderOf(w, 9);
    await pay(w.t, { order: id, amount: '50000' });
    const first = await returnOf(w.t, { order: id, returnBy: 'customer_request', lines: [{ item: itemId, quantity: 1 }] });
    // 80000 sold, 50000 kept: 30000 still owed, nothing to give back.
    expect(await money(w.t, id)).toMatchObject({ netTotal: '80000.00', amountDue: '30000.00', refundDue: '0.00', paymentStatus: 'PARTIALLY_PAID' });
    const early = await refund(w.t, { order: id, return: first.order.returns[0]!.id, amount: '1' });
    expect(early).toMatchObject({ __typename: 'RefundExceedsReturnError', amountRefundable: '0.00' });

    // 4 more back: 90000 - 50000 = 40000 sold, 50000 kept: 10000 to give back.
    const second = await returnOf(w.t, { order: id, returnBy: 'customer_request', lines: [{ item: itemId, quantity: 4 }] });
    expect(await money(w.t, id)).toMatchObject({ netTotal: '40000.00', amountDue: '0.00', refundDue: '10000.00', paymentStatus: 'PAID' });
    // The second return is worth 40000, but only 10000 was paid beyond what is owed.
    const capped = await refund(w.t, { order: id, return: second.order.returns[1]!.id, amount: '10000.01' });
    expect(capped).toMatchObject({ __typename: 'RefundExceedsReturnError', amountRefundable: '10000.00' });
    expect((await refund(w.t, { order: id, return: second.order.returns[1]!.id, amount: '10000' })).__typename).toBe('PaymentRefundPayload');
    expect(await money(w.t, id)).toMatchObject({ netTotal: '40000.00', amountPaid: '40000.00', amountDue: '0.00', refundDue: '0.00', paymentStatus: 'PAID' });
  });

  it('a fully returned order owes nothing and takes no payment; its refund makes it REFUNDED', async () => {
    const w = await world();
    const { id } = await orderOf(w, 9);
    await pay(w.t, { order: id, amount: '30000' });
    const result = await returnOf(w.t, { order: id, returnBy: 'customer_request' });
    expect(await money(w.t, id)).toEqual({
      status: 'RETURNED',
      returnStatus: 'FULL',
      paymentStatus: 'PAID',
      netTotal: '0.00',
      amountPaid: '30000.00',
      amountDue: '0.00',
      amountRefunded: '0.00',
      refundDue: '30000.00',
    });
    expect(await pay(w.t, { order: id, amount: '1' })).toMatchObject({ __typename: 'PaymentNotAllowedError', status: 'RETURNED', refusal: 'RETURNED' });
    const refunded = await refund(w.t, { order: id, return: result.order.returns[0]!.id, amount: '30000' });
    expect(refunded).toMatchObject({ __typename: 'PaymentRefundPayload', payment: { refundFor: 'RETURN' } });
    expect(await money(w.t, id)).toMatchObject({ paymentStatus: 'REFUNDED', amountPaid: '0.00', amountDue: '0.00', refundDue: '0.00', amountRefunded: '30000.00' });
  });

  it('a cancelled order owes nothing and takes no payment; its refund settles the cancellation', async () => {
    const w = await world();
    const { id } = await orderOf(w, 3, false);
    await pay(w.t, { order: id, amount: '12000' });
    const cancelled = await query(w.t.key, TransitionCancelDocument, { input: { order: id, reason: 'CUSTOMER_REQUEST' } });
    expect(cancelled.orderCancel.__typename).toBe('OrderCancelPayload');
    // Nothing sold, 12000 kept: all of it goes back.
    expect(await money(w.t, id)).toMatchObject({ status: 'CANCELLED', netTotal: '0.00', amountDue: '0.00', refundDue: '12000.00', paymentStatus: 'PAID' });
    expect(await pay(w.t, { order: id, amount: '1' })).toMatchObject({ __typename: 'PaymentNotAllowedError', refusal: 'CANCELLED' });
    const refunded = await refund(w.t, { order: id, amount: '12000' });
    expect(refunded).toMatchObject({ __typename: 'PaymentRefundPayload', payment: { refundFor: 'CANCELLATION', return: null } });
    expect(await money(w.t, id)).toMatchObject({ paymentStatus: 'REFUNDED', amountDue: '0.00', refundDue: '0.00' });

    // Never paid and cancelled: UNPAID, and nothing due.
    const { id: unpaid } = await orderOf(w, 1, false);
    await query(w.t.key, TransitionCancelDocument, { input: { order: unpaid, reason: 'OUT_OF_STOCK' } });
    expect(await money(w.t, unpaid)).toMatchObject({ paymentStatus: 'UNPAID', amountDue: '0.00', refundDue: '0.00' });
  });

  it("counts a customer's spending net of returns, cancellations and refunds", async () => {
    const w = await world();
    // A: 9 x 10000 paid, 1 returned and refunded -> 80000 spent, 8 units, 80000 paid.
    const a = await orderOf(w, 9);
    await pay(w.t, { order: a.id, amount: '90000' });
    await returnOf(w.t, { order: a.id, returnBy: 'customer_request', lines: [{ item: a.itemId, quantity: 1 }], refund: { amount: '10000' } });
    // B: 2 x 10000 cancelled -> nothing.
    const b = await orderOf(w, 2, false);
    await query(w.t.key, TransitionCancelDocument, { input: { order: b.id, reason: 'CUSTOMER_REQUEST' } });
    // C: 3 x 10000, 5000 paid, all returned, 5000 refunded -> nothing.
    const c = await orderOf(w, 3);
    await pay(w.t, { order: c.id, amount: '5000' });
    await returnOf(w.t, { order: c.id, returnBy: 'customer_request', refund: { amount: '5000' } });
    // D: 1 x 10000 shipped, unpaid -> 10000 spent, 1 unit.
    await orderOf(w, 1);

    const stats = (await query(w.t.key, ReturnCustomerStatsDocument, { id: gid('Customer', w.customer.id) })).customer!.stats;
    expect(stats).toEqual({ orderCount: 4, cancelledOrderCount: 1, itemCount: 9, totalSpent: '90000.00', totalPaid: '80000.00' });
  });
});
