// orderCreate through the API: catalog prices (category, wholesale, override),
// discounts, costs, parties, totals, the 'create' event, drafts and orderPlace,
// validation and tenant isolation with nothing written.
import { describe, expect, it } from 'vitest';
import { OcOrderCreateDocument, OcOrderPlaceDocument, type OrderCreateInput } from '../generated/graphql.js';
import { countStatements, execute, query } from '../support/execute.js';
import { testApp } from '../support/app.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function counts(t: TestTenant) {
  const where = { tenantId: t.id };
  const [orders, items, parties, adjustments, events, movements] = await Promise.all([
    t.prisma.order.count({ where }),
    t.prisma.orderItem.count({ where }),
    t.prisma.orderParty.count({ where }),
    t.prisma.orderAdjustment.count({ where }),
    t.prisma.orderEvent.count({ where }),
    t.prisma.stockMovement.count({ where }),
  ]);
  return { orders, items, parties, adjustments, events, movements };
}

/** A shop with a reseller category (category price, wholesale tiers) and a category without discount access. */
async function shop() {
  const t = await newTenant();
  const warehouse = await t.warehouse({ code: 'GDG-JKT' });
  const reseller = await t.customerCategory({ code: 'RESELLER', name: 'Reseller' });
  const noDiscount = await t.prisma.customerCategory.create({ data: { tenantId: t.id, code: 'NODISC', name: 'No discount', discountAccess: false } });
  const { product, variations } = await t.product({
    name: 'Handuk',
    variations: [
      { sku: 'HDK-RED', price: '15000', stock: { [warehouse.id]: 100 } },
      { sku: 'HDK-BLUE', price: '12345', stock: { [warehouse.id]: 100 } },
    ],
  });
  const [red, blue] = variations as [(typeof variations)[number], (typeof variations)[number]];
  await t.prisma.variation.update({ where: { id: red.id }, data: { name: 'Merah', weightGrams: 250 } });
  await t.prisma.variationPrice.create({ data: { tenantId: t.id, variationId: red.id, customerCategoryId: reseller.id, price: '14000' } });
  await t.prisma.wholesalePrice.create({ data: { tenantId: t.id, variationId: red.id, minQty: 10, maxQty: null, price: '13000' } });
  const region = await t.region('Sariwangi');
  const customer = await t.customer({ name: 'Mark Smith', phone: '+628292839282', categoryId: reseller.id, regionId: region.id });
  const stingy = await t.customer({ name: 'Toko Hemat', categoryId: noDiscount.id });
  const source = await t.prisma.orderSource.create({ data: { tenantId: t.id, name: 'WhatsApp' } });
  return { t, warehouse, reseller, product, red, blue, region, customer, stingy, source };
}

