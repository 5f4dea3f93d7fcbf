// Expected failures of shipment writes.
import { DomainError } from '../shared/errors.js';

/** Shipments are made for orders being prepared or sent: PROCESSING, PACKED or SHIPPED. */
export class OrderNotShippableError extends DomainError {
  readonly code = 'ORDER_NOT_SHIPPABLE';
  constructor(
    readonly orderId: number,
    readonly status: string,
    readonly allowed: readonly string[],
  ) {
    super(`Order ${orderId} is ${status}; shipments are created for orders that are ${allowed.join(', ')}`);
  }
}

/** The shipment's status does not allow the action (e.g. cancelling a pickup that was never requested). */
export class InvalidShipmentStateError extends DomainError {
  readonly code = 'INVALID_SHIPMENT_STATE';
  constructor(
    readonly shipmentId: number,
    readonly action: string,
    readonly status: string,
    readonly allowed: readonly string[],
  ) {
    super(`Shipment ${shipmentId} is ${status}; ${action} needs one of ${allowed.join(', ')}`);
  }
}
