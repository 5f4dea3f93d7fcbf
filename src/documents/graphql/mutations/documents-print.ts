// documentsPrint: one PDF for a batch of orders (seed 002 is_print, seed 001
// mark_as_printed), as a signed link any printer can fetch.
import { builder } from '../../../graphql/builder.js';
import { decodeIdArg } from '../../../shared/global-ids.js';
import { printDocuments } from '../../document-service.js';
import { DOCUMENT_ORDER_LIMIT } from '../../kinds.js';
import { DocumentKindEnum } from '../types.js';

const DocumentsPrintInput = builder.inputType('DocumentsPrintInput', {
  description: 'The orders and the document to print for them.',
  fields: (t) => ({
    orders: t.globalIDList({ required: true, description: `Global ids of the orders, in the order the document shows them (1 to ${DOCUMENT_ORDER_LIMIT}).` }),
    kind: t.field({ type: DocumentKindEnum, required: true, description: 'Which document.' }),
    markPrinted: t.boolean({
      required: false,
      defaultValue: true,
      description: 'Record the print on the orders (printedAt / printedBy) and, for LABEL, on their shipments (labelPrintedAt / labelPrintedBy). Default true.',
    }),
  }),
});

interface Printed {
  orderIds: number[];
  url: string;
  expiresAt: Date;
}

const DocumentsPrintPayload = builder.objectRef<Printed>('DocumentsPrintPayload').implement({
  description: 'A signed link to the one PDF holding the document of every order.',
  fields: (t) => ({
    url: t.string({
      resolve: (p) => p.url,
      description: 'Path of the PDF on this API host, signed: GET it without an API key until expiresAt (403 when altered, 410 once expired).',
    }),
    expiresAt: t.field({ type: 'DateTime', resolve: (p) => p.expiresAt, description: 'When the link stops working.' }),
    orders: t.prismaField({
      type: ['Order'],
      description: 'The orders in the document, in its order (with their print state).',
      resolve: async (query, p, _args, ctx) => {
        const rows = await ctx.prisma.order.findMany({ ...query, where: { id: { in: p.orderIds } } });
        const byId = new Map(rows.map((r) => [r.id, r]));
        return p.orderIds.flatMap((id) => byId.get(id) ?? []);
      },
    }),
  }),
});

builder.mutationField('documentsPrint', (t) =>
  t.field({
    type: DocumentsPrintPayload,
    description:
      `Prints a document (invoice, packing list, picking list, delivery note or shipping labels) for up to ${DOCUMENT_ORDER_LIMIT} orders as one PDF, ` +
      'records the print on them, and answers a signed, expiring link to it. Every order must be the caller\'s (a problem names the position of one that is not); LABEL needs a shipment per order.',
    errors: { types: [] },
    args: { input: t.arg({ type: DocumentsPrintInput, required: true, description: 'The orders and the document.' }) },
    resolve: async (_root, { input }, ctx) => {
      const orderIds = await printDocuments(ctx, {
        kind: input.kind,
        orderIds: input.orders.map((id) => decodeIdArg(id, 'Order')),
        markPrinted: input.markPrinted ?? true,
      });
      const link = ctx.documentLinks.sign({ tenantId: ctx.tenantId, kind: input.kind, orderIds });
      return { orderIds, url: link.path, expiresAt: link.expiresAt };
    },
  }),
);