describe('orderCreate', () => {
  it('creates an order with catalog prices, discounts, costs, parties, totals and a create event', async () => {
    const { t, warehouse, red, blue, region, customer, source } = await shop();
    const { app } = await testApp();
    const created = app.events.subscribe('orderCreated', t.id);
    const before = await counts(t);
    const input: OrderCreateInput = {
      customer: gid('Customer', customer.id),
      channel: 'Shopee',
      externalRef: '1362230256',
      externalStatus: 'pending',
      source: gid('OrderSource', source.id),
      salesRep: 'John Doe',
      notes: 'Titip di security',
      internalNotes: 'VIP',
      paymentMethod: 'BANK_TRANSFER',
      originWarehouse: gid('Warehouse', warehouse.id),
      orderedAt: '2025-12-05T06:32:00.000Z',
      recipient: {
        name: 'Mark Smith',
        phone: '+628292839282',
        email: 'example@gmail.com',
        address: 'Sariwangi Parongpong Bandung',
        region: gid('Region', region.id),
        province: 'Jawa Barat',
        city: 'Kabupaten Tasikmalaya',
        district: 'Sariwangi',
        subDistrict: 'Sariwangi',
        postalCode: '46465',
        country: 'Indonesia',
        latitude: '-6.822100',
        longitude: '107.582300',
        remarks: 'Rumah pagar hijau',
      },
      dropshipper: { name: 'Toko Dropship', phone: '0811' },
      items: [
        // Category price 14000 (reseller), 2 units, 10 % off.
        { variation: gid('Variation', red.id), quantity: 2, discount: { type: 'PERCENTAGE', value: '10' }, externalLineId: 'L1', note: 'gift wrap' },
        // Wholesale tier 13000 for 10 units or more beats the category price.
        { variation: gid('Variation', red.id), quantity: 10, unit: 'pcs' },
        // Hand-set price with the seed 004 cascade.
        { variation: gid('Variation', blue.id), quantity: 3, unitPrice: '12345', discount: { type: 'CASCADED', value: '55.05+3' } },
      ],
      discount: { type: 'NOMINAL', value: '1000' },
      adjustments: [
        { category: 'SHIPPING', value: '23000', name: 'SAP' },
        { category: 'INSURANCE', type: 'PERCENTAGE', value: '1' },
        { category: 'OTHER_COST', value: '1200', name: 'Ini Untuk biaya jurnal' },
      ],
    };
    const data = await query(t.key, OcOrderCreateDocument, { input });
    if (data.orderCreate.__typename !== 'OrderCreatePayload') throw new Error(JSON.stringify(data.orderCreate));
    const order = data.orderCreate.order;
    expect(data.orderCreate.replayed).toBe(false);
    expect(order).toMatchObject({
      kind: 'SALE',
      status: 'PENDING',
      isDraft: false,
      channel: 'shopee',
      externalRef: '1362230256',
      externalStatus: 'pending',
      source: { name: 'WhatsApp' },
      customer: { name: 'Mark Smith' },
      customerCategory: { code: 'RESELLER' },
      salesRep: 'John Doe',
      notes: 'Titip di security',
      internalNotes: 'VIP',
      paymentMethod: 'BANK_TRANSFER',
      originWarehouse: { code: 'GDG-JKT' },
      orderedAt: '2025-12-05T06:32:00.000Z',
      currency: 'IDR',
      version: 1,
      createdBy: 'key:test',
    });
    expect(order.code).toMatch(/^ORD-\d{8}-00001$/);
    expect(order.items.map((i) => [i.sku, i.variationName, i.productName, i.quantity, i.unit, i.unitPrice, i.priceSource, i.discountType, i.discountValue, i.discountAmount, i.lineTotal, i.weightGrams])).toEqual([
      ['HDK-RED', 'Merah', 'Handuk', 2, 'PCS', '14000.00', 'CATEGORY', 'PERCENTAGE', '10', '2800.00', '25200.00', 500],
      ['HDK-RED', 'Merah', 'Handuk', 10, 'PCS', '13000.00', 'WHOLESALE', null, null, '0.00', '130000.00', 2500],
      ['HDK-BLUE', null, 'Handuk', 3, 'PCS', '12345.00', 'OVERRIDE', 'CASCADED', '55.05+3', '20887.18', '16147.82', 0],
    ]);
    expect(order.items[0]).toMatchObject({ externalLineId: 'L1', note: 'gift wrap' });
    // subtotal 171347.82; discount 1000; shipping 23000; insurance 1 % = 1713.48; other 1200.
    expect(order.totals).toEqual({
      subtotal: '171347.82',
      itemDiscount: '23687.18',
      shipping: '23000.00',
      discount: '1000.00',
      tax: '0.00',
      codFee: '0.00',
      insurance: '1713.48',
      otherCost: '1200.00',
      grandTotal: '196261.30',
      currency: 'IDR',
    });
    expect(order.weightGrams).toBe(3000);
    expect(order.adjustments).toEqual([
      { category: 'DISCOUNT', name: 'Order discount', type: 'NOMINAL', value: '1000', amount: '1000.00' },
      { category: 'SHIPPING', name: 'SAP', type: 'NOMINAL', value: '23000', amount: '23000.00' },
      { category: 'INSURANCE', name: 'Insurance', type: 'PERCENTAGE', value: '1', amount: '1713.48' },
      { category: 'OTHER_COST', name: 'Ini Untuk biaya jurnal', type: 'NOMINAL', value: '1200', amount: '1200.00' },
    ]);
    // The buyer is the customer, copied; recipient and dropshipper as given.
    expect(order.buyer).toMatchObject({ role: 'BUYER', name: 'Mark Smith', phone: '+628292839282', customer: { name: 'Mark Smith' }, region: { name: 'Sariwangi' } });
    expect(order.recipient).toMatchObject({
      role: 'RECIPIENT',
      email: 'example@gmail.com',
      region: { name: 'Sariwangi' },
      province: 'Jawa Barat',
      postalCode: '46465',
      latitude: '-6.8221',
      longitude: '107.5823',
      remarks: 'Rumah pagar hijau',
      customer: null,
    });
    expect(order.dropshipper).toMatchObject({ role: 'DROPSHIPPER', name: 'Toko Dropship', phone: '0811' });
    expect(order.events).toEqual([{ sequence: 1, type: 'create', fromStatus: null, toStatus: 'PENDING', actor: 'key:test', requestId: expect.any(String), note: null }]);
    expect(await counts(t)).toEqual({ ...before, orders: 1, items: 3, parties: 3, adjustments: 4, events: 1 });
    // No stock reserved at create.
    const levels = await t.prisma.stockLevel.findMany({ where: { tenantId: t.id }, select: { reserved: true } });
    expect(levels.every((l) => l.reserved === 0)).toBe(true);
    const event = await created.next();
    expect(event.value).toMatchObject({ tenantId: t.id, status: 'PENDING' });
    await created.return?.();
  });

  it('prices a guest at base prices and numbers orders one after another', async () => {
    const { t, red } = await shop();
    const input = (n: number): OrderCreateInput => ({
      buyer: { name: `Guest ${n}`, phone: '0812' },
      items: [{ variation: gid('Variation', red.id), quantity: 1 }],
    });
    const first = await query(t.key, OcOrderCreateDocument, { input: input(1) });
    const second = await query(t.key, OcOrderCreateDocument, { input: input(2) });
    if (first.orderCreate.__typename !== 'OrderCreatePayload' || second.orderCreate.__typename !== 'OrderCreatePayload') throw new Error('not created');
    expect(first.orderCreate.order.items[0]).toMatchObject({ unitPrice: '15000.00', priceSource: 'BASE' });
    expect(first.orderCreate.order.customer).toBeNull();
    expect(first.orderCreate.order.buyer).toMatchObject({ name: 'Guest 1', customer: null });
    expect(first.orderCreate.order.recipient).toBeNull();
    const [a, b] = [first.orderCreate.order.code, second.orderCreate.order.code];
    expect(a.slice(0, -5)).toBe(b.slice(0, -5));
    expect(Number(b.slice(-5))).toBe(Number(a.slice(-5)) + 1);
  });

  it('numbers orders created at once 1, 2, 3, ... without a gap or a repeat, beside a given code', async () => {
    const { t, red } = await shop();
    const input = (n: number, code?: string): OrderCreateInput => ({
      buyer: { name: `Guest ${n}`, phone: '0812' },
      items: [{ variation: gid('Variation', red.id), quantity: 1 }],
      ...(code ? { code } : {}),
    });
    const results = await Promise.all([
      ...Array.from({ length: 12 }, (_, n) => query(t.key, OcOrderCreateDocument, { input: input(n) })),
      query(t.key, OcOrderCreateDocument, { input: input(99, 'MY-OWN-1') }),
    ]);
    const codes = results.map((r) => {
      if (r.orderCreate.__typename !== 'OrderCreatePayload') throw new Error(JSON.stringify(r.orderCreate));
      return r.orderCreate.order.code;
    });
    const numbered = codes.filter((code) => code !== 'MY-OWN-1').sort();
    const prefix = numbered[0]!.slice(0, -5);
    expect(numbered).toEqual(Array.from({ length: 12 }, (_, n) => `${prefix}${String(n + 1).padStart(5, '0')}`));
    expect(codes).toContain('MY-OWN-1');
  });

  it('takes a given order code (seed 001 order_code) and refuses it the second time', async () => {
    const { t, red } = await shop();
    const input: OrderCreateInput = { code: 'ORDMISHMVEOG3', items: [{ variation: gid('Variation', red.id), quantity: 1 }] };
    const first = await query(t.key, OcOrderCreateDocument, { input });
    expect(first.orderCreate).toMatchObject({ order: { code: 'ORDMISHMVEOG3' } });
    const before = await counts(t);
    const second = await query(t.key, OcOrderCreateDocument, { input });
    expect(second.orderCreate).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['code'] }] });
    expect(await counts(t)).toEqual(before);
  });

  it('saves a draft that reserves nothing, and orderPlace turns it into an order', async () => {
    const { t, red, warehouse } = await shop();
    const data = await query(t.key, OcOrderCreateDocument, {
      input: { isDraft: true, originWarehouse: gid('Warehouse', warehouse.id), items: [{ variation: gid('Variation', red.id), quantity: 3 }] },
    });
    if (data.orderCreate.__typename !== 'OrderCreatePayload') throw new Error(JSON.stringify(data.orderCreate));
    expect(data.orderCreate.order).toMatchObject({ isDraft: true, status: 'PENDING' });
    expect(data.orderCreate.order.events[0]).toMatchObject({ type: 'create', note: 'draft' });
    const level = await t.prisma.stockLevel.findFirstOrThrow({ where: { variationId: red.id } });
    expect([level.onHand, level.reserved]).toEqual([100, 0]);

    const orderId = data.orderCreate.order.id;
    const stale = await query(t.key, OcOrderPlaceDocument, { input: { order: orderId, expectedVersion: 7 } });
    expect(stale.orderPlace).toMatchObject({ __typename: 'VersionConflictError', expectedVersion: 7, actualVersion: 1 });
    const placed = await query(t.key, OcOrderPlaceDocument, { input: { order: orderId, expectedVersion: 1 } });
    expect(placed.orderPlace).toMatchObject({
      __typename: 'OrderPlacePayload',
      order: { isDraft: false, version: 2, status: 'PENDING', events: [{ type: 'create' }, { sequence: 2, type: 'place', fromStatus: 'PENDING', toStatus: 'PENDING' }] },
    });
    const again = await query(t.key, OcOrderPlaceDocument, { input: { order: orderId } });
    expect(again.orderPlace).toMatchObject({ __typename: 'OrderNotDraftError', orderId });
  });

  it('refuses a second order with the same channel and external reference', async () => {
    const { t, red } = await shop();
    const input: OrderCreateInput = { channel: 'tokopedia', externalRef: 'INV/20251205/123', items: [{ variation: gid('Variation', red.id), quantity: 1 }] };
    const first = await query(t.key, OcOrderCreateDocument, { input });
    if (first.orderCreate.__typename !== 'OrderCreatePayload') throw new Error('not created');
    const before = await counts(t);
    const second = await query(t.key, OcOrderCreateDocument, { input: { ...input, notes: 'again' } });
    expect(second.orderCreate).toEqual(
      expect.objectContaining({ __typename: 'DuplicateOrderError', code: 'DUPLICATE_ORDER', channel: 'tokopedia', externalRef: 'INV/20251205/123', existingOrderId: first.orderCreate.order.id }),
    );
    expect(await counts(t)).toEqual(before);
    // The same reference on another channel is another order.
    const other = await query(t.key, OcOrderCreateDocument, { input: { ...input, channel: 'shopee' } });
    expect(other.orderCreate.__typename).toBe('OrderCreatePayload');
  });
});

