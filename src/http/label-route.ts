// The shipping label over HTTP (seed 001 POST /fulfillment/shipping-label returns a
// PDF url): a Yoga plugin answering GET /labels/<shipment global id>.pdf, with the
// same Bearer API key as GraphQL. Another tenant's shipment is a 404, like a missing one.
// `?markPrinted=true` records the print (seed 001 mark_as_printed).
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Plugin } from 'graphql-yoga';
import { authenticateRoute } from './context.js';
import type { ApiKeyAuthenticator } from '../auth/api-keys.js';
import type { Viewer } from '../auth/viewer.js';
import { hasPermission, mutationPermission } from '../auth/permissions.js';
import type { Db } from '../db/client.js';
import { asDatabaseFault } from '../db/faults.js';
import type { EventBus } from '../events/topics.js';
import type { Context } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import { DomainError, RetryableDatabaseError } from '../shared/errors.js';
import { loadShippingLabel } from '../shipments/label-service.js';
import { LABEL_PATH } from '../shipments/graphql/label-path.js';
import { markLabelPrinted } from '../shipments/shipment-service.js';
import { renderShippingLabel } from '../shipments/shipping-label.js';

export interface LabelHttpOptions {
  authenticator: Pick<ApiKeyAuthenticator, 'authenticateHeader'>;
  /** The client of a viewer (its tenant, its key's binding): the caller's, once the key is known. */
  forViewer: (viewer: Viewer) => Db;
  events: EventBus;
  log: Logger;
}

function shipmentIdOf(segment: string): number | undefined {
  try {
    const { typename, id } = decodeGlobalID(decodeURIComponent(segment));
    return typename === 'Shipment' && /^\d{1,10}$/.test(id) && Number(id) <= 2_147_483_647 ? Number(id) : undefined;
  } catch {
    return undefined;
  }
}

export function labelHttpPlugin(options: LabelHttpOptions): Plugin<Context> {
  const { authenticator, forViewer, events, log } = options;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const match = LABEL_PATH.exec(url.pathname);
      if (!match) return;
      const segment = match[1]!;
      const json = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
            status,
            headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
          }),
        );
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return json(405, 'METHOD_NOT_ALLOWED', 'Labels are fetched with GET', { allow: 'GET, HEAD' });
      }
      try {
        return await serve();
      } catch (error) {
        // The database away, busy or slow: a 503 the client may retry, like the GraphQL endpoint's.
        const fault = asDatabaseFault(error);
        if (fault instanceof RetryableDatabaseError) {
          log.warn({ err: error, path: url.pathname, code: fault.code }, 'database fault');
          return json(503, fault.code, fault.message, { 'retry-after': String(fault.retryAfterSeconds) });
        }
        // A driver error or bug: logged in full, the client learns nothing of it.
        log.error({ err: error, path: url.pathname }, 'label request failed');
        return json(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      }

      async function serve() {
        const viewer = await authenticateRoute({ authenticator }, request);
        if ('refused' in viewer) return json(viewer.status, viewer.code, viewer.message, viewer.headers);
        // The same permissions as GraphQL: reading for the PDF, the mutation's own for recording the print.
        if (!hasPermission(viewer.role, 'read')) return json(403, 'FORBIDDEN', 'This API key may not read labels');
        const prisma = forViewer(viewer);
        const shipmentId = shipmentIdOf(segment);
        const label = shipmentId === undefined ? null : await loadShippingLabel(prisma, viewer.tenantId, shipmentId);
        if (!label || shipmentId === undefined) return json(404, 'NOT_FOUND', 'Shipment label not found');
        const mark = url.searchParams.get('markPrinted');
        if (request.method === 'GET' && (mark === 'true' || mark === '1')) {
          const needed = mutationPermission('shipmentLabelMarkPrinted');
          if (!needed || !hasPermission(viewer.role, needed)) {
            return json(403, 'FORBIDDEN', 'This API key may not record label prints (markPrinted)');
          }
          try {
            await markLabelPrinted({ prisma, events, log, tenantId: viewer.tenantId, viewer }, { shipmentId });
          } catch (error) {
            if (error instanceof DomainError && !(error instanceof RetryableDatabaseError)) return json(409, error.code, error.message);
            throw error;
          }
        }
        const pdf = await renderShippingLabel(label);
        const filename = `label-${label.orderCode.replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf`;
        return endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(pdf), {
            status: 200,
            headers: {
              'content-type': 'application/pdf',
              'content-length': String(pdf.length),
              'content-disposition': `inline; filename="${filename}"`,
              'cache-control': 'private, no-store',
            },
          }),
        );
      }
    },
  };
}
