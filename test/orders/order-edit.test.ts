// orderEdit through the API: lines, parties, costs and notes of an editable order,
// totals recomputed, version bumped, an 'edit' event; dry runs write nothing;
// typed errors for a status that forbids editing and for a stale version.
import { describe, expect, it } from 'vitest';
import { OcOrderCreateDocument, OcOrderEditDocument, PaymentRecordDocument, type OrderCreateInput, type OrderEditInput } from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');
const dbId = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);

async function snapshot(t: TestTenant) {
  const where = { tenantId: t.id };
  const [orders, items, parties, adjustments, events, levels] = await Promise.all([
    t.prisma.order.findMany({ where, orderBy: { id: 'asc' } }),
    t.prisma.orderItem.findMany({ where, orderBy: { id: 'asc' } }),
    t.prisma.orderParty.findMany({ where, orderBy: { id: 'asc' } }),
    t.prisma.orderAdjustment.findMany({ where, orderBy: { id: 'asc' } }),
    t.prisma.orderEvent.findMany({ where, orderBy: { id: 'asc' } }),
    t.prisma.stockLevel.findMany({ where, orderBy: { id: 'asc' } }),
  ]);
  return JSON.parse(JSON.stringify({ orders, items, parties, adjustments, events, levels }));
}

/** A PENDING order: 2 x KAOS-M at 50000 and 1 x KAOS-L at 60000, shipping 10000, a 10 % order discount. */
async function pendingOrder() {
  const t = await newTenant();
  const warehouse = await t.warehouse();
  const { variations } = await t.product({
    name: 'Kaos',
    variations: [
      { sku: 'KAOS-M', price: '50000', stock: { [warehouse.id]: 8 } },
      { sku: 'KAOS-L', price: '60000', stock: { [warehouse.id]: 5 }, reserved: { [warehouse.id]: 2 } },
      { sku: 'KAOS-XL', price: '70000', stock: { [warehouse.id]: 1 } },
    ],
  });
  const [m, l, xl] = variations as [(typeof variations)[number], (typeof variations)[number], (typeof variations)[number]];
  await t.prisma.wholesalePrice.create({ data: { tenantId: t.id, variationId: m.id, minQty: 5, price: '45000' } });
  const input: OrderCreateInput = {
    originWarehouse: gid('Warehouse', warehouse.id),
    recipient: { name: 'Budi', phone: '0812', address: 'Jl. Angkasa 1' },
    items: [
      { variation: gid('Variation', m.id), quantity: 2 },
      { variation: gid('Variation', l.id), quantity: 1 },
    ],
    adjustments: [
      { category: 'SHIPPING', value: '10000' },
      { category: 'DISCOUNT', type: 'PERCENTAGE', value: '10' },
    ],
  };
  const data = await query(t.key, OcOrderCreateDocument, { input });
  if (data.orderCreate.__typename !== 'OrderCreatePayload') throw new Error(JSON.stringify(data.orderCreate));
  const order = data.orderCreate.order;
  return { t, warehouse, m, l, xl, order, itemM: order.items[0]!.id, itemL: order.items[1]!.id };
}

async function edit(t: TestTenant, input: OrderEditInput) {
  const data = await query(t.key, OcOrderEditDocument, { input });
  return data.orderEdit;
}