describe('orderCreate refuses bad input and writes nothing', () => {
  type Fixture = Awaited<ReturnType<typeof shop>>;
  const line = (f: Fixture, extra: Partial<OrderCreateInput['items'][number]> = {}) => ({ variation: gid('Variation', f.red.id), quantity: 1, ...extra });
  it.each<[string, (f: Fixture) => Promise<OrderCreateInput> | OrderCreateInput, string[][]]>([
    ['no lines', () => ({ items: [] }), [['items']]],
    ['quantity 0', (f) => ({ items: [line(f, { quantity: 0 })] }), [['items', '0', 'quantity']]],
    ['a negative price override', (f) => ({ items: [line(f, { unitPrice: '-1' })] }), [['items', '0', 'unitPrice']]],
    ['a malformed cascade', (f) => ({ items: [line(f), line(f, { discount: { type: 'CASCADED', value: '55,05+3' } })] }), [['items', '1', 'discount', 'value']]],
    ['an order discount above the subtotal', (f) => ({ items: [line(f)], discount: { type: 'NOMINAL', value: '15000.01' } }), [['discount', 'value']]],
    ['a cascaded shipping cost', (f) => ({ items: [line(f)], adjustments: [{ category: 'SHIPPING', type: 'CASCADED', value: '5+5' }] }), [['adjustments', '0', 'value']]],
    ['a party without name', (f) => ({ items: [line(f)], recipient: { phone: '0812' } }), [['recipient', 'name']]],
    ['a bad e-mail and latitude', (f) => ({ items: [line(f)], buyer: { name: 'A', email: 'nope', latitude: '91' } }), [['buyer', 'email'], ['buyer', 'latitude']]],
    ['an upper-case channel with spaces', (f) => ({ items: [line(f)], channel: 'my shop' }), [['channel']]],
    [
      'an archived variation',
      async (f) => {
        await f.t.prisma.variation.update({ where: { id: f.blue.id }, data: { archivedAt: new Date() } });
        return { items: [line(f), { variation: gid('Variation', f.blue.id), quantity: 1 }] };
      },
      [['items', '1', 'variation']],
    ],
    [
      'an inactive product',
      async (f) => {
        await f.t.prisma.product.update({ where: { id: f.product.id }, data: { isActive: false } });
        return { items: [line(f)] };
      },
      [['items', '0', 'variation']],
    ],
    [
      'discounts for a category without discount access',
      (f) => ({
        customer: gid('Customer', f.stingy.id),
        items: [line(f, { discount: { type: 'PERCENTAGE', value: '5' } })],
        discount: { type: 'PERCENTAGE', value: '5' },
        adjustments: [{ category: 'SHIPPING', value: '1000' }, { category: 'DISCOUNT', value: '100' }],
      }),
      [['items', '0', 'discount'], ['discount'], ['adjustments', '1']],
    ],
  ])('%s', async (_name, build, paths) => {
    const f = await shop();
    const input = await build(f);
    const before = await counts(f.t);
    const data = await query(f.t.key, OcOrderCreateDocument, { input });
    if (data.orderCreate.__typename !== 'ValidationError') throw new Error(JSON.stringify(data.orderCreate));
    expect(data.orderCreate.problems.map((p) => p.path)).toEqual(paths);
    expect(await counts(f.t)).toEqual(before);
  });

  it('allows discounts without the category check for a customer whose category has discount access', async () => {
    const f = await shop();
    const data = await query(f.t.key, OcOrderCreateDocument, {
      input: { customer: gid('Customer', f.customer.id), items: [line(f, { discount: { type: 'PERCENTAGE', value: '5' } })] },
    });
    expect(data.orderCreate).toMatchObject({ order: { items: [{ discountAmount: '700.00', lineTotal: '13300.00' }] } });
  });
});

