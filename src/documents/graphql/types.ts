// The documents' GraphQL face: the kinds, and a signed link per order.
import { builder } from '../../graphql/builder.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../kinds.js';

const DESCRIPTIONS: Record<DocumentKind, string> = {
  INVOICE: 'The invoice: buyer, lines with prices and discounts, the totals (one order per page).',
  PACKING_LIST: 'What goes into the parcel, with a tick box per line (one order per page).',
  PICKING_LIST: 'One list over all the orders: units per warehouse and SKU, sorted by warehouse, then SKU, with the orders that take them.',
  DELIVERY_NOTE: 'The delivery note (surat jalan): recipient, items and quantities, signature boxes (one order per page).',
  LABEL: "The shipping label of each of the orders' shipments (A6, one per page).",
};

export const DocumentKindEnum = builder.enumType('DocumentKind', {
  description: 'A printable document of orders.',
  values: Object.fromEntries(DOCUMENT_KINDS.map((kind) => [kind, { value: kind, description: DESCRIPTIONS[kind] }])) as Record<
    DocumentKind,
    { value: DocumentKind; description: string }
  >,
});

builder.prismaObjectField('Order', 'documentUrl', (t) =>
  t.string({
    description:
      'A signed link to this order\'s document, as a path on this API host: it opens without an API key (a browser, a label printer, a courier portal) ' +
      'until it expires (DOCUMENT_URL_TTL_SECONDS). Reading it records no print (documentsPrint does). A LABEL link of an order without a shipment answers 404.',
    args: { kind: t.arg({ type: DocumentKindEnum, required: true, description: 'Which document.' }) },
    select: { id: true },
    resolve: (order, { kind }, ctx) => ctx.documentLinks.sign({ tenantId: ctx.tenantId, kind, orderIds: [order.id] }).path,
  }),
);