describe('orderEdit', () => {
  it('keeps the stored payment status in step when a paid order grows', async () => {
    const { t, xl, order } = await pendingOrder();
    const paid = await query(t.key, PaymentRecordDocument, { input: { order: order.id, method: 'CASH', amount: order.totals.grandTotal } });
    expect(paid.paymentRecord.__typename).toBe('PaymentRecordPayload');
    expect((await t.prisma.order.findUniqueOrThrow({ where: { id: dbId(order.id) } })).paymentStatus).toBe('PAID');
    const result = await edit(t, { order: order.id, addItems: [{ variation: gid('Variation', xl.id), quantity: 1 }] });
    expect(result.__typename).toBe('OrderEditPayload');
    const stored = await t.prisma.order.findUniqueOrThrow({ where: { id: dbId(order.id) } });
    expect(stored.paymentStatus).toBe('PARTIALLY_PAID');
    expect(stored.grandTotal.toFixed(2)).toBe('217000.00');
  });

  it('adds, updates and removes lines, replaces the recipient and costs, recomputes totals and writes an edit event', async () => {
    const { t, xl, order, itemM, itemL } = await pendingOrder();
    expect(order.totals).toMatchObject({ subtotal: '160000.00', discount: '16000.00', shipping: '10000.00', grandTotal: '154000.00' });
    const result = await edit(t, {
      order: order.id,
      expectedVersion: 1,
      // 5 units reach the wholesale tier 45000.
      updateItems: [{ item: itemM, quantity: 5, note: 'size M' }],
      removeItems: [itemL],
      addItems: [{ variation: gid('Variation', xl.id), quantity: 1, unitPrice: '65000', discount: { type: 'CASCADED', value: '10+5' } }],
      recipient: { name: 'Siti', phone: '0813', city: 'Bandung' },
      adjustments: [
        { category: 'SHIPPING', value: '12000' },
        { category: 'COD_FEE', type: 'PERCENTAGE', value: '2' },
      ],
      notes: 'Updated delivery instructions',
    });
    if (result.__typename !== 'OrderEditPayload') throw new Error(JSON.stringify(result));
    expect(result.dryRun).toBe(false);
    expect(result.version).toBe(2);
    const o = result.order;
    expect(o.version).toBe(2);
    expect(o.notes).toBe('Updated delivery instructions');
    expect(o.items.map((i) => [i.sku, i.quantity, i.unitPrice, i.priceSource, i.discountValue, i.discountAmount, i.lineTotal, i.note])).toEqual([
      ['KAOS-M', 5, '45000.00', 'WHOLESALE', null, '0.00', '225000.00', 'size M'],
      // 65000 x 0.9 x 0.95 = 55575.
      ['KAOS-XL', 1, '65000.00', 'OVERRIDE', '10+5', '9425.00', '55575.00', null],
    ]);
    expect(o.items[0]!.id).toBe(itemM);
    // COD 2 % of 280575 + 12000 = 5851.50.
    expect(o.totals).toEqual({
      subtotal: '280575.00',
      itemDiscount: '9425.00',
      shipping: '12000.00',
      discount: '0.00',
      tax: '0.00',
      codFee: '5851.50',
      insurance: '0.00',
      otherCost: '0.00',
      grandTotal: '298426.50',
      currency: 'IDR',
    });
    expect(result.totals).toEqual(o.totals);
    expect(o.adjustments.map((a) => [a.category, a.amount])).toEqual([
      ['SHIPPING', '12000.00'],
      ['COD_FEE', '5851.50'],
    ]);
    expect(o.recipient).toMatchObject({ name: 'Siti', phone: '0813', city: 'Bandung', address: null });
    expect(o.events.map((e) => [e.sequence, e.type, e.fromStatus, e.toStatus])).toEqual([
      [1, 'create', null, 'PENDING'],
      [2, 'edit', 'PENDING', 'PENDING'],
    ]);
    expect(result.stockEffect.map((e) => [e.variation.sku, e.quantityChange, e.available]).sort()).toEqual([
      ['KAOS-L', -1, 3],
      ['KAOS-M', 3, 8],
      ['KAOS-XL', 1, 1],
    ]);
  });

  it('keeps untouched costs, their percentages following the new subtotal', async () => {
    const { t, order, itemL } = await pendingOrder();
    const result = await edit(t, { order: order.id, removeItems: [itemL] });
    if (result.__typename !== 'OrderEditPayload') throw new Error(JSON.stringify(result));
    expect(result.order.adjustments.map((a) => [a.category, a.value, a.amount])).toEqual([
      ['SHIPPING', '10000', '10000.00'],
      ['DISCOUNT', '10', '10000.00'],
    ]);
    expect(result.order.totals).toMatchObject({ subtotal: '100000.00', discount: '10000.00', grandTotal: '100000.00' });
  });

  it('with dryRun returns the would-be order and stock effect and writes nothing', async () => {
    const { t, xl, order, itemM } = await pendingOrder();
    const before = await snapshot(t);
    const result = await edit(t, {
      order: order.id,
      dryRun: true,
      expectedVersion: 1,
      // Beyond the 1 XL available: the preview shows the shortfall of an accepted backorder.
      backorder: true,
      updateItems: [{ item: itemM, quantity: 6 }],
      addItems: [{ variation: gid('Variation', xl.id), quantity: 2 }],
      recipient: { name: 'Siti' },
      adjustments: [],
      notes: 'not saved',
    });
    if (result.__typename !== 'OrderEditPayload') throw new Error(JSON.stringify(result));
    expect(result.dryRun).toBe(true);
    expect(result.version).toBe(1);
    expect(result.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.priceSource, l.lineTotal, l.item?.id ?? null])).toEqual([
      ['KAOS-M', 6, '45000.00', 'WHOLESALE', '270000.00', itemM],
      ['KAOS-L', 1, '60000.00', 'BASE', '60000.00', order.items[1]!.id],
      ['KAOS-XL', 2, '70000.00', 'BASE', '140000.00', null],
    ]);
    expect(result.totals).toMatchObject({ subtotal: '470000.00', shipping: '0.00', discount: '0.00', grandTotal: '470000.00' });
    expect(result.adjustments).toEqual([]);
    expect(result.stockEffect.map((e) => [e.variation.sku, e.quantityChange, e.available]).sort()).toEqual([
      ['KAOS-M', 4, 8],
      ['KAOS-XL', 2, 1],
    ]);
    // The stored order is as it was.
    expect(result.order).toMatchObject({ version: 1, notes: null, totals: order.totals });
    expect(await snapshot(t)).toEqual(before);
  });

  it.each<[string, 'PROCESSING' | 'PACKED' | 'SHIPPED' | 'COMPLETED' | 'CANCELLED' | 'RETURNED']>([
    ['processing', 'PROCESSING'],
    ['packed', 'PACKED'],
    ['shipped', 'SHIPPED'],
    ['completed', 'COMPLETED'],
    ['cancelled', 'CANCELLED'],
    ['returned', 'RETURNED'],
  ])('refuses to edit a %s order with OrderNotEditableError and writes nothing', async (_name, status) => {
    const { t, order, itemM } = await pendingOrder();
    await t.prisma.order.update({ where: { id: dbId(order.id) }, data: { status } });
    const before = await snapshot(t);
    const result = await edit(t, { order: order.id, updateItems: [{ item: itemM, quantity: 3 }] });
    expect(result).toMatchObject({ __typename: 'OrderNotEditableError', code: 'ORDER_NOT_EDITABLE', orderId: order.id, status });
    expect(await snapshot(t)).toEqual(before);
  });

  it('edits a CONFIRMED order', async () => {
    const { t, order, itemM } = await pendingOrder();
    await t.prisma.order.update({ where: { id: dbId(order.id) }, data: { status: 'CONFIRMED' } });
    const result = await edit(t, { order: order.id, updateItems: [{ item: itemM, quantity: 3 }] });
    expect(result).toMatchObject({ __typename: 'OrderEditPayload', order: { status: 'CONFIRMED', events: [{ type: 'create' }, { type: 'edit', fromStatus: 'CONFIRMED', toStatus: 'CONFIRMED' }] } });
  });

  it('refuses a stale expectedVersion with VersionConflictError and writes nothing', async () => {
    const { t, order, itemM } = await pendingOrder();
    await edit(t, { order: order.id, expectedVersion: 1, notes: 'first' });
    const before = await snapshot(t);
    const result = await edit(t, { order: order.id, expectedVersion: 1, updateItems: [{ item: itemM, quantity: 3 }] });
    expect(result).toMatchObject({ __typename: 'VersionConflictError', expectedVersion: 1, actualVersion: 2 });
    expect(await snapshot(t)).toEqual(before);
  });

  it.each<[string, (f: Awaited<ReturnType<typeof pendingOrder>>) => OrderEditInput, string[][]]>([
    ['removing every line', (f) => ({ order: f.order.id, removeItems: [f.itemM, f.itemL] }), [['removeItems']]],
    ['quantity 0', (f) => ({ order: f.order.id, updateItems: [{ item: f.itemM, quantity: 0 }] }), [['updateItems', '0', 'quantity']]],
    ['updating and removing one line', (f) => ({ order: f.order.id, updateItems: [{ item: f.itemM, quantity: 2 }], removeItems: [f.itemM] }), [['updateItems']]],
    ['a bad line discount', (f) => ({ order: f.order.id, updateItems: [{ item: f.itemL, discount: { type: 'NOMINAL', value: '60000.01' } }] }), [['updateItems', '0', 'discount', 'value']]],
    ['a bad new line discount', (f) => ({ order: f.order.id, addItems: [{ variation: gid('Variation', f.xl.id), quantity: 1, discount: { type: 'CASCADED', value: '+5' } }] }), [['addItems', '0', 'discount', 'value']]],
    ['a party without a name', (f) => ({ order: f.order.id, buyer: { phone: '1' } }), [['buyer', 'name']]],
  ])('refuses %s with a ValidationError and writes nothing', async (_name, build, paths) => {
    const f = await pendingOrder();
    const before = await snapshot(f.t);
    const result = await edit(f.t, build(f));
    if (result.__typename !== 'ValidationError') throw new Error(JSON.stringify(result));
    expect(result.problems.map((p) => p.path)).toEqual(paths);
    expect(await snapshot(f.t)).toEqual(before);
  });

  it("finds neither another tenant's order nor its variation", async () => {
    const mine = await pendingOrder();
    const theirs = await pendingOrder();
    const [beforeMine, beforeTheirs] = [await snapshot(mine.t), await snapshot(theirs.t)];
    expect(await edit(mine.t, { order: theirs.order.id, notes: 'x' })).toMatchObject({ __typename: 'NotFoundError', entity: 'Order' });
    expect(await edit(mine.t, { order: mine.order.id, addItems: [{ variation: gid('Variation', theirs.xl.id), quantity: 1 }] })).toMatchObject({
      __typename: 'NotFoundError',
      entity: 'Variation',
    });
    expect(await edit(mine.t, { order: mine.order.id, removeItems: [theirs.itemM] })).toMatchObject({ __typename: 'NotFoundError', entity: 'OrderItem' });
    expect(await snapshot(mine.t)).toEqual(beforeMine);
    expect(await snapshot(theirs.t)).toEqual(beforeTheirs);
  });

  it('removes the dropshipper on request', async () => {
    const { t, order } = await pendingOrder();
    const added = await edit(t, { order: order.id, dropshipper: { name: 'Toko A' } });
    expect(added).toMatchObject({ order: { dropshipper: { name: 'Toko A' } } });
    const removed = await edit(t, { order: order.id, removeParties: ['DROPSHIPPER'] });
    expect(removed).toMatchObject({ order: { dropshipper: null, recipient: { name: 'Budi' }, version: 3 } });
  });
});

