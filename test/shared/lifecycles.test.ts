// The five real lifecycles, each declared with the generic state machine, pass
// its check; their mutations are distinct; and the courier's tracking only moves a
// shipment along transitions its lifecycle declares.
import { describe, expect, it } from 'vitest';
import type { ShipmentStatus } from '../../src/db/generated/prisma/enums.js';
import { CUSTOMER_LIFECYCLE } from '../../src/customers/customer-state-machine.js';
import { CANCELLATION_REQUEST_LIFECYCLE } from '../../src/orders/cancellation-request-lifecycle.js';
import { ORDER_LIFECYCLE, orderLifecycleOfKind } from '../../src/orders/state-machine.js';
import { ORDER_KINDS } from '../../src/orders/transitions.js';
import { PAYMENT_SUBMISSION_LIFECYCLE } from '../../src/payments/payment-submission-lifecycle.js';
import { check, mutationRoles } from '../../src/shared/state-machine.js';
import { SHIPMENT_ACTIONS, SHIPMENT_LIFECYCLE, trackedStatus } from '../../src/shipments/shipment-lifecycle.js';

describe('the real lifecycles', () => {
  it.each(ORDER_KINDS)('finds nothing wrong with the order lifecycle of %s orders', (kind) => {
    expect(check(orderLifecycleOfKind(kind))).toEqual([]);
  });

  it('finds nothing wrong with the customer activation lifecycle', () => {
    expect(check(CUSTOMER_LIFECYCLE)).toEqual([]);
  });

  it('finds nothing wrong with the shipment lifecycle', () => {
    expect(check(SHIPMENT_LIFECYCLE)).toEqual([]);
  });

  it('finds nothing wrong with the payment submission lifecycle', () => {
    expect(check(PAYMENT_SUBMISSION_LIFECYCLE)).toEqual([]);
  });

  it('finds nothing wrong with the cancellation request lifecycle', () => {
    expect(check(CANCELLATION_REQUEST_LIFECYCLE)).toEqual([]);
  });

  it('gives every lifecycle mutation to one lifecycle only', () => {
    const lifecycles = [ORDER_LIFECYCLE, CANCELLATION_REQUEST_LIFECYCLE, CUSTOMER_LIFECYCLE, SHIPMENT_LIFECYCLE, PAYMENT_SUBMISSION_LIFECYCLE];
    const each = lifecycles.map((lifecycle) => mutationRoles([lifecycle]).size);
    expect(mutationRoles(lifecycles).size).toBe(each.reduce((a, b) => a + b, 0));
    expect(each).toEqual([9, 3, 6, 5, 3]);
  });

  it("moves a shipment on a courier's tracking step only along a declared transition", () => {
    const words: Record<ShipmentStatus, string> = {
      PENDING: 'created',
      READY_TO_SHIP: 'ready',
      PICKUP_REQUESTED: 'pickup_requested',
      IN_TRANSIT: 'in_transit',
      DELIVERED: 'delivered',
      RETURNED: 'returned',
      CANCELLED: 'cancelled',
    };
    const moves: string[] = [];
    for (const from of SHIPMENT_ACTIONS.appendTracking.from) {
      for (const word of Object.values(words)) {
        const to = trackedStatus(from, [{ status: word, occurredAt: new Date(0) }]).status;
        if (to === from) continue;
        const declared = Object.values(SHIPMENT_ACTIONS).some((rule) => rule.to === to && rule.from.includes(from));
        moves.push(`${from} -> ${to}: ${declared ? 'declared' : 'NOT DECLARED'}`);
      }
    }
    expect(moves.length).toBeGreaterThan(0);
    expect(moves.filter((m) => m.endsWith('NOT DECLARED'))).toEqual([]);
  });
});
