// The signed download link of a finished export: anyone holding it may fetch the
// file until it expires, without an API key (like Shopify's bulk operation URL).
// The signature is an HMAC-SHA256 over tenant, export id and expiry with the
// server's EXPORT_URL_SECRET, so a link cannot be altered to reach another export,
// another tenant's, or to live longer.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const EXPORT_PATH = /^\/exports\/(\d{1,10})\/(\d{1,10})\/([A-Za-z0-9._-]{1,100})$/;

export interface ExportLinkParts {
  tenantId: number;
  exportId: number;
  /** Unix seconds. */
  expires: number;
}

function sign(secret: string, { tenantId, exportId, expires }: ExportLinkParts): string {
  return createHmac('sha256', secret).update(`export:${tenantId}:${exportId}:${expires}`).digest('base64url');
}

/** The path and query of the link (the API's origin goes before it). */
export function exportLink(secret: string, parts: ExportLinkParts, fileName: string): string {
  return `/exports/${parts.tenantId}/${parts.exportId}/${encodeURIComponent(fileName)}?expires=${parts.expires}&signature=${sign(secret, parts)}`;
}

export type LinkCheck = { ok: true; parts: ExportLinkParts } | { ok: false; reason: 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED' };

export function checkExportLink(secret: string, pathname: string, search: URLSearchParams, now: Date): LinkCheck {
  const match = EXPORT_PATH.exec(pathname);
  const expires = search.get('expires');
  const signature = search.get('signature');
  if (!match || !expires || !/^\d{1,12}$/.test(expires) || !signature) return { ok: false, reason: 'MALFORMED' };
  const parts = { tenantId: Number(match[1]), exportId: Number(match[2]), expires: Number(expires) };
  const expected = Buffer.from(sign(secret, parts));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'BAD_SIGNATURE' };
  if (parts.expires * 1000 <= now.getTime()) return { ok: false, reason: 'EXPIRED' };
  return { ok: true, parts };
}
