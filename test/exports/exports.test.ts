// Bulk exports through GraphQL: fixtures with literal values, exported to CSV, XLSX
// (read back with exceljs) and JSONL; the filter of orders(filter:) applies; the
// download link works without an API key until it expires and only as signed.
import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { execute, query } from '../support/execute.js';
import { testApp } from '../support/app.js';
import { collect, liveServer, until, wsClient } from '../support/subscribe.js';
import { newTenant, type TestTenant } from '../support/tenant.js';
import { exportLink } from '../../src/exports/export-link.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

const CREATE = `mutation ($input: ExportCreateInput!) {
  exportCreate(input: $input) {
    __typename
    ... on ExportCreatePayload { export { id status kind format } }
    ... on ValidationError { problems { path message } }
    ... on Error { message }
  }
}`;
const READ = `query ($id: ID!) { export(id: $id) { id kind format status rowsDone rowsTotal progress error url expiresAt finishedAt byteSize includesCosts } }`;

interface ExportView {
  id: string;
  status: string;
  rowsDone: number;
  rowsTotal: number | null;
  progress: number | null;
  error: string | null;
  url: string | null;
  expiresAt: string | null;
  byteSize: number | null;
  includesCosts: boolean;
}

const ORDER_HEADER =
  'Order code,Kind,Status,Payment status,Channel,Customer,Customer phone,Ordered at,Paid at,Shipped at,Currency,Subtotal,Item discounts,Shipping,Order discount,Tax,COD fee,Insurance,Other costs,Grand total,Returned total,Weight (g),Notes,Internal notes';

/** Three orders with literal values: one with a note that needs CSV quoting, one on shopee, one cancelled. */
async function shop(t: TestTenant) {
  const customer = await t.prisma.customer.create({ data: { tenantId: t.id, name: 'Santoso, Budi', phone: '081234567890' } });
  const { variations } = await t.product({ name: 'Kopi Toraja', variations: [{ sku: 'KOPI-250', price: '50000' }] });
  const kopi = variations[0]!;
  // The purchase price went up after these orders were taken: their lines keep the cost of the day (31,000).
  await t.prisma.variation.update({ where: { id: kopi.id }, data: { costPrice: '33500.00' } });
  const line = (quantity: number, unitPrice: string, lineTotal: string) => ({
    costPrice: '31000.00',
    tenantId: t.id,
    variationId: kopi.id,
    sku: 'KOPI-250',
    productName: 'Kopi Toraja',
    quantity,
    unitPrice,
    lineTotal,
  });
  const a = await t.prisma.order.create({
    data: {
      tenantId: t.id,
      code: 'EXP-001',
      status: 'PENDING',
      channel: 'offline',
      customerId: customer.id,
      orderedAt: new Date('2026-03-01T10:00:00.000Z'),
      subtotal: '150000.00',
      shippingTotal: '12000.00',
      grandTotal: '162000.00',
      weightGrams: 750,
      notes: 'Leave at gate, "blue" door\nthanks',
      internalNotes: 'margin 20%',
      items: { create: [line(3, '50000.00', '150000.00')] },
    },
  });
  const b = await t.prisma.order.create({
    data: {
      tenantId: t.id,
      code: 'EXP-002',
      status: 'SHIPPED',
      paymentStatus: 'PAID',
      channel: 'shopee',
      orderedAt: new Date('2026-03-02T08:30:00.000Z'),
      paidAt: new Date('2026-03-02T09:00:00.000Z'),
      subtotal: '75000.50',
      grandTotal: '75000.50',
      items: { create: [line(1, '75000.50', '75000.50')] },
    },
  });
  const c = await t.prisma.order.create({
    data: {
      tenantId: t.id,
      code: 'EXP-003',
      status: 'CANCELLED',
      channel: 'offline',
      orderedAt: new Date('2026-03-03T12:00:00.000Z'),
      subtotal: '100000.00',
      grandTotal: '100000.00',
      items: { create: [line(2, '50000.00', '100000.00')] },
    },
  });
  return { a, b, c, kopi };
}

