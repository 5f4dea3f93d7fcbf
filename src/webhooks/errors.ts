// Expected failures of webhook management.
import { DomainError } from '../shared/errors.js';

/** Only a delivery that was given up (FAILED) or delivered can be sent again; a pending one is still being tried. */
export class WebhookDeliveryPendingError extends DomainError {
  readonly code = 'WEBHOOK_DELIVERY_PENDING';
  constructor(readonly deliveryId: number) {
    super(`Delivery ${deliveryId} is still being tried; it can be sent again once it was delivered or given up`);
  }
}
