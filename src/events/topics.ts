// What goes over the pub/sub: ids and the change, never whole objects (the
// subscription field re-reads what its client selected). Every payload names its
// tenant, and subscribers filter on it.

export interface OrderStatusChanged {
  tenantId: number;
  orderId: number;
  /** OrderEvent row id and its per-order sequence number. */
  eventId: number;
  sequence: number;
  transition: string;
  from: string | null;
  to: string;
  at: string;
}

export interface OrderCreated {
  tenantId: number;
  orderId: number;
  status: string;
  at: string;
}

export interface PaymentRecorded {
  tenantId: number;
  orderId: number;
  paymentId: number;
  kind: 'PAYMENT' | 'REFUND';
  at: string;
}

export interface ShipmentTracked {
  tenantId: number;
  orderId: number;
  shipmentId: number;
  status: string;
  at: string;
}

export interface StockLevelChanged {
  tenantId: number;
  variationId: number;
  warehouseId: number;
  onHand: number;
  reserved: number;
  /** Units in transit towards the warehouse; absent from publishers that do not know it (0). */
  inTransit?: number;
  at: string;
}

/** One side of a change: what a field or line was, and what it is now. */
export interface Change<T> {
  from: T;
  to: T;
}

/** An order was edited (orderEdit): what changed, fields and lines, never the whole order. */
export interface OrderEdited {
  tenantId: number;
  orderId: number;
  /** The order's version after the edit. */
  version: number;
  /** Scalar fields that changed (totals as decimal strings, notes, warehouses as ids). */
  fields: Record<string, Change<string | number | null>>;
  lines: {
    added: Array<{ itemId: number; sku: string; quantity: number; unitPrice: string; lineTotal: string }>;
    changed: Array<{ itemId: number; sku: string } & Partial<Record<'quantity' | 'unitPrice' | 'discountAmount' | 'lineTotal', Change<string | number>>>>;
    removed: Array<{ itemId: number; sku: string; quantity: number }>;
  };
  /** Party roles set or removed by the edit (BUYER, RECIPIENT, DROPSHIPPER). */
  parties: { set: string[]; removed: string[] };
  /** The order's adjustments (costs and order discounts) were replaced. */
  adjustmentsReplaced: boolean;
  actor: string;
  at: string;
}

/** A shipment (package) was created for an order: at the ship transition or added afterwards. */
export interface ShipmentCreated {
  tenantId: number;
  orderId: number;
  shipmentId: number;
  warehouseId: number | null;
  status: string;
  at: string;
}

/** A return was recorded for an order: its lines and the refund given with it, if any. */
export interface ReturnRecorded {
  tenantId: number;
  orderId: number;
  returnId: number;
  /** Value of the returned units, decimal string. */
  value: string;
  lines: Array<{ itemId: number; quantity: number; restock: boolean; warehouseId: number | null; value: string }>;
  /** The refund payment recorded with the return; null when none was. */
  refund: { paymentId: number; amount: string } | null;
  actor: string;
  at: string;
}

/** A buyer or channel asked to cancel an order. */
export interface CancellationRequested {
  tenantId: number;
  orderId: number;
  requestId: number;
  requestedBy: string;
  reason: string;
  note: string | null;
  deadlineAt: string;
  actor: string;
  at: string;
}

/** A cancellation request was decided: approved (the order is cancelled), rejected, or expired at its deadline (granted). */
export interface CancellationDecided {
  tenantId: number;
  orderId: number;
  requestId: number;
  decision: 'APPROVED' | 'REJECTED' | 'EXPIRED';
  /** Who decided: a user or key, or system:deadline for an expiry. */
  decidedBy: string;
  /** The request's reason, and the decision's note when one was given. */
  reason: string;
  note: string | null;
  at: string;
}

/** A key was revoked: every instance forgets it at once (its cache would keep it for API_KEY_CACHE_MS). */
export interface ApiKeyRevoked {
  tenantId: number;
  apiKeyId: number;
  at: string;
}

/** A webhook endpoint was switched off after too many failures in a row. */
export interface WebhookEndpointDisabled {
  tenantId: number;
  endpointId: number;
  url: string;
  consecutiveFailures: number;
  at: string;
}

/** An export job moved: rows written so far of the rows to write, or it finished. */
export interface ExportProgress {
  tenantId: number;
  exportId: number;
  status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  rowsDone: number;
  rowsTotal: number | null;
  at: string;
}

/** Topic name -> payload. One topic per kind of change; tenants share topics and filter. */
export interface Topics {
  apiKeyRevoked: ApiKeyRevoked;
  orderStatusChanged: OrderStatusChanged;
  orderCreated: OrderCreated;
  orderEdited: OrderEdited;
  paymentRecorded: PaymentRecorded;
  shipmentTracked: ShipmentTracked;
  shipmentCreated: ShipmentCreated;
  returnRecorded: ReturnRecorded;
  cancellationRequested: CancellationRequested;
  cancellationDecided: CancellationDecided;
  stockLevelChanged: StockLevelChanged;
  webhookEndpointDisabled: WebhookEndpointDisabled;
  exportProgress: ExportProgress;
}

export type Topic = keyof Topics;

export const TOPICS: readonly Topic[] = [
  'apiKeyRevoked',
  'orderStatusChanged',
  'orderCreated',
  'orderEdited',
  'paymentRecorded',
  'shipmentTracked',
  'shipmentCreated',
  'returnRecorded',
  'cancellationRequested',
  'cancellationDecided',
  'stockLevelChanged',
  'webhookEndpointDisabled',
  'exportProgress',
];

/**
 * Publishes and delivers events: in-memory (src/events/memory-bus.ts) or through
 * Redis between instances (src/events/redis-bus.ts). Publishing never throws.
 */
export interface EventBus {
  publish<T extends Topic>(topic: T, payload: Topics[T]): void;
  /**
   * Events of one topic for one tenant; every tenant when tenantId is left out
   * (tests and internal watchers, never a client). `return()` unsubscribes.
   */
  subscribe<T extends Topic>(topic: T, tenantId?: number): AsyncIterableIterator<Topics[T]>;
  /** Subscriptions attached on this instance, of one tenant when given (tests wait on it; the benchmark reports it). */
  subscriberCount?(tenantId?: number): number;
  /** Resolves once events can flow (Redis connected and subscribed); at once in memory. */
  ready?(): Promise<void>;
  /** Ends every subscription and releases connections. */
  close?(): Promise<void>;
}