describe('orderCreate tenant isolation', () => {
  it.each<[string, (mine: Awaited<ReturnType<typeof shop>>, theirs: Awaited<ReturnType<typeof shop>>) => OrderCreateInput, string]>([
    ['variation', (m, o) => ({ items: [{ variation: gid('Variation', m.red.id), quantity: 1 }, { variation: gid('Variation', o.red.id), quantity: 1 }] }), 'Variation'],
    ['customer', (m, o) => ({ customer: gid('Customer', o.customer.id), items: [{ variation: gid('Variation', m.red.id), quantity: 1 }] }), 'Customer'],
    ['warehouse', (m, o) => ({ originWarehouse: gid('Warehouse', o.warehouse.id), items: [{ variation: gid('Variation', m.red.id), quantity: 1 }] }), 'Warehouse'],
    ['order source', (m, o) => ({ source: gid('OrderSource', o.source.id), items: [{ variation: gid('Variation', m.red.id), quantity: 1 }] }), 'OrderSource'],
    ['party region', (m, o) => ({ recipient: { name: 'X', region: gid('Region', o.region.id) }, items: [{ variation: gid('Variation', m.red.id), quantity: 1 }] }), 'Region'],
    ['party customer', (m, o) => ({ recipient: { customer: gid('Customer', o.customer.id) }, items: [{ variation: gid('Variation', m.red.id), quantity: 1 }] }), 'Customer'],
  ])("another tenant's %s is not found and nothing is written", async (_name, build, entity) => {
    const [mine, theirs] = await Promise.all([shop(), shop()]);
    const [beforeMine, beforeTheirs] = await Promise.all([counts(mine.t), counts(theirs.t)]);
    const data = await query(mine.t.key, OcOrderCreateDocument, { input: build(mine, theirs) });
    expect(data.orderCreate).toMatchObject({ __typename: 'NotFoundError', entity });
    expect(await counts(mine.t)).toEqual(beforeMine);
    expect(await counts(theirs.t)).toEqual(beforeTheirs);
  });

  it.each(['BLOCKED', 'REFUSED', 'PENDING'] as const)('refuses an order for a %s customer and writes nothing', async (status) => {
    const f = await shop();
    await f.t.prisma.customer.update({ where: { id: f.customer.id }, data: { status } });
    const before = await counts(f.t);
    const data = await query(f.t.key, OcOrderCreateDocument, {
      input: { customer: gid('Customer', f.customer.id), items: [{ variation: gid('Variation', f.red.id), quantity: 1 }] },
    });
    expect(data.orderCreate).toMatchObject({ __typename: 'ValidationError' });
    expect(JSON.stringify(data.orderCreate)).toContain(`is ${status.toLowerCase()} and cannot order`);
    expect(await counts(f.t)).toEqual(before);
  });

  it('refuses a global id of the wrong type', async () => {
    const f = await shop();
    const result = await execute(f.t.key, OcOrderCreateDocument, { input: { items: [{ variation: gid('Customer', f.customer.id), quantity: 1 }] } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await f.t.prisma.order.count({ where: { tenantId: f.t.id } })).toBe(0);
  });
});

describe('orderCreate cost', () => {
  it('sends as many SQL statements for 12 lines as for 1', async () => {
    const { t, red, blue, customer } = await shop();
    const input = (lines: number): OrderCreateInput => ({
      customer: gid('Customer', customer.id),
      recipient: { name: 'Siti' },
      items: Array.from({ length: lines }, (_, n) => ({ variation: gid('Variation', n % 2 ? blue.id : red.id), quantity: n + 1 })),
      adjustments: [{ category: 'SHIPPING', value: '9000' }, { category: 'TAX', type: 'PERCENTAGE', value: '11' }],
    });
    const one = await countStatements(() => query(t.key, OcOrderCreateDocument, { input: input(1) }));
    const twelve = await countStatements(() => query(t.key, OcOrderCreateDocument, { input: input(12) }));
    expect(twelve.count).toBe(one.count);
    // Reads (customer, references, variations, prices), the lock, the code, the insert, the event, and the re-read of the payload.
    expect(one.count).toBeLessThanOrEqual(20);
  });

  it("writes the create event as the new order's first without reading its history, and later events follow it", async () => {
    const { t, red, customer } = await shop();
    const create = `mutation { orderCreate(input: { customer: "${gid('Customer', customer.id)}", items: [{ variation: "${gid('Variation', red.id)}", quantity: 1 }] }) { __typename ... on OrderCreatePayload { order { id } } } }`;
    const { result, statements } = await countStatements(() => query<{ orderCreate: { __typename: string; order?: { id: string } } }, never>(t.key, create));
    // The order did not exist before this transaction: its history is empty, nothing to read.
    expect(statements.filter((s) => /FROM "public"\."OrderEvent"/.test(s))).toEqual([]);
    const orderId = result.orderCreate.order?.id;
    expect(orderId).toBeDefined();
    const confirmed = await execute(t.key, `mutation { orderConfirm(input: { order: "${orderId}" }) { __typename } }`);
    expect(confirmed.data).toEqual({ orderConfirm: { __typename: 'OrderConfirmPayload' } });
    const events = await t.prisma.orderEvent.findMany({ where: { tenantId: t.id }, orderBy: { sequence: 'asc' }, select: { sequence: true, type: true, fromStatus: true, toStatus: true } });
    expect(events).toEqual([
      { sequence: 1, type: 'create', fromStatus: null, toStatus: 'PENDING' },
      { sequence: 2, type: 'confirm', fromStatus: 'PENDING', toStatus: 'CONFIRMED' },
    ]);
  });

  it("reads the customer, its category's prices, the variations, their stock and the promotions in one statement before the transaction", async () => {
    const { t, red, customer } = await shop();
    const create = `mutation { orderCreate(input: { customer: "${gid('Customer', customer.id)}", items: [{ variation: "${gid('Variation', red.id)}", quantity: 1 }] })
      { __typename ... on OrderCreatePayload { order { items { unitPrice priceSource } buyer { name phone } } } } }`;
    const { result, statements } = await countStatements(() => query<{ orderCreate: unknown }, never>(t.key, create));
    // Up to the order's insert, BEGIN aside (PostgreSQL sends it; PGlite's transactions do not show one).
    const before = statements.slice(0, statements.findIndex((s) => s.includes('INSERT INTO "Order"'))).filter((s) => !/^\s*BEGIN/i.test(s));
    expect(before).toHaveLength(1);
    for (const table of ['Customer', 'CustomerCategory', 'Variation', 'Product', 'VariationPrice', 'WholesalePrice', 'StockLevel', 'Promotion']) expect(before[0]).toContain(`"${table}"`);
    expect(statements.filter((s) => /"Customer"/.test(s))).toHaveLength(1);
    // Mark Smith is a reseller: red's reseller price 14000 (category price), and his details on the buyer.
    expect(result.orderCreate).toEqual({
      __typename: 'OrderCreatePayload',
      order: { items: [{ unitPrice: '14000.00', priceSource: 'CATEGORY' }], buyer: { name: 'Mark Smith', phone: '+628292839282' } },
    });
  });

  it('writes an order with nothing to check under the lock as its insert alone, and a keyed one in a transaction', async () => {
    const { t, red, customer } = await shop();
    const create = (extra: string) =>
      `mutation { orderCreate(input: { customer: "${gid('Customer', customer.id)}", items: [{ variation: "${gid('Variation', red.id)}", quantity: 1 }]${extra} })
        { __typename ... on OrderCreatePayload { order { code } } } }`;
    const framing = (statements: string[]) => statements.filter((s) => /^\s*(BEGIN|COMMIT)\b/i.test(s) || s.includes('order_insert_lock'));
    const plain = await countStatements(() => query<{ orderCreate: { order: { code: string } } }, never>(t.key, create('')));
    // No BEGIN or COMMIT: the tenant's lock on its code is held only while PostgreSQL runs and commits the insert.
    expect(framing(plain.statements)).toEqual([]);
    expect(plain.statements.filter((s) => s.includes('INSERT INTO "Order"'))).toHaveLength(1);
    const keyed = await countStatements(() => query<{ orderCreate: { order: { code: string } } }, never>(t.key, create(', idempotencyKey: "k-1"')));
    // The key is checked again under the lock, before the insert, in the same transaction.
    expect(keyed.statements.some((s) => s.includes('order_insert_lock'))).toBe(true);
    // PostgreSQL's statements show the COMMIT (PGlite's transactions show none).
    if (process.env.DATABASE_URL) expect(keyed.statements.filter((s) => /^\s*COMMIT\b/i.test(s))).toHaveLength(1);
    // Both numbered in turn.
    const day = plain.result.orderCreate.order.code.slice(0, -5);
    expect([plain.result.orderCreate.order.code, keyed.result.orderCreate.order.code]).toEqual([`${day}00001`, `${day}00002`]);
  });

  it('names a missing customer before a missing warehouse', async () => {
    const { t, red } = await shop();
    const result = await execute(
      t.key,
      `mutation { orderCreate(input: { customer: "${gid('Customer', 999999)}", originWarehouse: "${gid('Warehouse', 999999)}", items: [{ variation: "${gid('Variation', red.id)}", quantity: 1 }] })
        { __typename ... on Error { message } } }`,
    );
    expect(JSON.stringify(result)).toContain('Customer');
    expect(JSON.stringify(result)).not.toContain('Warehouse');
  });
});

describe('orderCreate for other order kinds', () => {
  it('creates a relocation between own warehouses without a customer (seed 000 order kinds)', async () => {
    const { t, warehouse, red } = await shop();
    const target = await t.warehouse({ code: 'GDG-BDG' });
    const data = await query(t.key, OcOrderCreateDocument, {
      input: {
        kind: 'RELOCATION',
        originWarehouse: gid('Warehouse', warehouse.id),
        destinationWarehouse: gid('Warehouse', target.id),
        items: [{ variation: gid('Variation', red.id), quantity: 4, unitPrice: '0' }],
      },
    });
    expect(data.orderCreate).toMatchObject({
      order: {
        kind: 'RELOCATION',
        originWarehouse: { code: 'GDG-JKT' },
        destinationWarehouse: { code: 'GDG-BDG' },
        customer: null,
        buyer: null,
        items: [{ quantity: 4, unitPrice: '0.00', priceSource: 'OVERRIDE', lineTotal: '0.00' }],
        totals: { grandTotal: '0.00' },
      },
    });
  });

  it('publishes no orderCreated event when the input is refused', async () => {
    const { t, red } = await shop();
    const { app } = await testApp();
    const created = app.events.subscribe('orderCreated', t.id);
    const refused = await query(t.key, OcOrderCreateDocument, { input: { items: [{ variation: gid('Variation', red.id), quantity: -1 }] } });
    expect(refused.orderCreate.__typename).toBe('ValidationError');
    const ok = await query(t.key, OcOrderCreateDocument, { input: { items: [{ variation: gid('Variation', red.id), quantity: 1 }] } });
    if (ok.orderCreate.__typename !== 'OrderCreatePayload') throw new Error('not created');
    // The first event to arrive is the accepted order's.
    const event = await created.next();
    expect(Buffer.from(ok.orderCreate.order.id, 'base64').toString()).toBe(`Order:${(event.value as { orderId: number }).orderId}`);
    await created.return?.();
  });
});
