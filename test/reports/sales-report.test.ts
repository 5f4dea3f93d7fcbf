// salesReport through the API. Three orders counted (one cancelled and one draft
// left out), created with orderCreate at literal prices, costs, discounts and
// dates; every expected figure is worked out by hand below from those literals.
//
//   Kopi (A) 10000, cost 6000 (7000 after O1); Teh (B) 25000, cost 15000; Gula (C) 4000, no cost.
//   O1 offline, Ani,  2026-03-01T03:00Z (Jakarta 03-01): A x3 = 30000; B x1 = 25000 - 5000 line discount;
//      shipping 9000, order discount 2000 -> subtotal 50000, grand 57000; cost 3x6000 + 15000 = 33000
//   O2 shopee,  Budi, 2026-03-01T18:00Z (Jakarta 03-02 01:00): A x2 at 9000 = 18000; C x5 = 20000; tax 1000
//      -> subtotal 38000, grand 39000; cost 2x7000 = 14000 (A's cost changed after O1), 5 units without cost
//   O3 shopee,  Ani,  2026-03-02T05:00Z (Jakarta 03-02): B x2 = 50000 - 10 % = 45000; paid 45000, shipped,
//      1 unit returned (value 45000 / 2 = 22500) and refunded 22500; cost 15000 x (2 - 1) = 15000
//   O4 offline 03-01, cancelled; O5 offline 03-01, a draft: not counted.
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { execute, query } from '../support/execute.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = encodeGlobalID;

const CREATE = /* GraphQL */ `
  mutation ($input: OrderCreateInput!) {
    orderCreate(input: $input) {
      __typename
      ... on OrderCreatePayload { order { id totals { grandTotal } items { id } } }
      ... on Error { message }
      ... on ValidationError { problems { path message } }
    }
  }`;

const FIGURES = /* GraphQL */ `
  orderCount unitCount unitsReturned grossSales itemDiscounts orderDiscounts returns netSales
  adjustments { category amount } grandTotal netTotal refunds cost uncostedUnits grossProfit marginPercent`;

const REPORT = /* GraphQL */ `
  query ($groupBy: SalesReportGroupBy!, $from: Date, $to: Date, $filter: OrderFilter, $top: Int, $sortBy: SalesReportMetric) {
    salesReport(groupBy: $groupBy, from: $from, to: $to, filter: $filter, top: $top, sortBy: $sortBy) {
      groupBy timeZone
      rows { key label isOther figures { ${FIGURES} } }
      totals { ${FIGURES} }
    }
  }`;

const CATEGORIES = ['SHIPPING', 'DISCOUNT', 'SHIPPING_DISCOUNT', 'TAX', 'COD_FEE', 'INSURANCE', 'PACKING', 'OTHER_COST'];
const adjustments = (amounts: Record<string, string>) => CATEGORIES.map((category) => ({ category, amount: amounts[category] ?? '0.00' }));

/** Expected figures of an order-level group; money as literals. */
function orderFigures(f: {
  orders: number;
  units: number;
  returned?: number;
  gross: string;
  itemDiscounts: string;
  orderDiscounts: string;
  returns?: string;
  net: string;
  adjustments: Record<string, string>;
  grand: string;
  netTotal: string;
  refunds?: string;
  cost: string;
  uncosted?: number;
  profit: string;
  margin: string | null;
}) {
  return {
    orderCount: f.orders,
    unitCount: f.units,
    unitsReturned: f.returned ?? 0,
    grossSales: f.gross,
    itemDiscounts: f.itemDiscounts,
    orderDiscounts: f.orderDiscounts,
    returns: f.returns ?? '0.00',
    netSales: f.net,
    adjustments: adjustments(f.adjustments),
    grandTotal: f.grand,
    netTotal: f.netTotal,
    refunds: f.refunds ?? '0.00',
    cost: f.cost,
    uncostedUnits: f.uncosted ?? 0,
    grossProfit: f.profit,
    marginPercent: f.margin,
  };
}