async function startExport(key: string, input: Record<string, unknown>) {
  const data = await query<{ exportCreate: { __typename: string; export: { id: string; status: string } } }, unknown>(key, CREATE, { input });
  expect(data.exportCreate.__typename).toBe('ExportCreatePayload');
  return data.exportCreate.export;
}

/** Creates the export, waits for the runner and reads the finished job. */
async function finished(key: string, input: Record<string, unknown>): Promise<ExportView> {
  const { app } = await testApp();
  const created = await startExport(key, input);
  await app.exports.idle();
  const data = await query<{ export: ExportView }, unknown>(key, READ, { id: created.id });
  return data.export;
}

async function download(url: string, headers: Record<string, string> = {}) {
  const { app } = await testApp();
  return app.yoga.fetch(`http://ordergraph.test${url}`, { headers });
}

const orderLines = (csv: string) => csv.split('\r\n');

describe('exports', () => {
  afterAll(async () => {
    const { app } = await testApp();
    await app.exports.idle();
  });

  it('exports orders to CSV with the fixtures values, quoting where needed, fetched without an Authorization header', async () => {
    const t = await newTenant();
    await shop(t);
    const job = await finished(t.key, { kind: 'ORDERS', format: 'CSV' });
    expect(job).toMatchObject({ status: 'DONE', rowsDone: 3, rowsTotal: 3, progress: 1, error: null, includesCosts: true });
    expect(job.url).toMatch(/^\/exports\/\d+\/\d+\/orders-\d+-[0-9a-f]{12}\.csv\?expires=\d+&signature=[A-Za-z0-9_-]+$/);

    const response = await download(job.url!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csv = await response.text();
    expect(Buffer.byteLength(csv)).toBe(job.byteSize);
    expect(orderLines(csv)).toEqual([
      ORDER_HEADER,
      'EXP-001,SALE,PENDING,UNPAID,offline,"Santoso, Budi",081234567890,2026-03-01T10:00:00.000Z,,,IDR,150000.00,0.00,12000.00,0.00,0.00,0.00,0.00,0.00,162000.00,0.00,750,"Leave at gate, ""blue"" door\nthanks",margin 20%',
      'EXP-002,SALE,SHIPPED,PAID,shopee,,,2026-03-02T08:30:00.000Z,2026-03-02T09:00:00.000Z,,IDR,75000.50,0.00,0.00,0.00,0.00,0.00,0.00,0.00,75000.50,0.00,0,,',
      'EXP-003,SALE,CANCELLED,UNPAID,offline,,,2026-03-03T12:00:00.000Z,,,IDR,100000.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,100000.00,0.00,0,,',
      '',
    ]);
  });

  it('exports the orders the filter selects to XLSX, money and dates as typed cells', async () => {
    const t = await newTenant();
    await shop(t);
    const job = await finished(t.key, { kind: 'ORDERS', format: 'XLSX', filter: { statuses: ['PENDING', 'SHIPPED'] } });
    expect(job).toMatchObject({ status: 'DONE', rowsDone: 2, rowsTotal: 2 });
    const response = await download(job.url!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1).join(',')).toBe(ORDER_HEADER);
    const first = values(2);
    expect(first[0]).toBe('EXP-001');
    expect(first[2]).toBe('PENDING');
    expect(first[5]).toBe('Santoso, Budi');
    expect(first[7]).toEqual(new Date('2026-03-01T10:00:00.000Z'));
    expect(first[11]).toBe(150000);
    expect(first[13]).toBe(12000);
    expect(first[19]).toBe(162000);
    expect(first[22]).toBe('Leave at gate, "blue" door\nthanks');
    const second = values(3);
    expect(second[0]).toBe('EXP-002');
    expect(second[4]).toBe('shopee');
    expect(second[19]).toBe(75000.5);
    expect(sheet.getRow(2).getCell(12).numFmt).toBe('#,##0.00');
  });

  it('exports to JSONL one object per order, money as exact strings; the channel filter applies', async () => {
    const t = await newTenant();
    await shop(t);
    const job = await finished(t.key, { kind: 'ORDERS', format: 'JSONL', filter: { channels: ['shopee'] } });
    expect(job).toMatchObject({ status: 'DONE', rowsDone: 1, rowsTotal: 1 });
    const text = await (await download(job.url!)).text();
    const lines = text.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    expect(JSON.parse(lines[0]!)).toEqual({
      code: 'EXP-002',
      kind: 'SALE',
      status: 'SHIPPED',
      paymentStatus: 'PAID',
      channel: 'shopee',
      customerName: null,
      customerPhone: null,
      orderedAt: '2026-03-02T08:30:00.000Z',
      paidAt: '2026-03-02T09:00:00.000Z',
      shippedAt: null,
      currency: 'IDR',
      subtotal: '75000.50',
      itemDiscountTotal: '0.00',
      shippingTotal: '0.00',
      discountTotal: '0.00',
      taxTotal: '0.00',
      codFee: '0.00',
      insuranceTotal: '0.00',
      otherCostTotal: '0.00',
      grandTotal: '75000.50',
      returnedTotal: '0.00',
      weightGrams: 0,
      notes: null,
      internalNotes: null,
    });
  });

  it('exports order lines with their order, the filter applied to their orders, the cost at the time of sale included for a key that may read costs', async () => {
    const t = await newTenant();
    await shop(t);
    const job = await finished(t.key, { kind: 'ORDER_LINES', format: 'CSV', filter: { statuses: ['PENDING', 'CANCELLED'] } });
    const csv = await (await download(job.url!)).text();
    expect(orderLines(csv)).toEqual([
      'Order code,Order status,Ordered at,SKU,Product,Variation,Quantity,Unit,Currency,Unit price,Discount,Line total,Returned quantity,Cancelled,Cost price',
      'EXP-001,PENDING,2026-03-01T10:00:00.000Z,KOPI-250,Kopi Toraja,,3,PCS,IDR,50000.00,0.00,150000.00,0,false,31000.00',
      'EXP-003,CANCELLED,2026-03-03T12:00:00.000Z,KOPI-250,Kopi Toraja,,2,PCS,IDR,50000.00,0.00,100000.00,0,false,31000.00',
      '',
    ]);
  });

  it('a key bound to a channel exports only that channel\'s orders', async () => {
    const t = await newTenant();
    await shop(t);
    const staff = await t.apiKey('STAFF', { channel: 'shopee' });
    const job = await finished(staff, { kind: 'ORDERS', format: 'CSV' });
    expect(job).toMatchObject({ status: 'DONE', rowsDone: 1, rowsTotal: 1 });
    const csv = await (await download(job.url!)).text();
    expect(orderLines(csv).map((l) => l.split(',')[0])).toEqual(['Order code', 'EXP-002', '']);
  });

  it('reports progress over the exportProgress subscription until rowsDone reaches rowsTotal', async () => {
    const t = await newTenant();
    await shop(t);
    const { app, url } = await liveServer();
    const ws = wsClient(url, t.key);
    try {
      const sub = collect<{ exportProgress: { status: string; rowsDone: number; rowsTotal: number | null; export: { id: string; url: string | null } } }>(
        ws,
        'subscription { exportProgress { status rowsDone rowsTotal export { id url } } }',
      );
      await until(() => (app.events.subscriberCount?.(t.id) ?? 0) >= 1, 'exportProgress attached');
      const created = await startExport(t.key, { kind: 'ORDERS', format: 'CSV' });
      await until(() => sub.results.some((r) => r.data?.exportProgress.status === 'DONE'), 'export DONE event');
      const events = sub.results.map((r) => r.data!.exportProgress);
      expect(events.every((e) => e.export.id === created.id)).toBe(true);
      expect(events[0]).toMatchObject({ status: 'RUNNING', rowsDone: 0, rowsTotal: 3 });
      expect(events.at(-1)).toMatchObject({ status: 'DONE', rowsDone: 3, rowsTotal: 3 });
      expect(events.at(-1)!.export.url).toMatch(/^\/exports\//);
      sub.unsubscribe();
    } finally {
      await ws.dispose();
    }
  });

  it('refuses a tampered or expired link, and a link moved to another tenant', async () => {
    const { app } = await testApp();
    const t = await newTenant();
    const other = await newTenant();
    await shop(t);
    await shop(other);
    const job = await finished(t.key, { kind: 'ORDERS', format: 'CSV' });
    const url = new URL(job.url!, 'http://x');
    const [, , tenant, id, file] = url.pathname.split('/');

    expect((await download(job.url!)).status).toBe(200);
    const badSignature = job.url!.replace(/signature=(.)/, (_m, c: string) => `signature=${c === 'A' ? 'B' : 'A'}`);
    expect((await download(badSignature)).status).toBe(403);
    const longer = job.url!.replace(/expires=(\d+)/, (_m, s: string) => `expires=${Number(s) + 3600}`);
    expect((await download(longer)).status).toBe(403);
    const otherId = job.url!.replace(`/${id}/`, `/${Number(id) + 1}/`);
    expect((await download(otherId)).status).toBe(403);
    const otherTenant = job.url!.replace(`/exports/${tenant}/`, `/exports/${other.id}/`);
    expect((await download(otherTenant)).status).toBe(403);

    // A correctly signed link whose time is up.
    const secret = app.exports.settings.urlSecret;
    const expired = exportLink(secret, { tenantId: Number(tenant), exportId: Number(id), expires: Math.floor(Date.now() / 1000) - 1 }, decodeURIComponent(file!));
    const gone = await download(expired);
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('LINK_EXPIRED');
    // Signed for the other tenant with this tenant's export id: no such export there.
    const forged = exportLink(secret, { tenantId: other.id, exportId: Number(id), expires: Math.floor(Date.now() / 1000) + 60 }, decodeURIComponent(file!));
    expect((await download(forged)).status).toBe(404);

    // The other tenant does not see the export.
    const seen = await query<{ export: ExportView | null; exports: { totalCount: number } }, unknown>(other.key, `query ($id: ID!) { export(id: $id) { id } exports { totalCount } }`, {
      id: job.id,
    });
    expect(seen).toEqual({ export: null, exports: { totalCount: 0 } });
  });

  it('lists exports latest first with totalCount, filtered by status and kind', async () => {
    const t = await newTenant();
    await shop(t);
    const first = await finished(t.key, { kind: 'ORDERS', format: 'CSV' });
    const second = await finished(t.key, { kind: 'CUSTOMERS', format: 'JSONL' });
    type Page = { totalCount: number; edges: Array<{ node: { id: string } }> };
    const list = await query<{ all: Page; customers: Page; failed: { totalCount: number } }, unknown>(
      t.key,
      `{ all: exports { totalCount edges { node { id } } } customers: exports(kind: CUSTOMERS, status: DONE) { totalCount edges { node { id } } } failed: exports(status: FAILED) { totalCount } }`,
    );
    expect(list).toEqual({
      all: { totalCount: 2, edges: [{ node: { id: second.id } }, { node: { id: first.id } }] },
      customers: { totalCount: 1, edges: [{ node: { id: second.id } }] },
      failed: { totalCount: 0 },
    });
    const text = await (await download(second.url!)).text();
    expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ name: 'Santoso, Budi', phone: '081234567890' });
  });

  it('refuses a filter on kinds other than orders and order lines', async () => {
    const t = await newTenant();
    const result = await query<{ exportCreate: { __typename: string; problems: Array<{ path: string[] }> } }, unknown>(t.key, CREATE, {
      input: { kind: 'PRODUCTS', format: 'CSV', filter: { statuses: ['PENDING'] } },
    });
    expect(result.exportCreate).toMatchObject({ __typename: 'ValidationError', problems: [{ path: ['filter'] }] });
  });

  it('is refused to roles without the export permissions', async () => {
    const t = await newTenant();
    const warehouse = await t.apiKey('WAREHOUSE');
    const viewer = await t.apiKey('VIEWER');
    const created = await execute(warehouse, CREATE, { input: { kind: 'STOCK_LEVELS', format: 'CSV' } });
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const listed = await execute(viewer, '{ exports { totalCount } }');
    expect(listed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('fails a job whose server stopped while it ran, once its runner has been silent a minute', async () => {
    const t = await newTenant();
    const row = await t.prisma.export.create({
      data: { tenantId: t.id, kind: 'ORDERS', format: 'CSV', status: 'RUNNING', rowsDone: 1000, rowsTotal: 5000, runnerId: 'a-stopped-process' },
    });
    const fresh = await query<{ export: ExportView }, unknown>(t.key, READ, { id: gid('Export', row.id) });
    expect(fresh.export).toMatchObject({ status: 'RUNNING', progress: 0.2 });
    await t.prisma.$executeRawUnsafe(`UPDATE "Export" SET "updatedAt" = now() - interval '2 minutes' WHERE id = $1`, row.id);
    const after = await query<{ export: ExportView }, unknown>(t.key, READ, { id: gid('Export', row.id) });
    expect(after.export).toMatchObject({ status: 'FAILED', url: null, rowsDone: 1000 });
    expect(after.export.error).toMatch(/^Interrupted/);
  });

  it('deletes files past the retention period; their link answers 410', async () => {
    const { app } = await testApp();
    const t = await newTenant();
    await shop(t);
    const job = await finished(t.key, { kind: 'STOCK_LEVELS', format: 'XLSX' });
    const file = decodeURIComponent(new URL(job.url!, 'http://x').pathname.split('/')[4]!);
    const path = join(app.exports.settings.dir, String(t.id), file);
    const old = new Date(Date.now() - (app.exports.settings.retentionHours + 1) * 3_600_000);
    await utimes(path, old, old);
    expect(await app.exports.sweepFiles()).toBeGreaterThanOrEqual(1);
    expect((await download(job.url!)).status).toBe(410);
  });
});

describe('exports without costs.read', () => {
  it('leave out purchase prices and internal notes', async () => {
    // No role holding exports.create lacks costs.read today: the service is asked directly.
    const { app } = await testApp();
    const { createExport } = await import('../../src/exports/export-service.js');
    const t = await newTenant();
    await shop(t);
    const job = await createExport(
      { prisma: app.db.forTenant(t.id), tenantId: t.id, actor: 'test', canReadCosts: false, runner: app.exports },
      { kind: 'ORDER_LINES', format: 'CSV', filter: { statuses: ['SHIPPED'] } },
    );
    await app.exports.idle();
    const view = await query<{ export: ExportView }, unknown>(t.key, READ, { id: gid('Export', job.id) });
    expect(view.export).toMatchObject({ status: 'DONE', includesCosts: false, rowsDone: 1 });
    const csv = await (await download(view.export.url!)).text();
    expect(orderLines(csv)).toEqual([
      'Order code,Order status,Ordered at,SKU,Product,Variation,Quantity,Unit,Currency,Unit price,Discount,Line total,Returned quantity,Cancelled',
      'EXP-002,SHIPPED,2026-03-02T08:30:00.000Z,KOPI-250,Kopi Toraja,,1,PCS,IDR,75000.50,0.00,75000.50,0,false',
      '',
    ]);
  });

  it('refuses the exportProgress subscription to a role without exports.read', async () => {
    const t = await newTenant();
    const viewer = await t.apiKey('VIEWER');
    const { url } = await liveServer();
    const ws = wsClient(url, viewer);
    try {
      const sub = collect(ws, 'subscription { exportProgress { status } }');
      await until(() => sub.results.length > 0, 'the refusal');
      expect(sub.results[0]!.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await ws.dispose();
    }
  });
});
