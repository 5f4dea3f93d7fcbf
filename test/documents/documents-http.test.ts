// Order documents through the API as a client uses them: documentsPrint and
// Order.documentUrl give signed links; the PDF behind a link opens without a key.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DocumentsPrintDocument, OrderDocumentUrlDocument } from '../generated/graphql.js';
import { execute, query } from '../support/execute.js';
import { testApp } from '../support/app.js';
import { pdfPages, pdfText } from '../support/pdf-text.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

// The secret test/support/app.ts gives the app: links signed here are the server's own.
const SECRET = 'test-document-url-secret-0123456789abcdef';
const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');
const suffix = () => Math.random().toString(36).slice(2, 7).toUpperCase();

async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const { app } = await testApp();
  return app.yoga.fetch(`http://ordergraph.test${path}`, { method, headers });
}

async function pdfAt(path: string) {
  const response = await get(path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const pdf = Buffer.from(await response.arrayBuffer());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  return { pdf, text: pdfText(pdf), response };
}

/** Signs like the README says: HMAC-SHA256 over the documented message, base64url. */
function sign(tenantId: number, kind: string, orders: number[], exp: number, secret = SECRET) {
  const message = ['ordergraph-document-v1', String(tenantId), kind, orders.join(','), String(exp)].join('\n');
  const sig = createHmac('sha256', secret).update(message).digest('base64url');
  const slug = kind.toLowerCase().replace(/_/g, '-');
  return `/documents/${slug}.pdf?tenant=${tenantId}&orders=${orders.join(',')}&exp=${exp}&sig=${sig}`;
}

type Kind = 'INVOICE' | 'PACKING_LIST' | 'PICKING_LIST' | 'DELIVERY_NOTE' | 'LABEL';

async function print(key: string, orders: number[], kind: Kind, markPrinted?: boolean) {
  const result = await query(key, DocumentsPrintDocument, { input: { orders: orders.map((id) => gid('Order', id)), kind, ...(markPrinted === undefined ? {} : { markPrinted }) } });
  return result.documentsPrint;
}

async function printed(key: string, orders: number[], kind: Kind) {
  const payload = await print(key, orders, kind);
  if (payload.__typename !== 'DocumentsPrintPayload') throw new Error(`expected a payload, got ${JSON.stringify(payload)}`);
  return payload;
}

/**
 * Towels: HDK-RED 1 x 15,000 and HDK-BLUE 3 x 15,000 = 60,000 subtotal, shipping 9,000,
 * grand total 69,000; buyer Rina Wijaya, recipient Mark Smith in Tasikmalaya.
 */
async function towelOrder(t: TestTenant, skus = { red: `HDK-RED-${suffix()}`, blue: `HDK-BLUE-${suffix()}` }) {
  const { variations } = await t.product({ name: 'Handuk', variations: [{ sku: skus.red, price: '15000' }, { sku: skus.blue, price: '15000' }] });
  const order = await t.order({
    code: `ORD-DOC-${suffix()}`,
    status: 'PROCESSING',
    items: [
      { variationId: variations[0]!.id, quantity: 1 },
      { variationId: variations[1]!.id, quantity: 3 },
    ],
  });
  await t.prisma.order.update({ where: { id: order.id }, data: { shippingTotal: '9000', grandTotal: '69000', paymentMethod: 'BANK_TRANSFER' } });
  await t.prisma.orderParty.createMany({
    data: [
      { tenantId: t.id, orderId: order.id, role: 'BUYER', name: 'Rina Wijaya', phone: '+62811000111' },
      { tenantId: t.id, orderId: order.id, role: 'RECIPIENT', name: 'Mark Smith', phone: '+628292839282', address: 'Sariwangi Parongpong', city: 'Kabupaten Tasikmalaya', province: 'Jawa Barat', postalCode: '46465' },
    ],
  });
  return { order, skus, variations };
}

describe('documents by signed link', () => {
  it('prints an invoice with the order code, SKUs, quantities, prices and totals', async () => {
    const t = await newTenant();
    const { order, skus } = await towelOrder(t);
    const payload = await printed(t.key, [order.id], 'INVOICE');
    expect(payload.url).toMatch(/^\/documents\/invoice\.pdf\?tenant=\d+&orders=\d+&exp=\d+&sig=[A-Za-z0-9_-]{43}$/);
    const { pdf, text, response } = await pdfAt(payload.url);
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="invoice-${order.code}.pdf"`);
    expect(pdfPages(pdf)).toBe(1);
    const lines = text.split('\n');
    for (const expected of ['INVOICE', `INV-${order.code}`, 'Rina Wijaya', 'Mark Smith', 'Kabupaten Tasikmalaya, Jawa Barat, 46465', skus.red, skus.blue, '15,000.00', '45,000.00', '60,000.00', '9,000.00', '69,000.00', 'Grand total (IDR)']) {
      expect(text).toContain(expected);
    }
    // The blue line: SKU, then its quantity 3, unit price and line total in that order.
    const blue = lines.indexOf(skus.blue);
    expect(lines.slice(blue, blue + 6)).toEqual([skus.blue, 'Handuk', '3', '15,000.00', '0.00', '45,000.00']);
  });

  it('prints a SKU whole on the invoice however wide its letters (a smaller type, not a cut)', async () => {
    const t = await newTenant();
    // W is Helvetica's widest capital: 12 of them and five more are wider than the SKU column at 9 pt.
    const skus = { red: `WWWWWWWWWWWW${suffix()}`, blue: `HDK-BLUE-WWWWW${suffix()}` };
    const { order } = await towelOrder(t, skus);
    const { text } = await pdfAt((await printed(t.key, [order.id], 'INVOICE')).url);
    const lines = text.split('\n');
    expect(lines).toContain(skus.red);
    expect(lines).toContain(skus.blue);
    expect(text).not.toContain('...');
  });

  it('prints one packing list for three orders (a page each) and records the print on all three', async () => {
    const t = await newTenant();
    const orders = [await towelOrder(t), await towelOrder(t), await towelOrder(t)];
    const ids = orders.map((o) => o.order.id);
    const payload = await printed(t.key, ids, 'PACKING_LIST');
    expect(payload.orders.map((o) => o.code)).toEqual(orders.map((o) => o.order.code));
    for (const o of payload.orders) expect(o).toMatchObject({ printedBy: 'key:test', printedAt: expect.any(String) });
    const { pdf, text, response } = await pdfAt(payload.url);
    expect(response.headers.get('content-disposition')).toBe('inline; filename="packing-list-3-orders.pdf"');
    expect(pdfPages(pdf)).toBe(3);
    for (const { order, skus } of orders) {
      expect(text).toContain(`Order ${order.code}`);
      expect(text).toContain(skus.red);
      expect(text).toContain(skus.blue);
    }
    expect(text.match(/Total units: 4 /g)).toHaveLength(3);
    // In the order given.
    const positions = orders.map(({ order }) => text.indexOf(`Order ${order.code}`));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('goes on to a second page, with the column headings again, when the lines do not fit one', async () => {
    const t = await newTenant();
    const tag = suffix();
    const specs = Array.from({ length: 50 }, (_, i) => ({ sku: `LONG-${tag}-${String(i + 1).padStart(2, '0')}`, price: '1000' }));
    const { variations } = await t.product({ name: 'Baut', variations: specs });
    const order = await t.order({ code: `ORD-LONG-${tag}`, items: variations.map((v, i) => ({ variationId: v.id, quantity: i + 1 })) });
    const { pdf, text } = await pdfAt((await printed(t.key, [order.id], 'PACKING_LIST')).url);
    expect(pdfPages(pdf)).toBe(2);
    const lines = text.split('\n');
    expect(lines.filter((l) => l === 'Packed')).toHaveLength(2);
    const last = lines.indexOf(`LONG-${tag}-50`);
    expect(lines.slice(last, last + 3)).toEqual([`LONG-${tag}-50`, 'Baut', '50']);
    // 1 + 2 + ... + 50
    expect(text).toContain('Total units: 1275 ');
  });

  it('prints a delivery note with recipient, items, quantities and signature boxes', async () => {
    const t = await newTenant();
    const { order, skus } = await towelOrder(t);
    const { text } = await pdfAt((await printed(t.key, [order.id], 'DELIVERY_NOTE')).url);
    for (const expected of ['DELIVERY NOTE', `DN-${order.code}`, 'Mark Smith', 'Sariwangi Parongpong', skus.red, skus.blue, 'Total units: 4', 'Received by']) {
      expect(text).toContain(expected);
    }
    const lines = text.split('\n');
    const red = lines.indexOf(skus.red);
    expect(lines.slice(red, red + 4)).toEqual([skus.red, 'Handuk', '1', 'PCS']);
  });

  it('prints one picking list over several orders: units summed per warehouse and SKU, sorted by warehouse code, then SKU', async () => {
    const t = await newTenant();
    const tag = suffix();
    const west = await t.warehouse({ code: `B-WEST-${tag}`, name: 'Gudang Barat' });
    const east = await t.warehouse({ code: `A-EAST-${tag}`, name: 'Gudang Timur' });
    const { variations } = await t.product({
      name: 'Kaos',
      variations: [{ sku: `KAOS-Z-${tag}`, price: '50000' }, { sku: `KAOS-A-${tag}`, price: '50000' }, { sku: `KAOS-M-${tag}`, price: '50000' }],
    });
    const [z, a, m] = variations as [(typeof variations)[0], (typeof variations)[0], (typeof variations)[0]];
    const first = await t.order({ code: `ORD-P1-${tag}`, status: 'PROCESSING', items: [{ variationId: z.id, quantity: 2 }, { variationId: a.id, quantity: 1 }] });
    const second = await t.order({ code: `ORD-P2-${tag}`, status: 'PROCESSING', items: [{ variationId: z.id, quantity: 5 }, { variationId: m.id, quantity: 4 }] });
    const items = await t.prisma.orderItem.findMany({ where: { orderId: { in: [first.id, second.id] } }, orderBy: { id: 'asc' } });
    const item = (orderId: number, variationId: number) => items.find((i) => i.orderId === orderId && i.variationId === variationId)!.id;
    // First: Z 2 from west, A 1 from east. Second: Z 3 from west + 2 from east, M 4 from east.
    await t.prisma.orderItemAllocation.createMany({
      data: [
        { tenantId: t.id, orderItemId: item(first.id, z.id), warehouseId: west.id, quantity: 2 },
        { tenantId: t.id, orderItemId: item(first.id, a.id), warehouseId: east.id, quantity: 1 },
        { tenantId: t.id, orderItemId: item(second.id, z.id), warehouseId: west.id, quantity: 3 },
        { tenantId: t.id, orderItemId: item(second.id, z.id), warehouseId: east.id, quantity: 2 },
        { tenantId: t.id, orderItemId: item(second.id, m.id), warehouseId: east.id, quantity: 4 },
      ],
    });
    const { pdf, text } = await pdfAt((await printed(t.key, [first.id, second.id], 'PICKING_LIST')).url);
    expect(pdfPages(pdf)).toBe(1);
    const lines = text.split('\n');
    const row = (sku: string, after: number) => {
      const at = lines.indexOf(sku, after);
      expect(at, sku).toBeGreaterThan(-1);
      return at;
    };
    const eastHeading = lines.indexOf(`Warehouse A-EAST-${tag} Gudang Timur`);
    const westHeading = lines.indexOf(`Warehouse B-WEST-${tag} Gudang Barat`);
    expect(eastHeading).toBeGreaterThan(-1);
    expect(westHeading).toBeGreaterThan(eastHeading);
    // East: A, M, Z (SKU order); west: Z. Each row: tick box, SKU, name, quantity, orders.
    const eastA = row(`KAOS-A-${tag}`, eastHeading);
    const eastM = row(`KAOS-M-${tag}`, eastHeading);
    const eastZ = row(`KAOS-Z-${tag}`, eastHeading);
    const westZ = row(`KAOS-Z-${tag}`, westHeading);
    expect(eastA < eastM && eastM < eastZ && eastZ < westHeading).toBe(true);
    expect(lines.slice(eastA, eastA + 4)).toEqual([`KAOS-A-${tag}`, 'Kaos', '1', `ORD-P1-${tag} x1`]);
    expect(lines.slice(eastM, eastM + 4)).toEqual([`KAOS-M-${tag}`, 'Kaos', '4', `ORD-P2-${tag} x4`]);
    expect(lines.slice(eastZ, eastZ + 4)).toEqual([`KAOS-Z-${tag}`, 'Kaos', '2', `ORD-P2-${tag} x2`]);
    expect(lines.slice(westZ, westZ + 4)).toEqual([`KAOS-Z-${tag}`, 'Kaos', '5', `ORD-P1-${tag} x2, ORD-P2-${tag} x3`]);
    expect(text).toContain('Total units: 12');
  });

  it("prints the labels of several orders' shipments on A6 pages and records them printed", async () => {
    const t = await newTenant();
    const courier = await t.courier({ name: 'ID EXPRESS' });
    const one = await towelOrder(t);
    const two = await towelOrder(t);
    const s1 = await t.shipment({ orderId: one.order.id, courierId: courier.id, serviceName: 'iDlite', trackingNumber: `AWB-1-${suffix()}`, status: 'READY_TO_SHIP' });
    const s2 = await t.shipment({ orderId: two.order.id, courierId: courier.id, serviceName: 'iDlite', trackingNumber: `AWB-2-${suffix()}`, status: 'READY_TO_SHIP' });
    const { pdf, text } = await pdfAt((await printed(t.key, [one.order.id, two.order.id], 'LABEL')).url);
    expect(pdfPages(pdf)).toBe(2);
    for (const expected of [s1.trackingNumber!, s2.trackingNumber!, `Order ${one.order.code}`, `Order ${two.order.code}`, `3 x ${one.skus.blue}`, `1 x ${two.skus.red}`]) expect(text).toContain(expected);
    for (const s of [s1, s2]) expect(await t.prisma.shipment.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ labelPrintedBy: 'key:test', labelPrintedAt: expect.any(Date) });

    const unshipped = await towelOrder(t);
    const refused = await print(t.key, [one.order.id, unshipped.order.id], 'LABEL');
    expect(refused).toEqual({ __typename: 'ValidationError', problems: [{ path: ['orders', '1'], message: `order ${unshipped.order.code} has no shipment to label` }] });
  });

  it('gives a link per order (Order.documentUrl) that opens without a key and records no print', async () => {
    const t = await newTenant();
    const { order, skus } = await towelOrder(t);
    const { order: read } = await query(t.key, OrderDocumentUrlDocument, { id: gid('Order', order.id), kind: 'INVOICE' });
    const { text } = await pdfAt(read!.documentUrl);
    expect(text).toContain(`INV-${order.code}`);
    expect(text).toContain(skus.blue);
    expect((await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).printedAt).toBeNull();
    // HEAD answers the headers only.
    const head = await get(read!.documentUrl, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/pdf');
  });

  it('answers 403 to an altered link and 410 to an expired one', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const { order } = await towelOrder(t);
    const { order: mine2 } = await towelOrder(t);
    const { order: theirs } = await towelOrder(other);
    const later = Math.floor(Date.now() / 1000) + 600;
    // A link signed as documented is the server's own.
    expect((await get(sign(t.id, 'INVOICE', [order.id], later))).status).toBe(200);

    const url = (await printed(t.key, [order.id], 'INVOICE')).url;
    const params = new URL(url, 'http://x').searchParams;
    const altered = [
      url.replace(`orders=${order.id}`, `orders=${order.id},${mine2.id}`),
      url.replace(`orders=${order.id}`, `orders=${theirs.id}`),
      url.replace(`tenant=${t.id}`, `tenant=${other.id}`),
      url.replace('/invoice.pdf', '/packing-list.pdf'),
      url.replace(`exp=${params.get('exp')}`, `exp=${Number(params.get('exp')) + 86_400}`),
      url.replace(/sig=(.)/, (_s, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`),
      // The last character's unused bits: another spelling of the same bytes is refused too.
      url.replace(/(.)$/, (c: string) => String.fromCharCode(c.charCodeAt(0) ^ 1)),
      url.replace(/&sig=.*$/, ''),
      sign(t.id, 'INVOICE', [order.id], later, 'another-secret-0123456789abcdefghij'),
      sign(other.id, 'INVOICE', [theirs.id], later, 'another-secret-0123456789abcdefghij'),
    ];
    for (const path of altered) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, 403]);
      expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('FORBIDDEN');
    }

    const expired = await get(sign(t.id, 'INVOICE', [order.id], Math.floor(Date.now() / 1000) - 1));
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('LINK_EXPIRED');
    // An expired link whose signature does not hold is told as altered.
    expect((await get(sign(t.id, 'INVOICE', [order.id], 1_000, 'another-secret-0123456789abcdefghij'))).status).toBe(403);
    expect((await get('/documents/receipt.pdf?tenant=1&orders=1&exp=1&sig=x')).status).toBe(403);
    expect((await get(url, {}, 'POST')).status).toBe(405);
  });

  it('answers 404 when the orders of a valid link are gone, and to a label link of an order without shipment', async () => {
    const t = await newTenant();
    const { order } = await towelOrder(t);
    const later = Math.floor(Date.now() / 1000) + 600;
    expect((await get(sign(t.id, 'INVOICE', [2_000_000_000], later))).status).toBe(404);
    expect((await get(sign(t.id, 'LABEL', [order.id], later))).status).toBe(404);
  });
});

