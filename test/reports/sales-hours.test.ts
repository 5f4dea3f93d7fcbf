// Period reports read SalesHour (sums per UTC hour and channel, kept by triggers in the
// writers' transactions) instead of every order. Two checks through the API:
//
// 1. A model-based walk (period reports from the hours, dimensions from OrderSalesFact): random orders (channels, hours around local midnight, lines,
//    adjustments, drafts), edits of lines and costs, cancellations, placements, payments, shipments, partial returns
//    with refunds, concurrent creates, and time-zone changes, including a zone half an hour
//    off UTC (the hours cannot be split into its days: the report reads the orders). After
//    every few steps each period report, with and without a channel filter and a day range,
//    must equal the same report read from the orders. The orders path is forced with a
//    filter that keeps every order (every payment status); its figures are pinned by hand
//    in sales-report.test.ts.
// 2. The plain report does read the hours: a row written into SalesHour by hand shows up
//    there, and not in the orders path nor under a zone the hours do not fit.
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { query } from '../support/execute.js';
import { mulberry32 } from '../../src/demo/seed/random.js';
import { testApp } from '../support/app.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = encodeGlobalID;
const SEED = Number(process.env.MODEL_SEED ?? 20261206);
const STEPS = Number(process.env.SALES_HOURS_STEPS ?? 60);

const FIGURES = `orderCount unitCount unitsReturned grossSales itemDiscounts orderDiscounts returns netSales
  adjustments { category amount } grandTotal netTotal refunds cost uncostedUnits grossProfit marginPercent`;
const REPORT = `query ($groupBy: SalesReportGroupBy!, $from: Date, $to: Date, $filter: OrderFilter, $top: Int) {
  salesReport(groupBy: $groupBy, from: $from, to: $to, filter: $filter, top: $top) { timeZone rows { key label isOther figures { ${FIGURES} } } totals { ${FIGURES} } }
}`;
const EVERY_PAYMENT_STATUS = ['NOT_APPLICABLE', 'PAID', 'PARTIALLY_PAID', 'REFUNDED', 'UNPAID'];
const NOT_CANCELLED = ['COMPLETED', 'CONFIRMED', 'PACKED', 'PENDING', 'PROCESSING', 'RETURNED', 'SHIPPED'];

async function call(key: string, field: string, inputType: string, input: Record<string, unknown>, select = '') {
  const result = (await query<any, any>(key, `mutation ($input: ${inputType}!) { ${field}(input: $input) { __typename ${select} ... on Error { message } } }`, { input }))[field];
  return result as { __typename: string; [k: string]: unknown };
}

async function report(key: string, variables: Record<string, unknown>) {
  return (await query<any, any>(key, REPORT, variables)).salesReport;
}

interface Placed {
  id: string;
  items: Array<{ id: string; quantity: number }>;
  grandTotal: string;
  state: 'open' | 'draft' | 'cancelled' | 'shipped' | 'returned';
}

