// The order documents as one PDF (pdfkit), A4 portrait: invoices, packing lists
// and delivery notes one order per page (an order too long for one page goes on),
// a picking list over all the orders at once. Data in, PDF bytes out.
import PDFDocument from 'pdfkit';
import type { DocumentKind } from './kinds.js';
import { pickingRows, type DocumentOrder, type DocumentParty } from './document-data.js';

type Doc = PDFKit.PDFDocument;

const MARGIN = 40;

export interface RenderOptions {
  /** Deflate the page contents (default); tests read the text of uncompressed ones. */
  compress?: boolean;
  /** The moment printed on the documents (default now). */
  now?: Date;
}

export type OrderDocumentKind = Exclude<DocumentKind, 'LABEL'>;

const TITLES: Record<OrderDocumentKind, string> = {
  INVOICE: 'INVOICE',
  PACKING_LIST: 'PACKING LIST',
  PICKING_LIST: 'PICKING LIST',
  DELIVERY_NOTE: 'DELIVERY NOTE',
};

export function renderOrderDocument(kind: OrderDocumentKind, orders: readonly DocumentOrder[], options: RenderOptions = {}): Promise<Buffer> {
  const now = options.now ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    info: { Title: `${TITLES[kind]} ${orders.map((o) => o.code).join(', ')}`.slice(0, 200), Producer: 'ordergraph' },
  });
  const done = collect(doc);
  if (kind === 'PICKING_LIST') pickingList(doc, orders, now);
  else
    orders.forEach((order, i) => {
      if (i > 0) doc.addPage();
      if (kind === 'INVOICE') invoice(doc, order);
      else if (kind === 'PACKING_LIST') packingList(doc, order);
      else deliveryNote(doc, order, now);
    });
  doc.end();
  return done;
}

