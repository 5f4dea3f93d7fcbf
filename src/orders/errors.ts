// Expected failures of order writes (create, edit, transitions). One code each;
// the GraphQL object types live beside the mutations that return them.
import { DomainError } from '../shared/errors.js';

// --- order create / edit (helper ordercreate) -------------------------------
// GraphQL types of these (and OrderNotDraftError below): src/orders/order-create-error-types.ts.

/** An order already exists for this channel and external reference (marketplace order id). */
export class DuplicateOrderError extends DomainError {
  readonly code = 'DUPLICATE_ORDER';
  constructor(
    readonly channel: string,
    readonly externalRef: string,
    readonly existingOrderId: number,
  ) {
    super(`An order for ${channel} reference "${externalRef.slice(0, 80)}" already exists`);
  }
}

/** The idempotency key was used before with a different input. */
export class IdempotencyConflictError extends DomainError {
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor(
    readonly idempotencyKey: string,
    readonly existingOrderId: number,
  ) {
    super(`Idempotency key "${idempotencyKey.slice(0, 80)}" was used with a different input`);
  }
}

/**
 * The idempotency key argument names a key of the tenant that a request key (the
 * Idempotency-Key header or extensions.idempotencyKey) used for another request: no
 * order has it. Answered as an IDEMPOTENCY_CONFLICT error, not a typed result.
 */
export class IdempotencyKeyTakenError extends DomainError {
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency key "${idempotencyKey.slice(0, 80)}" was used with a different request; nothing was written. Use a new key for a new order.`);
  }
}

/** A call with the same idempotency key and input is still running after the wait: retry it. */
export class IdempotencyKeyBusyError extends DomainError {
  readonly code = 'IDEMPOTENCY_IN_PROGRESS';
  constructor(readonly idempotencyKey: string) {
    super(`An order with idempotency key "${idempotencyKey.slice(0, 80)}" is still being created; retry in a moment to get it.`);
  }
}

/** The order's status no longer allows editing its lines, parties or costs. */
export class OrderNotEditableError extends DomainError {
  readonly code = 'ORDER_NOT_EDITABLE';
  constructor(
    readonly orderId: number,
    readonly status: string,
  ) {
    super(`Order ${orderId} cannot be edited in status ${status}`);
  }
}

/** The client's expectedVersion is not the order's current version (someone else wrote first). */
export class VersionConflictError extends DomainError {
  readonly code = 'VERSION_CONFLICT';
  constructor(
    readonly orderId: number,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`Order ${orderId} is at version ${actualVersion}, not ${expectedVersion}`);
  }
}

/** orderPlace on an order that is not a draft. */
export class OrderNotDraftError extends DomainError {
  readonly code = 'ORDER_NOT_DRAFT';
  constructor(readonly orderId: number) {
    super(`Order ${orderId} is not a draft`);
  }
}

// --- transitions (helper transitions) ----------------------------------------
// GraphQL types: src/orders/transition-error-types.ts.

/** The transition does not leave from the order's status, or does not apply to its kind. */
export class InvalidTransitionError extends DomainError {
  readonly code = 'INVALID_TRANSITION';
  constructor(
    readonly orderId: number,
    readonly transition: string,
    readonly from: string,
    readonly kind: string,
    /** Statuses the transition leaves from; empty when it does not apply to the order's kind. */
    readonly allowed: readonly string[],
  ) {
    super(
      allowed.length
        ? `Cannot ${transition} order ${orderId}: it is ${from}, and ${transition} leaves only from ${allowed.join(', ')}`
        : `Cannot ${transition} order ${orderId}: ${transition} does not apply to ${kind} orders`,
    );
  }
}

/** A draft can only be placed (orderPlace) or cancelled. */
export class OrderIsDraftError extends DomainError {
  readonly code = 'ORDER_IS_DRAFT';
  constructor(
    readonly orderId: number,
    readonly transition: string,
  ) {
    super(`Order ${orderId} is a draft: place it before ${transition}`);
  }
}

/**
 * The order has an open cancellation request: a second request, or a transition
 * that would take the order past cancelling (pack, ship), waits for its decision or deadline.
 */
export class CancellationRequestOpenError extends DomainError {
  readonly code = 'CANCELLATION_REQUEST_OPEN';
  constructor(
    readonly orderId: number,
    readonly requestId: number,
    /** The order transition refused; null for a second request. */
    readonly transition: string | null = null,
  ) {
    super(
      transition
        ? `Cannot ${transition} order ${orderId}: cancellation request ${requestId} is open; approve or reject it first`
        : `Order ${orderId} already has an open cancellation request`,
    );
  }
}

/** Approve or reject without an open request. */
export class NoOpenCancellationRequestError extends DomainError {
  readonly code = 'NO_OPEN_CANCELLATION_REQUEST';
  constructor(readonly orderId: number) {
    super(`Order ${orderId} has no open cancellation request`);
  }
}

// --- returns -----------------------------------------------------------------

/** A return asks for more units of a line than shipped and have not come back yet. */
export class ReturnExceedsShippedError extends DomainError {
  readonly code = 'RETURN_EXCEEDS_SHIPPED';
  constructor(
    readonly orderId: number,
    readonly itemId: number,
    readonly sku: string,
    readonly shipped: number,
    readonly returned: number,
    readonly requested: number,
  ) {
    super(`Line ${sku} of order ${orderId}: ${shipped} shipped, ${returned} already returned, ${requested} asked for; at most ${Math.max(shipped - returned, 0)} may come back`);
  }
}