/** Expected figures of a line-level (product) group: no order-level fields. */
function lineFigures(f: { orders: number; units: number; returned?: number; gross: string; itemDiscounts: string; returns?: string; net: string; cost: string; uncosted?: number; profit: string; margin: string | null }) {
  return {
    orderCount: f.orders,
    unitCount: f.units,
    unitsReturned: f.returned ?? 0,
    grossSales: f.gross,
    itemDiscounts: f.itemDiscounts,
    orderDiscounts: null,
    returns: f.returns ?? '0.00',
    netSales: f.net,
    adjustments: null,
    grandTotal: null,
    netTotal: null,
    refunds: null,
    cost: f.cost,
    uncostedUnits: f.uncosted ?? 0,
    grossProfit: f.profit,
    marginPercent: f.margin,
  };
}

// Day 2026-03-01 (Jakarta): O1. Gross 55000, item discounts 5000, order discount 2000: net 48000; cost 33000,
// profit 15000, margin 15000 / 48000 = 31.25 %.
const MARCH_1 = orderFigures({
  orders: 1, units: 4, gross: '55000.00', itemDiscounts: '5000.00', orderDiscounts: '2000.00', net: '48000.00',
  adjustments: { SHIPPING: '9000.00', DISCOUNT: '2000.00' }, grand: '57000.00', netTotal: '57000.00',
  cost: '33000.00', profit: '15000.00', margin: '31.25',
});
// Day 2026-03-02 (Jakarta): O2 + O3. Gross 18000 + 20000 + 50000 = 88000, item discounts 5000, returns 22500:
// net 60500; cost 14000 + 15000 = 29000, profit 31500, margin 31500 / 60500 = 52.066.. = 52.07 %.
// Grand 39000 + 45000 = 84000; net total 39000 + (45000 - 22500) = 61500.
const MARCH_2 = orderFigures({
  orders: 2, units: 9, returned: 1, gross: '88000.00', itemDiscounts: '5000.00', orderDiscounts: '0.00', returns: '22500.00', net: '60500.00',
  adjustments: { TAX: '1000.00' }, grand: '84000.00', netTotal: '61500.00', refunds: '22500.00',
  cost: '29000.00', uncosted: 5, profit: '31500.00', margin: '52.07',
});
// All three: net 48000 + 60500 = 108500, cost 62000, profit 46500, margin 46500 / 108500 = 42.857.. = 42.86 %.
const TOTALS = orderFigures({
  orders: 3, units: 13, returned: 1, gross: '143000.00', itemDiscounts: '10000.00', orderDiscounts: '2000.00', returns: '22500.00', net: '108500.00',
  adjustments: { SHIPPING: '9000.00', DISCOUNT: '2000.00', TAX: '1000.00' }, grand: '141000.00', netTotal: '118500.00', refunds: '22500.00',
  cost: '62000.00', uncosted: 5, profit: '46500.00', margin: '42.86',
});
// O2 alone: gross 38000, net 38000, cost 14000, profit 24000, margin 63.157.. = 63.16 %.
const O2 = orderFigures({
  orders: 1, units: 7, gross: '38000.00', itemDiscounts: '0.00', orderDiscounts: '0.00', net: '38000.00',
  adjustments: { TAX: '1000.00' }, grand: '39000.00', netTotal: '39000.00', cost: '14000.00', uncosted: 5, profit: '24000.00', margin: '63.16',
});
// O3 alone: gross 50000 - 5000 - 22500 = 22500 net; cost 15000, profit 7500, margin 33.33 %.
const O3 = orderFigures({
  orders: 1, units: 2, returned: 1, gross: '50000.00', itemDiscounts: '5000.00', orderDiscounts: '0.00', returns: '22500.00', net: '22500.00',
  adjustments: {}, grand: '45000.00', netTotal: '22500.00', refunds: '22500.00', cost: '15000.00', profit: '7500.00', margin: '33.33',
});

interface World {
  t: TestTenant;
  ids: Record<string, string>;
}

async function create(t: TestTenant, input: Record<string, unknown>) {
  const result = (await query<any, any>(t.key, CREATE, { input })).orderCreate;
  if (result.__typename !== 'OrderCreatePayload') throw new Error(JSON.stringify(result));
  return { ...result.order, grandTotal: result.order.totals.grandTotal } as { id: string; grandTotal: string; items: Array<{ id: string }> };
}

