// Printing documents for a batch of orders: the PDF itself (for the link's GET)
// and the print run (checks the orders, records the print on them, as the label
// route's markPrinted does). No transport here: src/http serves the bytes, the
// GraphQL face signs the link.
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/client.js';
import { transaction, type TransactionDeps } from '../db/transaction.js';
import { loadShippingLabel } from '../shipments/label-service.js';
import { renderShippingLabels } from '../shipments/shipping-label.js';
import type { LabelData } from '../shipments/shipping-label.js';
import { ValidationError } from '../shared/errors.js';
import { loadDocumentOrders } from './document-data.js';
import { renderOrderDocument } from './document-pdf.js';
import { DOCUMENT_ORDER_LIMIT, kindSlug, type DocumentKind } from './kinds.js';

export interface RenderedDocument {
  pdf: Buffer;
  filename: string;
  /** Codes of the orders in it, in order. */
  orderCodes: string[];
}

function filename(kind: DocumentKind, codes: string[]): string {
  const name = codes.length === 1 ? codes[0]! : `${codes.length}-orders`;
  return `${kindSlug(kind)}-${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf`;
}

/**
 * The document of these orders, as the client sees them; null when none of the
 * orders is there (or, for labels, none has a shipment).
 */
export async function renderDocument(prisma: Db, tenantId: number, kind: DocumentKind, orderIds: readonly number[]): Promise<RenderedDocument | null> {
  if (kind === 'LABEL') {
    const orders = await prisma.order.findMany({
      where: { tenantId, id: { in: [...orderIds] } },
      select: { id: true, code: true, shipments: { where: { status: { not: 'CANCELLED' } }, orderBy: { id: 'asc' }, select: { id: true } } },
    });
    const byId = new Map(orders.map((o) => [o.id, o]));
    const labels: LabelData[] = [];
    const codes: string[] = [];
    for (const id of new Set(orderIds)) {
      const order = byId.get(id);
      if (!order) continue;
      for (const shipment of order.shipments) {
        const label = await loadShippingLabel(prisma, tenantId, shipment.id);
        if (label) labels.push(label);
      }
      if (order.shipments.length) codes.push(order.code);
    }
    if (!labels.length) return null;
    return { pdf: await renderShippingLabels(labels), filename: filename(kind, codes), orderCodes: codes };
  }
  const orders = await loadDocumentOrders(prisma, tenantId, orderIds);
  if (!orders.length) return null;
  const codes = orders.map((o) => o.code);
  return { pdf: await renderOrderDocument(kind, orders), filename: filename(kind, codes), orderCodes: codes };
}

export interface PrintDeps extends TransactionDeps {
  tenantId: number;
  viewer: Pick<Viewer, 'actor'>;
}

export interface PrintInput {
  kind: DocumentKind;
  /** Database ids, in the order the document shows them (repeats are dropped). */
  orderIds: readonly number[];
  /** Record the print on the orders (printedAt / printedBy) and, for labels, their shipments. */
  markPrinted: boolean;
}

/**
 * Checks a print run: 1 to DOCUMENT_ORDER_LIMIT orders, every one the caller's
 * (ValidationError naming the position of one that is not), with a shipment for
 * labels; then records the print. Returns the ids to sign, repeats dropped.
 */
export async function printDocuments(deps: PrintDeps, input: PrintInput): Promise<number[]> {
  const orderIds = [...new Set(input.orderIds)];
  if (orderIds.length < 1 || orderIds.length > DOCUMENT_ORDER_LIMIT) {
    throw new ValidationError([{ path: ['orders'], message: `must list 1 to ${DOCUMENT_ORDER_LIMIT} orders` }]);
  }
  const found = await deps.prisma.order.findMany({
    where: { tenantId: deps.tenantId, id: { in: orderIds } },
    select: { id: true, code: true, _count: { select: { shipments: { where: { status: { not: 'CANCELLED' } } } } } },
  });
  const byId = new Map(found.map((o) => [o.id, o]));
  const problems = input.orderIds.flatMap((id, i) => {
    const order = byId.get(id);
    if (!order) return [{ path: ['orders', String(i)], message: 'no such order' }];
    if (input.kind === 'LABEL' && order._count.shipments === 0) return [{ path: ['orders', String(i)], message: `order ${order.code} has no shipment to label` }];
    return [];
  });
  if (problems.length) throw new ValidationError(problems);
  if (input.markPrinted) {
    await transaction(deps, async ({ tx }) => {
      const now = new Date();
      const by = deps.viewer.actor;
      if (input.kind === 'LABEL') {
        await tx.shipment.updateMany({
          where: { tenantId: deps.tenantId, orderId: { in: orderIds }, status: { not: 'CANCELLED' } },
          data: { labelPrintedAt: now, labelPrintedBy: by },
        });
      }
      await tx.order.updateMany({ where: { tenantId: deps.tenantId, id: { in: orderIds } }, data: { printedAt: now, printedBy: by, version: { increment: 1 } } });
    });
  }
  return orderIds;
}
