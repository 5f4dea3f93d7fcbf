// Transfer orders through the API (issue 17, finding 3): a RELOCATION JKT -> BDG
// is shipped and then received at the destination, never just completed; while
// in transit its units show as the destination's inTransit; a short receipt is
// recorded per line; transfers are valued at cost and owe nothing.
import { describe, expect, it } from 'vitest';
import {
  TransferCompleteDocument,
  TransferCreateDocument,
  TransferPaymentRecordDocument,
  TransferProcessDocument,
  TransferReceiveDocument,
  TransferShipDocument,
  TransferStockDocument,
  TransitionConfirmDocument,
} from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

/** JKT holds 10 units of one variation sold at 5,000 and bought at 3,200; BDG holds none. */
async function shop() {
  const t = await newTenant();
  const jkt = await t.warehouse({ code: 'JKT' });
  const bdg = await t.warehouse({ code: 'BDG' });
  const { variations } = await t.product({ variations: [{ sku: 'KAOS-M', price: '5000', stock: { [jkt.id]: 10 } }] });
  const variation = variations[0]!;
  await t.prisma.variation.update({ where: { id: variation.id }, data: { costPrice: '3200' } });
  return { t, jkt, bdg, variation };
}

async function levels(t: TestTenant, variationId: number) {
  const data = await query(t.key, TransferStockDocument, { id: gid('Variation', variationId) });
  if (!data.node || !('stockLevels' in data.node)) throw new Error('no variation');
  return Object.fromEntries(data.node.stockLevels.map((l) => [l.warehouse.code, { onHand: l.onHand, reserved: l.reserved, inTransit: l.inTransit }]));
}

/** Creates the relocation of 5 units JKT -> BDG and takes it to SHIPPED. */
async function shippedRelocation() {
  const s = await shop();
  const created = await query(s.t.key, TransferCreateDocument, {
    input: {
      kind: 'RELOCATION',
      originWarehouse: gid('Warehouse', s.jkt.id),
      destinationWarehouse: gid('Warehouse', s.bdg.id),
      items: [{ variation: gid('Variation', s.variation.id), quantity: 5 }],
    },
  });
  if (created.orderCreate.__typename !== 'OrderCreatePayload') throw new Error(JSON.stringify(created.orderCreate));
  const order = created.orderCreate.order;
  await query(s.t.key, TransitionConfirmDocument, { input: { order: order.id } });
  const processed = await query(s.t.key, TransferProcessDocument, { input: { order: order.id } });
  expect(processed.orderProcess.__typename).toBe('OrderProcessPayload');
  const shipped = await query(s.t.key, TransferShipDocument, { input: { order: order.id } });
  if (shipped.orderShip.__typename !== 'OrderShipPayload') throw new Error(JSON.stringify(shipped.orderShip));
  return { ...s, created: order, shipped: shipped.orderShip.order };
}