async function mutate(t: TestTenant, field: string, inputType: string, input: Record<string, unknown>) {
  const result = (await query<any, any>(t.key, `mutation ($input: ${inputType}!) { ${field}(input: $input) { __typename ... on Error { message } } }`, { input }))[field];
  if (result.__typename.endsWith('Error')) throw new Error(`${field}: ${JSON.stringify(result)}`);
}

async function world(): Promise<World> {
  const t = await newTenant();
  const warehouse = await t.warehouse({ name: 'Gudang Utama' });
  const stock = { [warehouse.id]: 100 };
  const category = await t.prisma.productCategory.create({ data: { tenantId: t.id, name: 'Minuman' } });
  const kopi = await t.product({ name: 'Kopi', variations: [{ sku: `KOPI-${t.id}`, price: '10000', stock }] });
  const teh = await t.product({ name: 'Teh', categoryId: category.id, variations: [{ sku: `TEH-${t.id}`, price: '25000', stock }] });
  const gula = await t.product({ name: 'Gula', variations: [{ sku: `GULA-${t.id}`, price: '4000', stock }] });
  const [a, b, c] = [kopi.variations[0]!, teh.variations[0]!, gula.variations[0]!];
  await t.prisma.variation.update({ where: { id: a.id }, data: { costPrice: '6000' } });
  await t.prisma.variation.update({ where: { id: b.id }, data: { costPrice: '15000' } });
  const ani = await t.customer({ name: 'Ani' });
  const budi = await t.customer({ name: 'Budi', phone: '0811111111' });
  const ids = {
    warehouse: gid('Warehouse', warehouse.id),
    kopi: gid('Product', kopi.product.id),
    teh: gid('Product', teh.product.id),
    gula: gid('Product', gula.product.id),
    category: gid('ProductCategory', category.id),
    ani: gid('Customer', ani.id),
    budi: gid('Customer', budi.id),
  };
  const A = gid('Variation', a.id);
  const B = gid('Variation', b.id);
  const C = gid('Variation', c.id);
  const base = { originWarehouse: ids.warehouse };

  const o1 = await create(t, {
    ...base,
    channel: 'offline',
    customer: ids.ani,
    orderedAt: '2026-03-01T03:00:00Z',
    items: [
      { variation: A, quantity: 3 },
      { variation: B, quantity: 1, discount: { type: 'NOMINAL', value: '5000' } },
    ],
    adjustments: [
      { category: 'SHIPPING', value: '9000' },
      { category: 'DISCOUNT', value: '2000' },
    ],
  });
  expect(o1.grandTotal).toBe('57000.00');
  // The cost price changes after O1: O1 keeps 6000, later lines take 7000.
  await t.prisma.variation.update({ where: { id: a.id }, data: { costPrice: '7000' } });
  const o2 = await create(t, {
    ...base,
    channel: 'shopee',
    customer: ids.budi,
    orderedAt: '2026-03-01T18:00:00Z',
    items: [
      { variation: A, quantity: 2, unitPrice: '9000' },
      { variation: C, quantity: 5 },
    ],
    adjustments: [{ category: 'TAX', value: '1000' }],
  });
  expect(o2.grandTotal).toBe('39000.00');
  const o3 = await create(t, {
    ...base,
    channel: 'shopee',
    customer: ids.ani,
    orderedAt: '2026-03-02T05:00:00Z',
    items: [{ variation: B, quantity: 2, discount: { type: 'PERCENTAGE', value: '10' } }],
  });
  expect(o3.grandTotal).toBe('45000.00');
  await mutate(t, 'paymentRecord', 'PaymentRecordInput', { order: o3.id, amount: '45000', method: 'BANK_TRANSFER' });
  await mutate(t, 'orderConfirm', 'OrderConfirmInput', { order: o3.id });
  await mutate(t, 'orderProcess', 'OrderProcessInput', { order: o3.id });
  await mutate(t, 'orderShip', 'OrderShipInput', { order: o3.id });
  await mutate(t, 'orderReturn', 'OrderReturnInput', {
    order: o3.id,
    returnBy: 'customer_request',
    lines: [{ item: o3.items[0]!.id, quantity: 1 }],
    refund: { amount: '22500' },
  });

  const o4 = await create(t, { ...base, channel: 'offline', customer: ids.ani, orderedAt: '2026-03-01T04:00:00Z', items: [{ variation: A, quantity: 1 }] });
  await mutate(t, 'orderCancel', 'OrderCancelInput', { order: o4.id, reason: 'CUSTOMER_REQUEST' });
  await create(t, { ...base, channel: 'offline', isDraft: true, orderedAt: '2026-03-01T04:00:00Z', items: [{ variation: A, quantity: 1 }] });
  return { t, ids };
}

