import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ShipmentLabelStateDocument } from '../generated/graphql.js';
import { query } from '../support/execute.js';
import { testApp } from '../support/app.js';
import { newTenant, type TestTenant } from '../support/tenant.js';

const gid = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

async function get(path: string, key?: string, method = 'GET', headers: Record<string, string> = {}) {
  const { app } = await testApp();
  return app.yoga.fetch(`http://ordergraph.test${path}`, { method, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } });
}

/** The text pdfkit drew: its content streams are deflated, its strings hex in TJ arrays. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  // Each stream's bytes by its /Length: compressed bytes may end in "\r", which a pattern up to
  // "endstream" would take for the line break and drop (one label in a few hundred).
  for (const match of raw.matchAll(/\/Length (\d+)[^>]*>>\r?\nstream\r?\n/g)) {
    const start = match.index + match[0].length;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, start + Number(match[1]))).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[(.*?)\]\s*TJ/g)) {
      const hex = [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
      lines.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return lines.join('\n');
}

/** A shipped order with a recipient, two items and a shipment carrying AWB-778899 from Gudang Jakarta. */
async function labelled(t: TestTenant) {
  const warehouse = await t.warehouse({ code: 'GDG-JKT', name: 'Gudang Jakarta' });
  const { variations } = await t.product({ name: 'Handuk', variations: [{ sku: 'HDK-RED', price: '15000' }, { sku: 'HDK-BLUE', price: '15000' }] });
  const order = await t.order({
    code: `ORD-LBL-${Math.random().toString(36).slice(2, 8)}`,
    status: 'SHIPPED',
    items: [
      { variationId: variations[0]!.id, quantity: 1 },
      { variationId: variations[1]!.id, quantity: 3 },
    ],
  });
  await t.prisma.orderParty.create({
    data: { tenantId: t.id, orderId: order.id, role: 'RECIPIENT', name: 'Mark Smith', phone: '+628292839282', address: 'Sariwangi Parongpong', city: 'Kabupaten Tasikmalaya', province: 'Jawa Barat', postalCode: '46465' },
  });
  const courier = await t.courier({ code: 'idx', name: 'ID EXPRESS' });
  const shipment = await t.shipment({ orderId: order.id, warehouseId: warehouse.id, courierId: courier.id, serviceName: 'iDlite', trackingNumber: 'AWB-778899', status: 'IN_TRANSIT' });
  return { order, shipment, path: `/labels/${encodeURIComponent(gid('Shipment', shipment.id))}.pdf` };
}

describe('shipping label over HTTP', () => {
  it('serves a PDF with order code, sender, recipient, courier, tracking number and items', async () => {
    const t = await newTenant();
    const { order, shipment, path } = await labelled(t);
    const state = (await query(t.key, ShipmentLabelStateDocument, { id: gid('Shipment', shipment.id) })).shipment!;
    expect(state.labelUrl).toBe(path);

    const response = await get(path, t.key);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain(`label-${order.code}.pdf`);
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
    const text = pdfText(pdf);
    for (const expected of ['AWB-778899', order.code, 'Gudang Jakarta', 'Mark Smith', 'Kabupaten Tasikmalaya', 'ID EXPRESS - iDlite', '1 x HDK-RED', '3 x HDK-BLUE']) {
      expect(text).toContain(expected);
    }
    // Fetching is not printing.
    expect(state.labelPrintedAt).toBeNull();
    expect((await t.prisma.shipment.findUniqueOrThrow({ where: { id: shipment.id } })).labelPrintedAt).toBeNull();
  });

  it('applies the X-Tenant-Id rule of the GraphQL endpoint: another tenant named is 403, its own is served', async () => {
    const t = await newTenant();
    const { path } = await labelled(t);
    const wrong = await get(path, t.key, 'GET', { 'x-tenant-id': String(t.id + 100_000) });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('FORBIDDEN');
    const right = await get(path, t.key, 'GET', { 'x-tenant-id': String(t.id) });
    expect(right.status).toBe(200);
    expect(right.headers.get('content-type')).toBe('application/pdf');
  });

  it('records the print state with ?markPrinted=true (seed 001 mark_as_printed)', async () => {
    const t = await newTenant();
    const { shipment, path } = await labelled(t);
    const response = await get(`${path}?markPrinted=true`, t.key);
    expect(response.status).toBe(200);
    const state = (await query(t.key, ShipmentLabelStateDocument, { id: gid('Shipment', shipment.id) })).shipment!;
    expect(state.labelPrintedBy).toBe('key:test');
    expect(state.order).toMatchObject({ printedBy: 'key:test', printedAt: state.labelPrintedAt });
  });

  it.each([
    ['no key', undefined],
    ['a wrong key', 'og_thisKeyDoesNotExist0000000000000'],
  ])('answers 401 with %s', async (_name, key) => {
    const t = await newTenant();
    const { path } = await labelled(t);
    const response = await get(path, key);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it("answers 404 for another tenant's shipment, an unknown one and a non-shipment id, and marks nothing", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const { shipment, path } = await labelled(other);
    for (const p of [path, `${path}?markPrinted=true`, `/labels/${encodeURIComponent(gid('Shipment', 2_000_000_000))}.pdf`, `/labels/${encodeURIComponent(gid('Order', 1))}.pdf`, '/labels/garbage.pdf']) {
      const response = await get(p, t.key);
      expect([p, response.status]).toEqual([p, 404]);
    }
    expect((await other.prisma.shipment.findUniqueOrThrow({ where: { id: shipment.id } })).labelPrintedAt).toBeNull();
  });

  it('answers 405 to other methods and leaves other paths to GraphQL', async () => {
    const t = await newTenant();
    const { path } = await labelled(t);
    expect((await get(path, t.key, 'POST')).status).toBe(405);
    const head = await get(path, t.key, 'HEAD');
    expect(head.status).toBe(200);
    expect((await get('/healthz')).status).toBe(200);
  });
});

describe('shipping label permissions', () => {
  it('lets a read-only key download the label but not record the print', async () => {
    const t = await newTenant();
    const { shipment, path } = await labelled(t);
    const viewerKey = await t.apiKey('VIEWER');
    expect((await get(path, viewerKey)).status).toBe(200);
    const marked = await get(`${path}?markPrinted=true`, viewerKey);
    expect(marked.status).toBe(403);
    expect((await t.prisma.shipment.findUniqueOrThrow({ where: { id: shipment.id } })).labelPrintedAt).toBeNull();
    const warehouseKey = await t.apiKey('WAREHOUSE');
    expect((await get(`${path}?markPrinted=true`, warehouseKey)).status).toBe(200);
    expect((await t.prisma.shipment.findUniqueOrThrow({ where: { id: shipment.id } })).labelPrintedBy).toBe('key:k-WAREHOUSE');
  });
});