describe.skipIf(!process.env.DATABASE_URL)('orderEdit racing (PostgreSQL)', () => {
  it('lets one of two parallel edits of one version through; the other is a VersionConflictError', async () => {
    const { t, order, itemM } = await pendingOrder();
    const results = await Promise.all([
      edit(t, { order: order.id, expectedVersion: 1, updateItems: [{ item: itemM, quantity: 3 }] }),
      edit(t, { order: order.id, expectedVersion: 1, updateItems: [{ item: itemM, quantity: 4 }] }),
    ]);
    expect(results.map((r) => r.__typename).sort()).toEqual(['OrderEditPayload', 'VersionConflictError']);
    const stored = await t.prisma.order.findUniqueOrThrow({ where: { id: dbId(order.id) }, include: { events: { orderBy: { sequence: 'asc' } } } });
    expect(stored.version).toBe(2);
    expect(stored.events.map((e) => e.type)).toEqual(['create', 'edit']);
  });

  it('refuses the slower of two parallel edits sent without expectedVersion instead of losing an update', async () => {
    const { t, order, itemM, itemL } = await pendingOrder();
    const results = await Promise.all([
      edit(t, { order: order.id, updateItems: [{ item: itemM, quantity: 3 }] }),
      edit(t, { order: order.id, updateItems: [{ item: itemL, quantity: 2 }] }),
    ]);
    const ok = results.filter((r) => r.__typename === 'OrderEditPayload');
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const stored = await t.prisma.order.findUniqueOrThrow({ where: { id: dbId(order.id) }, include: { items: { orderBy: { id: 'asc' } } } });
    // Whatever got through, the stored totals are those of the stored lines.
    const subtotal = stored.items.reduce((s, i) => s + Number(i.lineTotal), 0);
    expect(Number(stored.subtotal)).toBe(subtotal);
    expect(stored.version).toBe(1 + ok.length);
  });
});
