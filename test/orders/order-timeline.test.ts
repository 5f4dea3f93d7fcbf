// Order.timeline and OrderEvent.changes: an order's life as one list, read back
// through the API after a client took it through an edit, tags, a comment, a
// payment, a confirmation, a shipment with tracking and a return.
import { describe, expect, it } from 'vitest';
import { orderEventKind } from '../../src/orders/order-timeline.js';
import { execute } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function gql<T>(t: TestTenant, document: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await execute<T, Record<string, unknown>>(t.key, document, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

const TIMELINE = `timeline {
  at kind actor summary
  subject {
    __typename
    ... on OrderEvent { type changes { fields { field from to } lines { kind sku changes { field from to } } partiesSet partiesRemoved adjustmentsReplaced } }
    ... on Comment { body }
    ... on Payment { amount method kind }
    ... on Shipment { trackingNumber }
    ... on ShipmentEvent { status location }
    ... on OrderReturn { returnBy }
  }
}`;

interface Entry {
  at: string;
  kind: string;
  actor: string | null;
  summary: string;
  subject: Record<string, unknown> & { __typename: string };
}

describe('Order.timeline', () => {
  it('lists history, edits with what changed, comments, payments, shipments, tracking and returns in the order they happened', async () => {
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({
      variations: [
        { sku: 'TL-A', price: '10000', stock: { [warehouse.id]: 10 } },
        { sku: 'TL-B', price: '7500', stock: { [warehouse.id]: 10 } },
      ],
    });
    const [a, b] = variations;
    const customer = await t.customer();
    const created = await gql<{ orderCreate: { order: { id: string; items: Array<{ id: string }> } } }>(
      t,
      `mutation { orderCreate(input: { customer: "${gid('Customer', customer.id)}", originWarehouse: "${gid('Warehouse', warehouse.id)}",
         items: [{ variation: "${gid('Variation', a!.id)}", quantity: 2 }] }) { ... on OrderCreatePayload { order { id items { id } } } } }`,
    );
    const order = created.orderCreate.order.id;
    const line = created.orderCreate.order.items[0]!.id;
    const run = (document: string) => gql<Record<string, { __typename: string }>>(t, document);

    const edited = await run(`mutation { orderEdit(input: { order: "${order}", notes: "kirim pagi",
      updateItems: [{ item: "${line}", quantity: 3 }], addItems: [{ variation: "${gid('Variation', b!.id)}", quantity: 1 }] }) { __typename } }`);
    expect(edited.orderEdit!.__typename).toBe('OrderEditPayload');
    await run(`mutation { orderTagsUpdate(input: { order: "${order}", add: ["vip"] }) { __typename } }`);
    await run(`mutation { commentAdd(input: { order: "${order}", body: "Telepon sebelum kirim" }) { __typename } }`);
    const paid = await run(`mutation { paymentRecord(input: { order: "${order}", amount: "37500", method: BANK_TRANSFER }) { __typename } }`);
    expect(paid.paymentRecord!.__typename).toBe('PaymentRecordPayload');
    for (const step of ['orderConfirm', 'orderProcess', 'orderPack']) await run(`mutation { ${step}(input: { order: "${order}" }) { __typename } }`);
    const shipment = await gql<{ shipmentCreate: { shipment?: { id: string } } }>(
      t,
      `mutation { shipmentCreate(input: { order: "${order}", serviceName: "REG", trackingNumber: "TL000123" }) { ... on ShipmentCreatePayload { shipment { id } } } }`,
    );
    expect(shipment.shipmentCreate.shipment).toBeDefined();
    const trackedAt = new Date().toISOString();
    await run(`mutation { shipmentTrackingAppend(input: { shipment: "${shipment.shipmentCreate.shipment!.id}",
      events: [{ status: "in_transit", location: "Bandung", occurredAt: "${trackedAt}" }] }) { __typename } }`);
    await run(`mutation { orderShip(input: { order: "${order}" }) { __typename } }`);
    const returned = await run(`mutation { orderReturn(input: { order: "${order}", returnBy: "customer_request", reason: "rusak" }) { __typename } }`);
    expect(returned.orderReturn!.__typename).toBe('OrderReturnPayload');

    const { order: read } = await gql<{ order: { timeline: Entry[] } }>(t, `query ($id: ID!) { order(id: $id) { ${TIMELINE} } }`, { id: order });
    const timeline = read.timeline;
    const kinds = timeline.map((e) => `${e.kind} ${e.subject.__typename}`);
    expect(kinds.slice(0, 10)).toEqual([
      'CREATED OrderEvent',
      'EDITED OrderEvent',
      'EDITED OrderEvent',
      'COMMENT Comment',
      'PAYMENT Payment',
      'STATUS_CHANGED OrderEvent',
      'STATUS_CHANGED OrderEvent',
      'STATUS_CHANGED OrderEvent',
      'SHIPMENT_CREATED Shipment',
      'SHIPMENT_TRACKING ShipmentEvent',
    ]);
    // orderShip opens a second package for what is in none yet and moves the status; orderReturn records the
    // return and moves the status. Rows written by one request keep their own write times, so only the
    // requests' order is fixed.
    expect(kinds.slice(10, 12).sort()).toEqual(['SHIPMENT_CREATED Shipment', 'STATUS_CHANGED OrderEvent']);
    expect(kinds.slice(12).sort()).toEqual(['RETURN OrderReturn', 'STATUS_CHANGED OrderEvent']);
    const bySummary = (start: RegExp) => timeline.find((e) => start.test(e.summary))!;
    const times = timeline.map((e) => Date.parse(e.at));
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    expect(timeline[9]!.at).toBe(trackedAt);

    // The edit: 2 x 10,000 became 3 x 10,000 and a line of 1 x 7,500 was added: subtotal 20,000 -> 37,500.
    const edit = timeline[1]!.subject as unknown as { changes: { fields: Array<{ field: string; from: string | null; to: string | null }>; lines: Array<{ kind: string; sku: string; changes: Array<{ field: string; from: string | null; to: string | null }> }>; partiesSet: string[]; adjustmentsReplaced: boolean } };
    const fields = Object.fromEntries(edit.changes.fields.map((f) => [f.field, [f.from, f.to]]));
    expect(fields.notes).toEqual([null, 'kirim pagi']);
    expect(fields.subtotal).toEqual(['20000.00', '37500.00']);
    expect(fields.grandTotal).toEqual(['20000.00', '37500.00']);
    const lines = Object.fromEntries(edit.changes.lines.map((l) => [`${l.kind} ${l.sku}`, Object.fromEntries(l.changes.map((c) => [c.field, [c.from, c.to]]))]));
    expect(lines).toEqual({
      'CHANGED TL-A': { quantity: ['2', '3'], lineTotal: ['20000.00', '30000.00'] },
      'ADDED TL-B': { quantity: [null, '1'], unitPrice: [null, '7500.00'], lineTotal: [null, '7500.00'] },
    });
    expect(edit.changes.adjustmentsReplaced).toBe(false);
    // Tags: one field, the lists as JSON text.
    const tags = timeline[2]!.subject as unknown as { type: string; changes: { fields: Array<{ field: string; from: string; to: string }> } };
    expect(tags.type).toBe('tags');
    expect(tags.changes.fields).toEqual([{ field: 'tags', from: '[]', to: '["vip"]' }]);
    expect(timeline[3]!.summary).toBe('Comment: Telepon sebelum kirim');
    expect(timeline[4]!.summary).toBe('Payment IDR 37500.00 (BANK_TRANSFER)');
    expect(timeline[4]!.subject).toMatchObject({ amount: '37500.00', method: 'BANK_TRANSFER', kind: 'PAYMENT' });
    expect(timeline[5]!.summary).toBe('confirm: PENDING → CONFIRMED');
    expect(timeline[5]!.subject).toMatchObject({ type: 'confirm', changes: null });
    expect(timeline[6]!.summary).toBe('process: CONFIRMED → PROCESSING');
    expect(timeline[8]!.summary).toBe('Shipment created (REG TL000123)');
    expect(timeline[9]).toMatchObject({ summary: 'Tracking: in_transit at Bandung', actor: null, subject: { status: 'in_transit', location: 'Bandung' } });
    expect(bySummary(/^ship:/).summary).toBe('ship: PACKED → SHIPPED');
    expect(bySummary(/^return:/).summary).toBe('return: SHIPPED → RETURNED');
    // The return is worth what was shipped: 3 x 10,000 + 7,500.
    expect(bySummary(/^Return/)).toMatchObject({ summary: 'Return worth 37500.00 by customer_request: rusak', subject: { returnBy: 'customer_request' } });
    // Everything the test's key did is under its name.
    const actor = timeline[0]!.actor;
    expect(actor).toMatch(/\S/);
    for (const entry of timeline.filter((e) => !e.kind.startsWith('SHIPMENT_'))) expect([entry.summary, entry.actor]).toEqual([entry.summary, actor]);
  });

  it('classifies history rows by their type and statuses', () => {
    const table: Array<[string, string | null, string, string]> = [
      ['create', null, 'PENDING', 'CREATED'],
      ['place', 'PENDING', 'PENDING', 'PLACED'],
      ['edit', 'CONFIRMED', 'CONFIRMED', 'EDITED'],
      ['tags', 'PENDING', 'PENDING', 'EDITED'],
      ['confirm', 'PENDING', 'CONFIRMED', 'STATUS_CHANGED'],
      ['cancellationRequest', 'CONFIRMED', 'CONFIRMED', 'CANCELLATION_REQUEST'],
      ['cancellationExpire', 'CONFIRMED', 'CONFIRMED', 'CANCELLATION_REQUEST'],
      ['cancellationApprove', 'CONFIRMED', 'CANCELLED', 'STATUS_CHANGED'],
    ];
    for (const [type, fromStatus, toStatus, kind] of table) expect([type, orderEventKind({ type, fromStatus, toStatus })]).toEqual([type, kind]);
  });
});
