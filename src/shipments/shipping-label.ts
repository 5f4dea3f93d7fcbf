// The shipping label as a PDF (pdfkit): what a courier and a packer need on one
// A6 page. Pure apart from pdfkit: data in, PDF bytes out.
import PDFDocument from 'pdfkit';
import { code128Widths } from './code128.js';

export interface LabelAddress {
  name: string;
  phone?: string | null;
  lines: string[];
}

export interface LabelData {
  orderCode: string;
  orderedAt: Date;
  channel: string;
  courier: string | null;
  serviceName: string | null;
  trackingNumber: string | null;
  sender: LabelAddress;
  recipient: LabelAddress;
  items: Array<{ sku: string; name: string; quantity: number }>;
  weightGrams: number;
  /** Amount the courier collects, for cash-on-delivery orders. */
  codAmount?: string | null;
  currency: string;
  note?: string | null;
}

const MARGIN = 14;

export function renderShippingLabel(label: LabelData): Promise<Buffer> {
  return renderShippingLabels([label]);
}

/** Several labels in one PDF, one A6 page each (a batch for the label printer). */
export function renderShippingLabels(labels: readonly LabelData[], options: { compress?: boolean } = {}): Promise<Buffer> {
  const first = labels[0];
  const doc = new PDFDocument({
    size: 'A6',
    margin: MARGIN,
    compress: options.compress ?? true,
    info: {
      Title: `Shipping label ${labels.map((l) => l.orderCode).join(', ')}`.slice(0, 200),
      Subject: labels.length === 1 && first ? (first.trackingNumber ?? first.orderCode) : `${labels.length} labels`,
      Producer: 'ordergraph',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  labels.forEach((label, i) => {
    if (i > 0) doc.addPage();
    drawLabel(doc, label);
  });
  doc.end();
  return done;
}

function drawLabel(doc: PDFKit.PDFDocument, label: LabelData) {
  const width = doc.page.width - 2 * MARGIN;

  doc.font('Helvetica-Bold').fontSize(13).text([label.courier, label.serviceName].filter(Boolean).join(' - ') || 'No courier yet', MARGIN, MARGIN, { width });
  doc.font('Helvetica').fontSize(8).text(`Order ${label.orderCode} · ${label.channel} · ${label.orderedAt.toISOString().slice(0, 10)}`, { width });
  doc.moveDown(0.4);
  doc.font('Helvetica').fontSize(7).text('TRACKING / AWB', { width });
  doc.font('Helvetica-Bold').fontSize(16).text(label.trackingNumber ?? 'not assigned', { width });
  if (label.trackingNumber) barcode(doc, label.trackingNumber, width);
  rule(doc, width);

  address(doc, 'TO', label.recipient, width, 10);
  rule(doc, width);
  address(doc, 'FROM', label.sender, width, 8);
  rule(doc, width);

  const facts = [`Weight ${(label.weightGrams / 1000).toFixed(2)} kg`];
  if (label.codAmount) facts.push(`COD ${label.currency} ${label.codAmount}`);
  doc.font('Helvetica-Bold').fontSize(9).text(facts.join('   '), { width });
  doc.moveDown(0.3);
  doc.font('Helvetica-Bold').fontSize(7).text('ITEMS', { width });
  doc.font('Helvetica').fontSize(7);
  for (const item of label.items) doc.text(`${item.quantity} x ${item.sku}  ${item.name}`, { width });
  if (label.note) {
    doc.moveDown(0.3);
    doc.font('Helvetica-Oblique').fontSize(7).text(`Note: ${label.note}`, { width });
  }
}

function address(doc: PDFKit.PDFDocument, heading: string, party: LabelAddress, width: number, size: number) {
  doc.font('Helvetica-Bold').fontSize(7).text(heading, { width });
  doc.font('Helvetica-Bold').fontSize(size).text([party.name, party.phone].filter(Boolean).join('  '), { width });
  doc.font('Helvetica').fontSize(size - 1);
  for (const line of party.lines) doc.text(line, { width });
}

// Quiet zone of 10 modules each side; modules between 0.6 and 1.6 points wide.
function barcode(doc: PDFKit.PDFDocument, text: string, width: number) {
  const widths = code128Widths(text);
  if (!widths) return;
  const modules = widths.reduce((a, b) => a + b, 0) + 20;
  const module = Math.min(1.6, width / modules);
  if (module < 0.6) return;
  const height = 34;
  let x = MARGIN + (width - modules * module) / 2 + 10 * module;
  const y = doc.y + 2;
  widths.forEach((w, i) => {
    if (i % 2 === 0) doc.rect(x, y, w * module, height).fill('black');
    x += w * module;
  });
  doc.y = y + height + 4;
  doc.x = MARGIN;
}

function rule(doc: PDFKit.PDFDocument, width: number) {
  doc.moveDown(0.3);
  const y = doc.y;
  doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).lineWidth(0.5).stroke();
  doc.moveDown(0.4);
}
