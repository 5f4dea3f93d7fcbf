// Documents over HTTP by signed link: GET /documents/<kind>.pdf?tenant=..&orders=..&exp=..&sig=..
// (documentsPrint, Order.documentUrl). No Authorization header: the signature is the
// permission. A link whose signature does not hold is 403, one past its expiry 410;
// orders gone since signing are left out (404 when none is left).
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../db/client.js';
import type { Context } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import { renderDocument } from '../documents/document-service.js';
import { DOCUMENT_PATH, type DocumentLinks } from '../documents/signed-url.js';

export interface DocumentsHttpOptions {
  links: DocumentLinks;
  /** The tenant's client (row-level security), for the tenant the link names. */
  forTenant: (tenantId: number) => Db;
  log: Logger;
}

export function documentsHttpPlugin(options: DocumentsHttpOptions): Plugin<Context> {
  const { links, forTenant, log } = options;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const match = DOCUMENT_PATH.exec(url.pathname);
      if (!match && !url.pathname.startsWith('/documents/')) return;
      const json = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
            status,
            headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
          }),
        );
      if (!match) return json(404, 'NOT_FOUND', 'No such document');
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return json(405, 'METHOD_NOT_ALLOWED', 'Documents are fetched with GET', { allow: 'GET, HEAD' });
      }
      const verified = links.verify(match[1]!, url.searchParams);
      if (!verified.ok) {
        if (verified.reason === 'EXPIRED') return json(410, 'LINK_EXPIRED', 'This document link has expired; ask for a new one');
        return json(403, 'FORBIDDEN', 'This document link is not valid');
      }
      const { tenantId, kind, orderIds } = verified.target;
      try {
        const document = await renderDocument(forTenant(tenantId), tenantId, kind, orderIds);
        if (!document) return json(404, 'NOT_FOUND', 'The orders of this link are gone');
        return endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(document.pdf), {
            status: 200,
            headers: {
              'content-type': 'application/pdf',
              'content-length': String(document.pdf.length),
              'content-disposition': `inline; filename="${document.filename}"`,
              'cache-control': 'private, no-store',
              // The link is the credential: keep it out of Referer headers of anything the viewer opens next.
              'referrer-policy': 'no-referrer',
            },
          }),
        );
      } catch (error) {
        log.error({ err: error, path: url.pathname, kind }, 'document request failed');
        return json(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      }
    },
  };
}
