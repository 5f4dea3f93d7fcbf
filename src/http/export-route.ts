// Export files over HTTP: GET /exports/<tenant>/<export>/<file>?expires=...&signature=...
// answers the file of a finished export to whoever holds its signed link, without
// an API key (src/exports/export-link.ts). A link altered in any part, or past its
// expiry, is refused; a deleted file is 410 Gone.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../db/client.js';
import type { Context } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import { checkExportLink, EXPORT_PATH } from '../exports/export-link.js';
import type { ExportSettings } from '../exports/export-runner.js';
import { CONTENT_TYPES } from '../exports/export-writers.js';

export interface ExportHttpOptions {
  settings: Pick<ExportSettings, 'dir' | 'urlSecret'>;
  forTenant: (tenantId: number) => Db;
  log: Logger;
}

export function exportHttpPlugin(options: ExportHttpOptions): Plugin<Context> {
  const { settings, forTenant, log } = options;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith('/exports/')) return;
      const json = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
            status,
            headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
          }),
        );
      if (!EXPORT_PATH.test(url.pathname)) return json(404, 'NOT_FOUND', 'Export not found');
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return json(405, 'METHOD_NOT_ALLOWED', 'Exports are fetched with GET', { allow: 'GET, HEAD' });
      }
      try {
        return await serve();
      } catch (error) {
        log.error({ err: error, path: url.pathname }, 'export download failed');
        return json(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      }

      async function serve() {
        const link = checkExportLink(settings.urlSecret, url.pathname, url.searchParams, new Date());
        if (!link.ok) {
          return link.reason === 'EXPIRED'
            ? json(410, 'LINK_EXPIRED', 'This export link has expired; read the export again for a fresh one')
            : json(403, 'FORBIDDEN', 'This export link is not valid');
        }
        const { tenantId, exportId } = link.parts;
        const job = await forTenant(tenantId).export.findFirst({
          where: { id: exportId, tenantId, status: 'DONE' },
          select: { fileName: true, format: true, kind: true },
        });
        const requested = decodeURIComponent(EXPORT_PATH.exec(url.pathname)![3]!);
        if (!job?.fileName || job.fileName !== requested) return json(404, 'NOT_FOUND', 'Export not found');
        const path = join(settings.dir, String(tenantId), job.fileName);
        const info = await stat(path).catch(() => undefined);
        if (!info?.isFile()) return json(410, 'GONE', 'The export file was deleted after its retention period');
        const body = request.method === 'HEAD' ? null : (Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>);
        return endResponse(
          new fetchAPI.Response(body, {
            status: 200,
            headers: {
              'content-type': CONTENT_TYPES[job.format],
              'content-length': String(info.size),
              'content-disposition': `attachment; filename="${job.fileName}"`,
              'cache-control': 'private, no-store',
            },
          }),
        );
      }
    },
  };
}