export function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** "1234567.50" -> "1,234,567.50". */
export function money(amount: string): string {
  const [whole = '0', cents = '00'] = amount.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  return `${sign}${whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const width = (doc: Doc) => doc.page.width - 2 * MARGIN;

function header(doc: Doc, title: string, order: DocumentOrder | null, facts: string[]) {
  doc.font('Helvetica-Bold').fontSize(18).text(title, MARGIN, MARGIN, { width: width(doc) });
  if (order?.seller) doc.font('Helvetica').fontSize(10).text(order.seller, { width: width(doc) });
  doc.moveDown(0.4);
  doc.font('Helvetica').fontSize(9);
  for (const fact of facts) doc.text(fact, { width: width(doc) });
  doc.moveDown(0.6);
}

function parties(doc: Doc, blocks: Array<[heading: string, party: DocumentParty | null]>) {
  const top = doc.y;
  const columnWidth = (width(doc) - 20) / blocks.length;
  let bottom = top;
  blocks.forEach(([heading, party], i) => {
    const x = MARGIN + i * (columnWidth + 20);
    doc.font('Helvetica-Bold').fontSize(8).text(heading, x, top, { width: columnWidth });
    if (!party) doc.font('Helvetica').fontSize(9).text('-', x, doc.y, { width: columnWidth });
    else {
      doc.font('Helvetica-Bold').fontSize(10).text(party.name, x, doc.y, { width: columnWidth });
      doc.font('Helvetica').fontSize(9);
      if (party.phone) doc.text(party.phone, x, doc.y, { width: columnWidth });
      for (const line of party.lines) doc.text(line, x, doc.y, { width: columnWidth });
    }
    bottom = Math.max(bottom, doc.y);
  });
  doc.x = MARGIN;
  doc.y = bottom + 12;
}

interface Column {
  header: string;
  /** Share of the page width. */
  share: number;
  align?: 'left' | 'right';
}

/** Text cut to fit the width, with "..." when cut. */
function fit(doc: Doc, text: string, w: number): string {
  if (doc.widthOfString(text) <= w) return text;
  // The longest start that fits with "...", by halving (a picking row may name a hundred orders).
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${text.slice(0, mid)}...`) <= w) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, Math.max(lo, 1))}...`;
}

/** The smallest type a table cell may shrink to before its text is cut. */
const MIN_CELL_SIZE = 6;

/**
 * Sets the font size at which a cell's text fits its width, down to MIN_CELL_SIZE, and
 * returns the text, cut only if it is wider even then: a SKU or an order code read off
 * a printed page must be whole.
 */
function fitCell(doc: Doc, text: string, w: number, size: number): string {
  doc.fontSize(size);
  const full = doc.widthOfString(text);
  if (full <= w) return text;
  const shrunk = Math.max(MIN_CELL_SIZE, Math.floor(((size * w) / full) * 10) / 10);
  doc.fontSize(shrunk);
  return fit(doc, text, w);
}

/** A table of one line per row; a new page repeats the header row. */
function table(doc: Doc, columns: Column[], rows: Array<{ cells: string[]; bold?: boolean } | { heading: string }>) {
  const total = columns.reduce((s, c) => s + c.share, 0);
  const widths = columns.map((c) => (c.share / total) * width(doc));
  const rowHeight = 15;
  const drawRow = (cells: string[], bold: boolean) => {
    if (doc.y + rowHeight > doc.page.height - MARGIN) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    let x = MARGIN;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    cells.forEach((cell, i) => {
      const w = widths[i]! - 6;
      doc.text(fitCell(doc, cell, w, 9), x + 3, y + 3, { width: w, align: columns[i]!.align ?? 'left', lineBreak: false });
      x += widths[i]!;
    });
    doc.y = y + rowHeight;
    doc.x = MARGIN;
  };
  const drawHeader = () => {
    drawRow(columns.map((c) => c.header), true);
    doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width(doc), doc.y).lineWidth(0.5).stroke();
  };
  drawHeader();
  for (const row of rows) {
    if ('heading' in row) {
      // A heading spans the table, with room for the first rows under it.
      if (doc.y + 3 * rowHeight > doc.page.height - MARGIN) {
        doc.addPage();
        drawHeader();
      }
      const y = doc.y + 4;
      doc.font('Helvetica-Bold').fontSize(10).text(fit(doc, row.heading, width(doc) - 6), MARGIN + 3, y + 3, { width: width(doc) - 6, lineBreak: false });
      doc.y = y + rowHeight + 2;
      doc.x = MARGIN;
    } else drawRow(row.cells, row.bold ?? false);
  }
  doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width(doc), doc.y).lineWidth(0.5).stroke();
  doc.moveDown(0.8);
}

/** A new page when fewer than `height` points are left on this one. */
function ensure(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - MARGIN) {
    doc.addPage();
    doc.x = MARGIN;
    doc.y = MARGIN;
  }
}

function invoice(doc: Doc, order: DocumentOrder) {
  header(doc, 'INVOICE', order, [
    `Invoice INV-${order.code}`,
    `Order ${order.code} · ${order.channel} · ${day(order.orderedAt)}`,
    `Payment ${order.paymentMethod ?? 'not given'} · ${order.paymentStatus}`,
  ]);
  parties(doc, [
    ['BILL TO', order.buyer],
    ['SHIP TO', order.recipient],
  ]);
  table(
    doc,
    [
      { header: 'SKU', share: 22 },
      { header: 'Item', share: 28 },
      { header: 'Qty', share: 8, align: 'right' },
      { header: 'Unit price', share: 14, align: 'right' },
      { header: 'Discount', share: 12, align: 'right' },
      { header: 'Total', share: 16, align: 'right' },
    ],
    order.lines.map((line) => ({
      cells: [line.sku, line.name, String(line.quantity), money(line.unitPrice), money(line.discountAmount), money(line.lineTotal)],
    })),
  );
  const t = order.totals;
  const rows: Array<[string, string, boolean?]> = [['Subtotal', t.subtotal]];
  const optional: Array<[string, string]> = [
    ['Item discounts', t.itemDiscountTotal],
    ['Shipping', t.shippingTotal],
    ['Discounts', t.discountTotal],
    ['Tax', t.taxTotal],
    ['COD fee', t.codFee],
    ['Insurance', t.insuranceTotal],
    ['Other costs', t.otherCostTotal],
  ];
  for (const [label, amount] of optional) if (Number(amount) !== 0) rows.push([label, amount]);
  rows.push([`Grand total (${order.currency})`, t.grandTotal, true]);
  ensure(doc, rows.length * 13 + 20);
  const labelX = MARGIN + width(doc) * 0.5;
  const labelW = width(doc) * 0.3;
  const amountW = width(doc) * 0.2 - 3;
  for (const [label, amount, bold] of rows) {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(bold ? 11 : 9);
    doc.text(label, labelX, y, { width: labelW, lineBreak: false });
    doc.text(money(amount), labelX + labelW, y, { width: amountW, align: 'right', lineBreak: false });
    doc.y = y + (bold ? 16 : 13);
  }
  doc.x = MARGIN;
  if (order.adjustments.length) {
    doc.moveDown(0.5);
    doc.font('Helvetica').fontSize(8).text(`Order costs and discounts: ${order.adjustments.map((a) => `${a.name} ${money(a.amount)}`).join('; ')}`, { width: width(doc) });
  }
  notes(doc, order);
}

function shippingFacts(order: DocumentOrder): string[] {
  return order.shipments.map((s) => `Courier ${[s.courier, s.serviceName].filter(Boolean).join(' - ') || 'not chosen'} · AWB ${s.trackingNumber ?? 'not assigned'}`);
}

function packingList(doc: Doc, order: DocumentOrder) {
  header(doc, 'PACKING LIST', order, [`Order ${order.code} · ${order.channel} · ${day(order.orderedAt)}`, ...shippingFacts(order)]);
  parties(doc, [
    ['SHIP TO', order.recipient],
    ['FROM', order.sender ?? warehouseParty(order)],
  ]);
  table(
    doc,
    [
      { header: 'Packed', share: 8 },
      { header: 'SKU', share: 20 },
      { header: 'Item', share: 44 },
      { header: 'Qty', share: 10, align: 'right' },
      { header: 'Unit', share: 8 },
      { header: 'Weight', share: 10, align: 'right' },
    ],
    order.lines.map((line) => ({
      cells: ['[  ]', line.sku, line.name, String(line.quantity), line.unit, `${((line.weightGrams * line.quantity) / 1000).toFixed(2)} kg`],
    })),
  );
  const units = order.lines.reduce((n, l) => n + l.quantity, 0);
  doc.font('Helvetica-Bold').fontSize(10).text(`Total units: ${units} · Weight ${(order.weightGrams / 1000).toFixed(2)} kg`, { width: width(doc) });
  notes(doc, order);
}

function deliveryNote(doc: Doc, order: DocumentOrder, now: Date) {
  header(doc, 'DELIVERY NOTE', order, [`Delivery note DN-${order.code}`, `Order ${order.code} · ordered ${day(order.orderedAt)} · issued ${day(now)}`, ...shippingFacts(order)]);
  parties(doc, [
    ['DELIVER TO', order.recipient],
    ['FROM', order.sender ?? warehouseParty(order)],
  ]);
  table(
    doc,
    [
      { header: 'No', share: 6 },
      { header: 'SKU', share: 22 },
      { header: 'Item', share: 50 },
      { header: 'Qty', share: 11, align: 'right' },
      { header: 'Unit', share: 11 },
    ],
    order.lines.map((line, i) => ({ cells: [String(i + 1), line.sku, line.name, String(line.quantity), line.unit] })),
  );
  const units = order.lines.reduce((n, l) => n + l.quantity, 0);
  doc.font('Helvetica-Bold').fontSize(10).text(`Total units: ${units}`, { width: width(doc) });
  notes(doc, order);
  doc.moveDown(2);
  ensure(doc, 90);
  const y = doc.y;
  const half = (width(doc) - 40) / 2;
  doc.font('Helvetica').fontSize(9);
  for (const [i, label] of ['Sent by', 'Received by'].entries()) {
    const x = MARGIN + i * (half + 40);
    doc.text(label, x, y, { width: half });
    doc.moveTo(x, y + 60).lineTo(x + half, y + 60).lineWidth(0.5).stroke();
    doc.text('Name, date, signature', x, y + 64, { width: half });
  }
  doc.x = MARGIN;
}

function pickingList(doc: Doc, orders: readonly DocumentOrder[], now: Date) {
  header(doc, 'PICKING LIST', orders[0] ?? null, [
    `Printed ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${orders.length} order(s)`,
    `Orders: ${orders.map((o) => o.code).join(', ')}`,
    'Sorted by warehouse, then SKU.',
  ]);
  const rows = pickingRows(orders);
  let warehouse: string | undefined;
  const tableRows: Array<{ cells: string[] } | { heading: string }> = [];
  for (const row of rows) {
    const name = row.warehouse ? `${row.warehouse.code} ${row.warehouse.name}` : 'No warehouse';
    if (name !== warehouse) {
      warehouse = name;
      tableRows.push({ heading: `Warehouse ${name}` });
    }
    tableRows.push({ cells: ['[  ]', row.sku, row.name, String(row.quantity), row.orders.map((o) => `${o.code} x${o.quantity}`).join(', ')] });
  }
  table(
    doc,
    [
      { header: 'Picked', share: 8 },
      { header: 'SKU', share: 18 },
      { header: 'Item', share: 20 },
      { header: 'Qty', share: 8, align: 'right' },
      // The widest column: a picker reads which orders take the units.
      { header: 'Orders', share: 46 },
    ],
    tableRows,
  );
  const units = rows.reduce((n, r) => n + r.quantity, 0);
  doc.font('Helvetica-Bold').fontSize(10).text(`Total units: ${units}`, { width: width(doc) });
}

function warehouseParty(order: DocumentOrder): DocumentParty | null {
  const warehouse = order.lines.flatMap((l) => l.picks).find((p) => p.warehouse)?.warehouse ?? order.origin;
  if (!warehouse) return order.seller ? { name: order.seller, phone: null, lines: [] } : null;
  return { name: warehouse.name, phone: null, lines: [warehouse.address].filter((l): l is string => !!l) };
}

function notes(doc: Doc, order: DocumentOrder) {
  if (!order.notes) return;
  doc.moveDown(0.5);
  doc.font('Helvetica-Oblique').fontSize(9).text(`Note: ${order.notes}`, MARGIN, doc.y, { width: width(doc) });
}
