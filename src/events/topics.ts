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
  paymentRecorded: PaymentRecorded;
  shipmentTracked: ShipmentTracked;
  stockLevelChanged: StockLevelChanged;
  webhookEndpointDisabled: WebhookEndpointDisabled;
  exportProgress: ExportProgress;
}

export type Topic = keyof Topics;

export const TOPICS: readonly Topic[] = ['apiKeyRevoked', 'orderStatusChanged', 'orderCreated', 'paymentRecorded', 'shipmentTracked', 'stockLevelChanged', 'webhookEndpointDisabled', 'exportProgress'];

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