async function report(key: string, variables: Record<string, unknown>) {
  return (await query<any, any>(key, REPORT, variables)).salesReport;
}

describe('salesReport', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  }, 60_000);

  it("by day in the shop's time zone (Asia/Jakarta): an order at 18:00Z on 1 March counts on 2 March", async () => {
    const r = await report(w.t.key, { groupBy: 'DAY' });
    expect(r.timeZone).toBe('Asia/Jakarta');
    expect(r.rows).toEqual([
      { key: '2026-03-01', label: '2026-03-01', isOther: false, figures: MARCH_1 },
      { key: '2026-03-02', label: '2026-03-02', isOther: false, figures: MARCH_2 },
    ]);
    expect(r.totals).toEqual(TOTALS);
  });

  it('by month and by week: one period holding all three', async () => {
    expect((await report(w.t.key, { groupBy: 'MONTH' })).rows).toEqual([{ key: '2026-03-01', label: '2026-03-01', isOther: false, figures: TOTALS }]);
    // 1 and 2 March 2026 are a Sunday and a Monday: two weeks, from Monday 23 February and Monday 2 March.
    expect((await report(w.t.key, { groupBy: 'WEEK' })).rows.map((row: any) => [row.key, row.figures.orderCount])).toEqual([
      ['2026-02-23', 1],
      ['2026-03-02', 2],
    ]);
  });

  it('from / to are calendar days in the time zone: 2 March is O2 and O3', async () => {
    const r = await report(w.t.key, { groupBy: 'DAY', from: '2026-03-02', to: '2026-03-02' });
    expect(r.rows.map((row: any) => row.key)).toEqual(['2026-03-02']);
    expect(r.totals).toEqual(MARCH_2);
  });

  it("follows the tenant's time zone setting: in UTC, O2 falls on 1 March", async () => {
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ price: '1000', stock: { [warehouse.id]: 10 } }] });
    await t.prisma.tenant.update({ where: { id: t.id }, data: { timeZone: 'UTC' } });
    for (const orderedAt of ['2026-03-01T03:00:00Z', '2026-03-01T18:00:00Z', '2026-03-02T05:00:00Z']) {
      await create(t, { orderedAt, items: [{ variation: gid('Variation', variations[0]!.id), quantity: 1 }] });
    }
    const r = await report(t.key, { groupBy: 'DAY' });
    expect(r.timeZone).toBe('UTC');
    expect(r.rows.map((row: any) => [row.key, row.figures.orderCount, row.figures.grossSales])).toEqual([
      ['2026-03-01', 2, '2000.00'],
      ['2026-03-02', 1, '1000.00'],
    ]);
  });

  it('reportSettingsUpdate changes the time zone (settings.manage); a bad name is a validation problem', async () => {
    const t = await newTenant();
    const warehouse = await t.warehouse();
    const { variations } = await t.product({ variations: [{ price: '1000', stock: { [warehouse.id]: 10 } }] });
    await create(t, { orderedAt: '2026-03-01T18:00:00Z', items: [{ variation: gid('Variation', variations[0]!.id), quantity: 1 }] });
    const day = async () => (await report(t.key, { groupBy: 'DAY' })).rows.map((row: any) => row.key);
    expect(await day()).toEqual(['2026-03-02']);
    const update = `mutation ($input: ReportSettingsUpdateInput!) { reportSettingsUpdate(input: $input) { __typename
      ... on ReportSettingsUpdatePayload { settings { timeZone } } ... on ValidationError { problems { path message } } } }`;
    const bad = (await query<any, any>(t.key, update, { input: { timeZone: 'Mars/Olympus' } })).reportSettingsUpdate;
    expect(bad).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['timeZone'] }] });
    const done = (await query<any, any>(t.key, update, { input: { timeZone: 'America/New_York' } })).reportSettingsUpdate;
    expect(done).toEqual({ __typename: 'ReportSettingsUpdatePayload', settings: { timeZone: 'America/New_York' } });
    expect((await query<any, never>(t.key, '{ reportSettings { timeZone } }')).reportSettings).toEqual({ timeZone: 'America/New_York' });
    // 18:00Z on 1 March is 13:00 in New York (UTC-5).
    expect(await day()).toEqual(['2026-03-01']);
    const staff = await t.apiKey('STAFF');
    const refused = await execute<any, any>(staff, update, { input: { timeZone: 'UTC' } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('by channel, largest net sales first: shopee 38000 + 22500 = 60500, offline 48000', async () => {
    const r = await report(w.t.key, { groupBy: 'CHANNEL' });
    expect(r.rows).toEqual([
      { key: 'shopee', label: 'shopee', isOther: false, figures: MARCH_2 },
      { key: 'offline', label: 'offline', isOther: false, figures: MARCH_1 },
    ]);
    expect(r.totals).toEqual(TOTALS);
  });

  it('by product: line figures, cost at the price recorded when each line was written', async () => {
    const r = await report(w.t.key, { groupBy: 'PRODUCT' });
    // Kopi: 30000 + 18000 = 48000; cost 3 x 6000 + 2 x 7000 = 32000; profit 16000, margin 33.33 %.
    const kopi = lineFigures({ orders: 2, units: 5, gross: '48000.00', itemDiscounts: '0.00', net: '48000.00', cost: '32000.00', profit: '16000.00', margin: '33.33' });
    // Teh: 25000 + 50000 = 75000 - 10000 discounts - 22500 returned = 42500; cost 15000 + 15000; profit 12500, 29.41 %.
    const teh = lineFigures({
      orders: 2, units: 3, returned: 1, gross: '75000.00', itemDiscounts: '10000.00', returns: '22500.00', net: '42500.00',
      cost: '30000.00', profit: '12500.00', margin: '29.41',
    });
    // Gula: 20000, no cost price.
    const gula = lineFigures({ orders: 1, units: 5, gross: '20000.00', itemDiscounts: '0.00', net: '20000.00', cost: '0.00', uncosted: 5, profit: '20000.00', margin: '100.00' });
    expect(r.rows).toEqual([
      { key: w.ids.kopi, label: 'Kopi', isOther: false, figures: kopi },
      { key: w.ids.teh, label: 'Teh', isOther: false, figures: teh },
      { key: w.ids.gula, label: 'Gula', isOther: false, figures: gula },
    ]);
    // Over lines, before the order discount: 143000 - 10000 - 22500 = 110500; cost 62000; profit 48500, 43.89 %.
    expect(r.totals).toEqual(
      lineFigures({
        orders: 3, units: 13, returned: 1, gross: '143000.00', itemDiscounts: '10000.00', returns: '22500.00', net: '110500.00',
        cost: '62000.00', uncosted: 5, profit: '48500.00', margin: '43.89',
      }),
    );
  });

  it('top 1 product and the rest as other: Teh + Gula, their orders counted once (O1, O2, O3)', async () => {
    const r = await report(w.t.key, { groupBy: 'PRODUCT', top: 1 });
    expect(r.rows.map((row: any) => [row.key, row.label, row.isOther])).toEqual([
      [w.ids.kopi, 'Kopi', false],
      [null, null, true],
    ]);
    // 75000 + 20000 = 95000 - 10000 - 22500 = 62500; cost 30000; profit 32500, 52.00 %.
    expect(r.rows[1].figures).toEqual(
      lineFigures({
        orders: 3, units: 8, returned: 1, gross: '95000.00', itemDiscounts: '10000.00', returns: '22500.00', net: '62500.00',
        cost: '30000.00', uncosted: 5, profit: '32500.00', margin: '52.00',
      }),
    );
  });

  it('by product category: Minuman (Teh) and the products without one', async () => {
    const r = await report(w.t.key, { groupBy: 'PRODUCT_CATEGORY' });
    // Without a category: Kopi 48000 + Gula 20000 = 68000; Minuman: Teh 42500.
    expect(r.rows.map((row: any) => [row.key, row.label, row.figures.netSales])).toEqual([
      [null, null, '68000.00'],
      [w.ids.category, 'Minuman', '42500.00'],
    ]);
  });

  it('by customer, top 1 by net sales: Ani (48000 + 22500 = 70500), Budi in other', async () => {
    const r = await report(w.t.key, { groupBy: 'CUSTOMER', top: 1 });
    expect(r.rows.map((row: any) => [row.key, row.label, row.isOther, row.figures.netSales, row.figures.orderCount])).toEqual([
      [w.ids.ani, 'Ani', false, '70500.00', 2],
      [null, null, true, '38000.00', 1],
    ]);
    expect(r.rows[1].figures).toEqual(O2);
    // Ranked by units instead: Budi 7, Ani 4 + 2 = 6.
    const byUnits = await report(w.t.key, { groupBy: 'CUSTOMER', top: 1, sortBy: 'UNITS' });
    expect(byUnits.rows.map((row: any) => [row.label, row.figures.unitCount])).toEqual([
      ['Budi', 7],
      [null, 6],
    ]);
  });

  it('by warehouse: every order ships from Gudang Utama', async () => {
    const r = await report(w.t.key, { groupBy: 'WAREHOUSE' });
    expect(r.rows).toEqual([{ key: w.ids.warehouse, label: 'Gudang Utama', isOther: false, figures: TOTALS }]);
  });

  it('by the dimensions the orders leave empty: one row without a key holding everything', async () => {
    for (const groupBy of ['CUSTOMER_CATEGORY', 'SOURCE', 'SALES_REP', 'CITY', 'COURIER']) {
      const r = await report(w.t.key, { groupBy });
      expect({ groupBy, rows: r.rows }).toEqual({ groupBy, rows: [{ key: null, label: null, isOther: false, figures: TOTALS }] });
    }
  });

  it('by variation: one per product here, labelled by SKU, the same figures as by product', async () => {
    const byProduct = await report(w.t.key, { groupBy: 'PRODUCT' });
    const r = await report(w.t.key, { groupBy: 'VARIATION' });
    expect(r.rows.map((row: any) => [row.label, row.figures])).toEqual([
      [`KOPI-${w.t.id}`, byProduct.rows[0].figures],
      [`TEH-${w.t.id}`, byProduct.rows[1].figures],
      [`GULA-${w.t.id}`, byProduct.rows[2].figures],
    ]);
  });

  it("takes the order list's filter: a channel, a customer, a customer and a day", async () => {
    expect((await report(w.t.key, { groupBy: 'DAY', filter: { channels: ['OFFLINE'] } })).totals).toEqual(MARCH_1);
    expect((await report(w.t.key, { groupBy: 'CHANNEL', filter: { customer: w.ids.budi } })).totals).toEqual(O2);
    expect((await report(w.t.key, { groupBy: 'DAY', from: '2026-03-02', filter: { customer: w.ids.ani } })).totals).toEqual(O3);
    // The cancelled order counts when the filter asks for cancelled orders: A x1 = 10000.
    const cancelled = await report(w.t.key, { groupBy: 'DAY', filter: { statuses: ['CANCELLED'] } });
    expect(cancelled.totals).toMatchObject({ orderCount: 1, grossSales: '10000.00' });
    // Nothing matches: zeros, not an error.
    const none = await report(w.t.key, { groupBy: 'CHANNEL', filter: { channels: ['tokopedia'] } });
    expect(none.rows).toEqual([]);
    expect(none.totals).toMatchObject({ orderCount: 0, grossSales: '0.00', netSales: '0.00', marginPercent: null });
  });

  it('takes the tags, contract and sales-rep filters as the list does: only O2 carries them', async () => {
    const team = await w.t.prisma.salesTeam.create({ data: { tenantId: w.t.id, name: 'Tim Barat' } });
    const rep = await w.t.prisma.salesRep.create({ data: { tenantId: w.t.id, name: 'Rina', teamId: team.id } });
    const o2 = await w.t.prisma.order.findFirstOrThrow({ where: { tenantId: w.t.id, customerId: Number(decodeGlobalID(w.ids.budi).id) } });
    await w.t.prisma.order.update({ where: { id: o2.id }, data: { tags: ['vip', 'grosir'], contractReference: 'PKS-2026/014', salesRepId: rep.id, salesTeamId: team.id } });
    for (const filter of [
      { tags: { hasAny: ['vip', 'nothing'] } },
      { tags: { hasAll: ['vip', 'grosir'] } },
      { contractReference: ' PKS-2026/014 ' },
      { salesRepIds: [gid('SalesRep', rep.id)] },
      { salesTeamIds: [gid('SalesTeam', team.id)] },
    ]) {
      expect((await report(w.t.key, { groupBy: 'DAY', filter })).totals, JSON.stringify(filter)).toEqual(O2);
    }
    expect((await report(w.t.key, { groupBy: 'DAY', filter: { tags: { hasAll: ['vip', 'nothing'] } } })).totals.orderCount).toBe(0);
    expect((await report(w.t.key, { groupBy: 'DAY', filter: { tags: { hasAny: [] } } })).totals.orderCount).toBe(0);
    expect((await report(w.t.key, { groupBy: 'DAY', filter: { tags: { hasAll: [] } } })).totals).toEqual(TOTALS);
    const bad = await execute<any, any>(w.t.key, '{ salesReport(groupBy: DAY, filter: { tags: { hasAny: ["' + 'x'.repeat(200) + '"] } }) { totals { orderCount } } }');
    expect(bad.errors?.[0]?.message).toMatch(/filter\.tags\.hasAny\[0\] must be at most/);
  });

  it('hides cost, profit and margin from a role without costs.read, and refuses to rank by profit for it', async () => {
    const viewer = await w.t.apiKey('VIEWER');
    const result = await execute<any, any>(viewer, '{ salesReport(groupBy: DAY) { totals { netSales cost grossProfit marginPercent uncostedUnits } } }');
    expect(result.data.salesReport.totals).toEqual({ netSales: '108500.00', cost: null, grossProfit: null, marginPercent: null, uncostedUnits: null });
    expect(result.errors!.map((e) => [e.path!.join('.'), e.extensions?.code]).sort()).toEqual([
      ['salesReport.totals.cost', 'FORBIDDEN'],
      ['salesReport.totals.grossProfit', 'FORBIDDEN'],
      ['salesReport.totals.marginPercent', 'FORBIDDEN'],
      ['salesReport.totals.uncostedUnits', 'FORBIDDEN'],
    ]);
    const ranked = await execute<any, any>(viewer, '{ salesReport(groupBy: CUSTOMER, sortBy: GROSS_PROFIT) { rows { key } } }');
    expect(ranked.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The owner sees them.
    expect((await report(w.t.key, { groupBy: 'CUSTOMER', sortBy: 'GROSS_PROFIT' })).rows.map((row: any) => [row.label, row.figures.grossProfit])).toEqual([
      ['Budi', '24000.00'],
      ['Ani', '22500.00'],
    ]);
  });

  it('a key bound to a channel reports its channel only, whatever the filter asks', async () => {
    const partner = await w.t.apiKey('PARTNER', { channel: 'shopee' });
    const selection = 'orderCount grossSales netSales returns refunds';
    const r = (await query<any, never>(partner, `{ salesReport(groupBy: CHANNEL) { rows { key figures { ${selection} } } totals { ${selection} } } }`)).salesReport;
    const shopee = { orderCount: 2, grossSales: '88000.00', netSales: '60500.00', returns: '22500.00', refunds: '22500.00' };
    expect(r.rows).toEqual([{ key: 'shopee', figures: shopee }]);
    expect(r.totals).toEqual(shopee);
    const asked = (await query<any, never>(partner, `{ salesReport(groupBy: DAY, filter: { channels: ["offline"] }) { rows { key } totals { orderCount } } }`)).salesReport;
    expect(asked).toEqual({ rows: [], totals: { orderCount: 0 } });
  });

  it('refuses a malformed day and a top out of range', async () => {
    const bad = await execute<any, any>(w.t.key, '{ salesReport(groupBy: DAY, from: "2026-02-30") { timeZone } }');
    expect(bad.errors?.[0]?.message).toMatch(/calendar date/);
    const top = await execute<any, any>(w.t.key, '{ salesReport(groupBy: PRODUCT, top: 0) { timeZone } }');
    expect(top.errors?.[0]?.message).toMatch(/top must be between 1 and/);
  });

  it('is one SQL statement', async () => {
    const { countStatements } = await import('../support/execute.js');
    const { count } = await countStatements(() => report(w.t.key, { groupBy: 'PRODUCT', top: 2 }));
    expect(count).toBe(1);
  });
});