describe('transfer orders', () => {
  it('values a transfer at cost and owes nothing: NOT_APPLICABLE, amount due 0, payments refused', async () => {
    const { t, created } = await shippedRelocation();
    // 5 x 3,200 (cost price), not 5 x 5,000 (sales price).
    expect(created).toMatchObject({
      kind: 'RELOCATION',
      status: 'PENDING',
      paymentStatus: 'NOT_APPLICABLE',
      amountDue: '0.00',
      totals: { grandTotal: '16000.00' },
      items: [{ quantity: 5, unitPrice: '3200.00', priceSource: 'COST', lineTotal: '16000.00', receivedQuantity: null, receiptShortfall: null }],
    });
    const paid = await query(t.key, TransferPaymentRecordDocument, { input: { order: created.id, method: 'BANK_TRANSFER', amount: '16000' } });
    expect(paid.paymentRecord).toMatchObject({ __typename: 'PaymentNotApplicableError', code: 'PAYMENT_NOT_APPLICABLE', kind: 'RELOCATION' });
    expect(await t.prisma.payment.count({ where: { orderId: Number(Buffer.from(created.id, 'base64').toString().split(':')[1]) } })).toBe(0);
  });

  it('offers no complete after shipping: the units are in transit at BDG until it receives all 5', async () => {
    const { t, variation, created, shipped } = await shippedRelocation();
    expect(shipped.status).toBe('SHIPPED');
    expect(shipped.availableTransitions).toEqual([{ name: 'VALIDATE', mutation: 'orderValidate' }]);
    // Left JKT (10 - 5), not yet on hand at BDG, 5 on their way there.
    expect(await levels(t, variation.id)).toEqual({ JKT: { onHand: 5, reserved: 0, inTransit: 0 }, BDG: { onHand: 0, reserved: 0, inTransit: 5 } });

    const completed = await query(t.key, TransferCompleteDocument, { input: { order: created.id } });
    expect(completed.orderComplete).toMatchObject({ __typename: 'InvalidTransitionError', transition: 'complete', from: 'SHIPPED', allowed: [] });

    const received = await query(t.key, TransferReceiveDocument, { input: { order: created.id } });
    expect(received.orderValidate).toMatchObject({
      __typename: 'OrderValidatePayload',
      order: { status: 'COMPLETED', paymentStatus: 'NOT_APPLICABLE', availableTransitions: [], items: [{ quantity: 5, receivedQuantity: 5, receiptShortfall: 0 }] },
      event: { type: 'validate' },
    });
    expect(await levels(t, variation.id)).toEqual({ JKT: { onHand: 5, reserved: 0, inTransit: 0 }, BDG: { onHand: 5, reserved: 0, inTransit: 0 } });
  });

  it('records a shortfall when BDG receives 4 of 5: on hand exact, nothing left in transit, the missing unit on the line and in the ledger', async () => {
    const { t, variation, bdg, created, shipped } = await shippedRelocation();
    const item = shipped.items[0]!.id;

    // More than was shipped is refused before anything is written.
    const tooMany = await query(t.key, TransferReceiveDocument, { input: { order: created.id, lines: [{ item, quantity: 6 }] } });
    expect(tooMany.orderValidate).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['lines', '0', 'quantity'] }] });
    expect(await levels(t, variation.id)).toEqual({ JKT: { onHand: 5, reserved: 0, inTransit: 0 }, BDG: { onHand: 0, reserved: 0, inTransit: 5 } });

    const received = await query(t.key, TransferReceiveDocument, { input: { order: created.id, lines: [{ item, quantity: 4 }], note: 'one carton damp' } });
    expect(received.orderValidate).toMatchObject({
      __typename: 'OrderValidatePayload',
      order: { status: 'COMPLETED', items: [{ quantity: 5, receivedQuantity: 4, receiptShortfall: 1 }] },
      event: { type: 'validate', note: 'one carton damp' },
    });
    // JKT gave 5, BDG got 4; the 5th is neither on hand nor in transit, it is the recorded shortfall.
    expect(await levels(t, variation.id)).toEqual({ JKT: { onHand: 5, reserved: 0, inTransit: 0 }, BDG: { onHand: 4, reserved: 0, inTransit: 0 } });
    const ledger = await t.prisma.stockMovement.findMany({ where: { warehouseId: bdg.id }, orderBy: { id: 'asc' } });
    expect(ledger.map((m) => [m.kind, m.quantityIn, m.quantityOut, m.inTransitDelta, m.balance])).toEqual([
      ['IN_TRANSIT', 0, 0, 5, 0],
      ['TRANSFER_IN', 4, 0, -5, 4],
    ]);
    expect(ledger[1]!.description).toContain('4 of 5, short 1');
  });

  it('refuses a transfer without a destination, or to its own origin', async () => {
    const { t, jkt, variation } = await shop();
    const items = [{ variation: gid('Variation', variation.id), quantity: 1 }];
    const none = await query(t.key, TransferCreateDocument, { input: { kind: 'DISTRIBUTION', originWarehouse: gid('Warehouse', jkt.id), items } });
    expect(none.orderCreate).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['destinationWarehouse'] }] });
    const same = await query(t.key, TransferCreateDocument, {
      input: { kind: 'CENTRAL_DISTRIBUTION', originWarehouse: gid('Warehouse', jkt.id), destinationWarehouse: gid('Warehouse', jkt.id), items },
    });
    expect(same.orderCreate).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['destinationWarehouse'], message: 'must differ from the origin warehouse' }] });
  });
});