describe('who may print', () => {
  it('lets the roles that print labels print documents; a read-only key gets links but cannot print', async () => {
    const t = await newTenant();
    const { order } = await towelOrder(t);
    const viewer = await t.apiKey('VIEWER');
    const refused = await execute(viewer, DocumentsPrintDocument, { input: { orders: [gid('Order', order.id)], kind: 'INVOICE' } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).printedAt).toBeNull();
    const { order: read } = await query(viewer, OrderDocumentUrlDocument, { id: gid('Order', order.id), kind: 'PACKING_LIST' });
    expect((await get(read!.documentUrl)).status).toBe(200);

    const warehouse = await t.apiKey('WAREHOUSE');
    await printed(warehouse, [order.id], 'PICKING_LIST');
    expect((await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).printedBy).toBe('key:k-WAREHOUSE');
  });

  it("refuses another tenant's order, and an order outside a channel key's channel, by position; prints nothing", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const { order } = await towelOrder(t);
    const { order: theirs } = await towelOrder(other);
    const result = await print(t.key, [order.id, theirs.id], 'INVOICE');
    expect(result).toEqual({ __typename: 'ValidationError', problems: [{ path: ['orders', '1'], message: 'no such order' }] });
    expect((await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).printedAt).toBeNull();

    const shopee = await t.apiKey('STAFF', { channel: 'shopee' });
    expect(await print(shopee, [order.id], 'INVOICE')).toEqual({ __typename: 'ValidationError', problems: [{ path: ['orders', '0'], message: 'no such order' }] });
  });

  it('takes 1 to 100 orders', async () => {
    const t = await newTenant();
    expect(await print(t.key, [], 'INVOICE')).toEqual({ __typename: 'ValidationError', problems: [{ path: ['orders'], message: 'must list 1 to 100 orders' }] });
  });

  it('can print without recording the print (markPrinted: false)', async () => {
    const t = await newTenant();
    const { order } = await towelOrder(t);
    const payload = await print(t.key, [order.id], 'INVOICE', false);
    expect(payload.__typename).toBe('DocumentsPrintPayload');
    expect((await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).printedAt).toBeNull();
  });
});
