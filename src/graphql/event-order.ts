// The order an event is about, for subscription payloads of every domain
// (status changes, payments, shipments): read once per event and selection, and
// shared by every subscriber asking the same.
import { selectionKey, sharedRead } from '../events/shared-read.js';
import type { Context } from './context.js';

/** The order of an event, read once per event and selection for every subscriber. */
export function eventOrder(query: object, ctx: Context, orderId: number, eventKey: string) {
  return sharedRead(ctx.prisma, `order:${ctx.tenantId}:${orderId}:${eventKey}:${selectionKey(query)}`, () =>
    ctx.prisma.order.findUniqueOrThrow({ ...query, where: { id: orderId, tenantId: ctx.tenantId } }),
  );
}
