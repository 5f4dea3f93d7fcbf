// The printable documents of an order, and how each is named in a URL.
export const DOCUMENT_KINDS = ['INVOICE', 'PACKING_LIST', 'PICKING_LIST', 'DELIVERY_NOTE', 'LABEL'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** "PACKING_LIST" <-> "packing-list" (the path segment of a signed link). */
export function kindSlug(kind: DocumentKind): string {
  return kind.toLowerCase().replace(/_/g, '-');
}

export function kindOfSlug(slug: string): DocumentKind | undefined {
  return DOCUMENT_KINDS.find((kind) => kindSlug(kind) === slug);
}

/** Most orders one document (and one signed link) may hold. */
export const DOCUMENT_ORDER_LIMIT = 100;
