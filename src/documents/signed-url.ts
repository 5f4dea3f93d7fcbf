// Signed, expiring links to documents: GET /documents/<kind>.pdf?tenant=..&orders=..&exp=..&sig=..
// opens without an Authorization header (a browser tab, a label printer, a courier
// portal). The signature is HMAC-SHA256 with the server's DOCUMENT_URL_SECRET over
//   "ordergraph-document-v1\n<tenant id>\n<KIND>\n<order ids, comma-separated, as given>\n<exp, unix seconds>"
// written base64url. Whoever holds a link reads those orders' document until exp;
// the key that asked for it may be revoked meanwhile (the links are short-lived).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DOCUMENT_ORDER_LIMIT, kindOfSlug, kindSlug, type DocumentKind } from './kinds.js';

export interface DocumentLinkTarget {
  tenantId: number;
  kind: DocumentKind;
  /** Database ids of the orders, in the order the document shows them. */
  orderIds: readonly number[];
}

export interface SignedDocumentLink {
  /** Path and query on this API host. */
  path: string;
  expiresAt: Date;
}

export type VerifiedLink = { ok: true; target: DocumentLinkTarget } | { ok: false; reason: 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED' };

export const DOCUMENT_PATH = /^\/documents\/([a-z-]+)\.pdf$/;

function signature(secret: string, target: DocumentLinkTarget, exp: number): Buffer {
  const message = ['ordergraph-document-v1', String(target.tenantId), target.kind, target.orderIds.join(','), String(exp)].join('\n');
  return createHmac('sha256', secret).update(message).digest();
}

export class DocumentLinks {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  sign(target: DocumentLinkTarget, ttlSeconds = this.ttlSeconds): SignedDocumentLink {
    const exp = Math.floor(this.now() / 1000) + ttlSeconds;
    const query = new URLSearchParams({
      tenant: String(target.tenantId),
      orders: target.orderIds.join(','),
      exp: String(exp),
      sig: signature(this.secret, target, exp).toString('base64url'),
    });
    return { path: `/documents/${kindSlug(target.kind)}.pdf?${query.toString()}`, expiresAt: new Date(exp * 1000) };
  }

  /** The target of a link, when its signature holds and it has not expired. A bad signature is told before an expiry. */
  verify(kindSegment: string, params: URLSearchParams): VerifiedLink {
    const kind = kindOfSlug(kindSegment);
    const tenant = params.get('tenant') ?? '';
    const orders = params.get('orders') ?? '';
    const exp = params.get('exp') ?? '';
    const sig = params.get('sig') ?? '';
    if (!kind || !/^\d{1,10}$/.test(tenant) || !/^\d{1,10}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return { ok: false, reason: 'MALFORMED' };
    if (!/^\d{1,10}(,\d{1,10}){0,999}$/.test(orders)) return { ok: false, reason: 'MALFORMED' };
    const orderIds = orders.split(',').map(Number);
    if (orderIds.length > DOCUMENT_ORDER_LIMIT || orderIds.some((id) => id > 2_147_483_647) || Number(tenant) > 2_147_483_647) {
      return { ok: false, reason: 'MALFORMED' };
    }
    const target: DocumentLinkTarget = { tenantId: Number(tenant), kind, orderIds };
    // Compared as written: base64url's last character carries unused bits, so decoding would let several spellings pass.
    const expected = Buffer.from(signature(this.secret, target, Number(exp)).toString('base64url'));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'BAD_SIGNATURE' };
    if (Number(exp) * 1000 <= this.now()) return { ok: false, reason: 'EXPIRED' };
    return { ok: true, target };
  }
}
