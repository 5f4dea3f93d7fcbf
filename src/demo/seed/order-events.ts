// An order's history: one event per transition, numbered from 1, signed by who
// would have done it (staff, the warehouse, the courier, a marketplace sync).
import type { Cancellation } from './order-cancellation.js';
import type { OrderDraft } from './order-draft.js';
import type { Step } from './order-plan.js';
import { isMarketplace } from './sales-channels.js';
import type { TenantRows } from './tenant-rows.js';

function actorOf(step: Step, draft: OrderDraft, staff: string, cancellation: Cancellation): string {
  switch (step) {
    case 'create':
      return isMarketplace(draft.channel) ? `${draft.channel}-sync` : staff;
    case 'process':
    case 'pack':
    case 'return':
      return draft.origin.actor;
    case 'ship':
      return `${draft.courier.spec.code}-pickup`;
    case 'complete':
      return 'system';
    case 'cancel':
      return cancellation.by === 'system' ? 'system' : staff;
    default:
      return staff;
  }
}

/** `staff` is the person who handles the order. */
export function addOrderEvents(rows: TenantRows, draft: OrderDraft, staff: string, cancellation: Cancellation, deliveryFailed: boolean): void {
  draft.plan.transitions.forEach((t, n) => {
    rows.add('OrderEvent', {
      // A transfer ends when its destination receives it (validate), never with complete.
      orderId: draft.index, sequence: n + 1, type: t.type === 'complete' && draft.transfer ? 'validate' : t.type, fromStatus: t.from, toStatus: t.to, actor: actorOf(t.type, draft, staff, cancellation),
      reason: t.type === 'cancel' ? cancellation.reason!.toLowerCase() : t.type === 'return' ? (deliveryFailed ? 'delivery_failed' : 'customer_request') : null,
      note: t.type === 'cancel' ? cancellation.note : null, createdAt: t.at,
    });
  });
}