describe('sales reports from SalesHour', () => {
  let t: TestTenant;
  let variations: string[];
  let warehouse: string;

  beforeAll(async () => {
    t = await newTenant();
    const wh = await t.warehouse({ name: 'Gudang' });
    warehouse = gid('Warehouse', wh.id);
    variations = [];
    for (const [i, price] of ['10000', '25000', '4000', '12500.50'].entries()) {
      const p = await t.product({ name: `P${i}`, variations: [{ sku: `SH-${t.id}-${i}`, price, stock: { [wh.id]: 100_000 } }] });
      // A cost on three of the four: the fourth's units are uncosted.
      if (i < 3) await t.prisma.variation.update({ where: { id: p.variations[0]!.id }, data: { costPrice: String(Number(price) * 0.6) } });
      variations.push(gid('Variation', p.variations[0]!.id));
    }
  }, 60_000);

  async function agree(step: number) {
    for (const groupBy of ['DAY', 'WEEK', 'MONTH']) {
      for (const variant of [{}, { filter: { channels: ['shopee'] } }, { from: '2026-03-03', to: '2026-03-09' }, { from: '2026-03-05', filter: { channels: ['offline', 'tokopedia'] } }]) {
        const hours = await report(t.key, { groupBy, ...variant });
        const filter = { ...((variant as { filter?: object }).filter ?? {}), paymentStatuses: EVERY_PAYMENT_STATUS };
        const orders = await report(t.key, { groupBy, ...variant, filter });
        expect(hours, `step ${step}, ${groupBy} ${JSON.stringify(variant)}`).toEqual(orders);
      }
    }
    // Dimensions read each order's facts row; naming every status but CANCELLED keeps the same
    // orders and makes the report sum their lines, adjustments and refunds instead.
    for (const groupBy of ['CHANNEL', 'WAREHOUSE', 'CUSTOMER']) {
      for (const variant of [{}, { filter: { channels: ['shopee', 'offline'] } }, { from: '2026-03-04', to: '2026-03-10', top: 1 }]) {
        const facts = await report(t.key, { groupBy, ...variant });
        const filter = { ...((variant as { filter?: object }).filter ?? {}), statuses: NOT_CANCELLED };
        const orders = await report(t.key, { groupBy, ...variant, filter });
        expect(facts, `step ${step}, ${groupBy} ${JSON.stringify(variant)}`).toEqual(orders);
      }
    }
  }

  it(`equals the report read from the orders over ${STEPS} random steps (seed ${SEED})`, { timeout: 600_000 }, async () => {
    const random = mulberry32(SEED);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const orders: Placed[] = [];
    const counts: Record<string, number> = {};

    async function create(isDraft: boolean) {
      const day = 1 + Math.floor(random() * 12);
      // Hours around Jakarta's midnight (17:00Z) and Adelaide's (13:30Z) most of the time.
      const hour = pick([16, 17, 17, 13, 14, 18, 19, 3, 23]);
      const minute = pick([0, 15, 29, 30, 31, 59]);
      const orderedAt = `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`;
      const lines = 1 + Math.floor(random() * 3);
      const items = Array.from({ length: lines }, (_, i) => ({
        variation: variations[(i + Math.floor(random() * 4)) % 4],
        quantity: 1 + Math.floor(random() * 4),
        ...(random() < 0.3 ? { discount: { type: 'NOMINAL', value: '500' } } : {}),
      }));
      const adjustments = [
        ...(random() < 0.6 ? [{ category: 'SHIPPING', value: pick(['9000', '15000']) }] : []),
        ...(random() < 0.3 ? [{ category: 'DISCOUNT', value: '1000' }] : []),
        ...(random() < 0.3 ? [{ category: 'TAX', value: '1100.25' }] : []),
      ];
      const result = await call(
        t.key,
        'orderCreate',
        'OrderCreateInput',
        { originWarehouse: warehouse, channel: pick(['offline', 'shopee', 'tokopedia']), orderedAt, isDraft, items, adjustments },
        '... on OrderCreatePayload { order { id totals { grandTotal } items { id quantity } } }',
      );
      expect(result.__typename, JSON.stringify(result)).toBe('OrderCreatePayload');
      const order = (result as any).order;
      orders.push({ id: order.id, items: order.items, grandTotal: order.totals.grandTotal, state: isDraft ? 'draft' : 'open' });
    }

    const ops: Record<string, () => Promise<void>> = {
      create: () => create(random() < 0.1),
      burst: async () => {
        await Promise.all([create(false), create(false), create(false), create(random() < 0.5)]);
      },
      place: async () => {
        const o = orders.find((x) => x.state === 'draft');
        if (!o) return;
        expect((await call(t.key, 'orderPlace', 'OrderPlaceInput', { order: o.id })).__typename).toBe('OrderPlacePayload');
        o.state = 'open';
      },
      // Lines and costs of an order that already has figures (or of a draft, which has none) change.
      edit: async () => {
        const editable = orders.filter((x) => x.state === 'open' || x.state === 'draft');
        if (!editable.length) return;
        const o = pick(editable);
        const result = await call(
          t.key,
          'orderEdit',
          'OrderEditInput',
          {
            order: o.id,
            updateItems: [{ item: o.items[0]!.id, quantity: 1 + Math.floor(random() * 5) }],
            ...(random() < 0.5 ? { addItems: [{ variation: pick(variations), quantity: 1 + Math.floor(random() * 3) }] } : {}),
            ...(random() < 0.5 ? { adjustments: random() < 0.5 ? [] : [{ category: 'SHIPPING', value: pick(['7000', '12000']) }] } : {}),
            backorder: true,
          },
          '... on OrderEditPayload { order { totals { grandTotal } items { id quantity } } }',
        );
        expect(result.__typename, JSON.stringify(result)).toBe('OrderEditPayload');
        o.items = (result as any).order.items;
        o.grandTotal = (result as any).order.totals.grandTotal;
      },
      cancel: async () => {
        const open = orders.filter((x) => x.state === 'open' || x.state === 'draft');
        if (!open.length) return;
        const o = pick(open);
        expect((await call(t.key, 'orderCancel', 'OrderCancelInput', { order: o.id, reason: 'CUSTOMER_REQUEST' })).__typename).toBe('OrderCancelPayload');
        o.state = 'cancelled';
      },
      shipAndReturn: async () => {
        const open = orders.filter((x) => x.state === 'open');
        if (!open.length) return;
        const o = pick(open);
        for (const [field, type, extra] of [
          ['paymentRecord', 'PaymentRecordInput', { amount: o.grandTotal, method: 'BANK_TRANSFER' }],
          ['orderConfirm', 'OrderConfirmInput', {}],
          ['orderProcess', 'OrderProcessInput', {}],
          ['orderShip', 'OrderShipInput', {}],
        ] as const) {
          const r = await call(t.key, field, type, { order: o.id, ...extra });
          expect(r.__typename.endsWith('Error'), `${field}: ${JSON.stringify(r)}`).toBe(false);
        }
        o.state = 'shipped';
        if (random() < 0.7) {
          const line = pick(o.items);
          const r = await call(t.key, 'orderReturn', 'OrderReturnInput', {
            order: o.id,
            returnBy: 'customer_request',
            lines: [{ item: line.id, quantity: 1 + Math.floor(random() * line.quantity) }],
            ...(random() < 0.6 ? { refund: { amount: '1000' } } : {}),
          });
          expect(r.__typename.endsWith('Error'), `orderReturn: ${JSON.stringify(r)}`).toBe(false);
          o.state = 'returned';
        }
      },
      // The orders' hours are past: a fold moves every slot row into slot -1 and the days; writes
      // after it land in slot rows again, so reports then read the days and the hours beside them.
      fold: async () => {
        const { app } = await testApp();
        await app.salesHoursFold.runOnce();
      },
      timeZone: async () => {
        const timeZone = pick(['Asia/Jakarta', 'UTC', 'Australia/Adelaide', 'America/New_York']);
        const r = await call(t.key, 'reportSettingsUpdate', 'ReportSettingsUpdateInput', { timeZone });
        expect(r.__typename.endsWith('Error'), JSON.stringify(r)).toBe(false);
      },
    };
    const weights: Array<[string, number]> = [['create', 5], ['burst', 1], ['place', 1], ['edit', 2], ['cancel', 2], ['shipAndReturn', 2], ['timeZone', 1], ['fold', 1]];
    const total = weights.reduce((n, [, w]) => n + w, 0);
    for (let step = 1; step <= STEPS; step++) {
      let r = random() * total;
      const [name] = weights.find(([, w]) => (r -= w) < 0)!;
      counts[name] = (counts[name] ?? 0) + 1;
      await ops[name]!();
      if (step % 6 === 0 || step === STEPS) await agree(step);
    }
    // The walk did reach every kind of step, and the report counts orders.
    expect(Object.keys(counts).sort()).toEqual(weights.map(([n]) => n).sort());
    await call(t.key, 'reportSettingsUpdate', 'ReportSettingsUpdateInput', { timeZone: 'Asia/Jakarta' });
    expect((await report(t.key, { groupBy: 'MONTH' })).totals.orderCount).toBeGreaterThan(10);
  });

  it('reads the hours: a row written into SalesHour by hand shows in the plain report only, and not under a zone half an hour off', async () => {
    const u = await newTenant();
    await call(u.key, 'reportSettingsUpdate', 'ReportSettingsUpdateInput', { timeZone: 'Asia/Jakarta' });
    const zero = { gross: 0, itemDiscounts: 0, returns: 0, cost: 0, uncostedUnits: 0, grandTotal: 0, netTotal: 0, refunds: 0, shipping: 0, discount: 0, shippingDiscount: 0, tax: 0, codFee: 0, insurance: 0, packing: 0, otherCost: 0, unitsReturned: 0 };
    await u.prisma.salesHour.create({
      data: { ...zero, tenantId: u.id, hour: new Date('2026-04-01T17:00:00Z'), channel: 'offline', slot: 0, orders: 2, units: 5, gross: '1234.50', grandTotal: '1234.50', netTotal: '1234.50' },
    });
    // 17:00Z is midnight in Jakarta: 2 April there.
    const plain = await report(u.key, { groupBy: 'DAY' });
    expect(plain.rows.map((r: any) => [r.key, r.figures.orderCount, r.figures.unitCount, r.figures.grossSales])).toEqual([['2026-04-02', 2, 5, '1234.50']]);
    const fromOrders = await report(u.key, { groupBy: 'DAY', filter: { paymentStatuses: EVERY_PAYMENT_STATUS } });
    expect(fromOrders.rows).toEqual([]);
    await call(u.key, 'reportSettingsUpdate', 'ReportSettingsUpdateInput', { timeZone: 'Australia/Adelaide' });
    expect((await report(u.key, { groupBy: 'DAY' })).rows).toEqual([]);
  });

  it("folds the slot rows of past hours into slot -1 and the shop's days, leaves the current hour's, with the same report", async () => {
    const u = await newTenant();
    const zero = { gross: 0, itemDiscounts: 0, returns: 0, cost: 0, uncostedUnits: 0, grandTotal: 0, netTotal: 0, refunds: 0, shipping: 0, discount: 0, shippingDiscount: 0, tax: 0, codFee: 0, insurance: 0, packing: 0, otherCost: 0, unitsReturned: 0 };
    const past = new Date('2026-04-01T17:00:00Z');
    const current = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    const rows: Array<[Date, string, number, number, string]> = [
      [past, 'offline', 0, 1, '100.25'],
      [past, 'offline', 3, 2, '200.50'],
      [past, 'offline', 7, 4, '400.00'],
      [past, 'shopee', 5, 1, '50.00'],
      [current, 'offline', 5, 1, '10.00'],
    ];
    for (const [hour, channel, slot, orders, gross] of rows) {
      await u.prisma.salesHour.create({ data: { ...zero, tenantId: u.id, hour, channel, slot, orders, units: orders, gross, grandTotal: gross, netTotal: gross } });
    }
    const before = await report(u.key, { groupBy: 'MONTH' });
    expect(before.totals).toMatchObject({ orderCount: 9, grossSales: '760.75' });
    const { app } = await testApp();
    expect(await app.salesHoursFold.runOnce()).toBeGreaterThanOrEqual(3);
    const left = await u.prisma.salesHour.findMany({ where: { tenantId: u.id }, orderBy: [{ hour: 'asc' }, { channel: 'asc' }, { slot: 'asc' }] });
    expect(left.map((r) => [r.hour.toISOString(), r.channel, r.slot, r.orders, r.gross.toFixed(2)])).toEqual([
      [past.toISOString(), 'offline', -1, 7, '700.75'],
      [past.toISOString(), 'shopee', -1, 1, '50.00'],
      [current.toISOString(), 'offline', 5, 1, '10.00'],
    ]);
    // 17:00Z is midnight in Jakarta (the default zone): 2 April there.
    const days = await u.prisma.salesDay.findMany({ where: { tenantId: u.id }, orderBy: [{ day: 'asc' }, { channel: 'asc' }] });
    expect(days.map((d) => [d.day.toISOString().slice(0, 10), d.channel, d.timeZone, d.orders, d.gross.toFixed(2)])).toEqual([
      ['2026-04-02', 'offline', 'Asia/Jakarta', 7, '700.75'],
      ['2026-04-02', 'shopee', 'Asia/Jakarta', 1, '50.00'],
    ]);
    expect(await report(u.key, { groupBy: 'MONTH' })).toEqual(before);
  });

  it('reads the folded days; after a change of zone reads the hours until the next fold sums the days again', async () => {
    const u = await newTenant();
    const zero = { gross: 0, itemDiscounts: 0, returns: 0, cost: 0, uncostedUnits: 0, grandTotal: 0, netTotal: 0, refunds: 0, shipping: 0, discount: 0, shippingDiscount: 0, tax: 0, codFee: 0, insurance: 0, packing: 0, otherCost: 0, unitsReturned: 0 };
    // A day row no hour backs: seen only if the report reads the days.
    await u.prisma.salesDay.create({
      data: { ...zero, tenantId: u.id, day: new Date('2026-03-10'), channel: 'offline', timeZone: 'Asia/Jakarta', orders: 3, units: 4, gross: '300.00', grandTotal: '300.00', netTotal: '300.00' },
    });
    // A folded hour: 23:00Z on 9 March is 06:00 on 10 March in Jakarta, and still 9 March in UTC.
    await u.prisma.salesHour.create({
      data: { ...zero, tenantId: u.id, hour: new Date('2026-03-09T23:00:00Z'), channel: 'offline', slot: -1, orders: 1, units: 1, gross: '100.00', grandTotal: '100.00', netTotal: '100.00' },
    });
    const keyed = async () => (await report(u.key, { groupBy: 'DAY' })).rows.map((r: any) => [r.key, r.figures.orderCount, r.figures.grossSales]);
    // The folded hour is not read beside the days (the day row stands for it).
    expect(await keyed()).toEqual([['2026-03-10', 3, '300.00']]);
    await call(u.key, 'reportSettingsUpdate', 'ReportSettingsUpdateInput', { timeZone: 'UTC' });
    // The days are in Jakarta's days: the hours are read, in UTC's.
    expect(await keyed()).toEqual([['2026-03-09', 1, '100.00']]);
    const { app } = await testApp();
    await app.salesHoursFold.runOnce();
    const days = await u.prisma.salesDay.findMany({ where: { tenantId: u.id } });
    expect(days.map((d) => [d.day.toISOString().slice(0, 10), d.timeZone, d.orders])).toEqual([['2026-03-09', 'UTC', 1]]);
    expect(await keyed()).toEqual([['2026-03-09', 1, '100.00']]);
  });
});
