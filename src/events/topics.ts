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
  at: string;
}

/** Topic name -> payload. One topic per kind of change; tenants share topics and filter. */
export interface Topics {
  orderStatusChanged: OrderStatusChanged;
  orderCreated: OrderCreated;
  paymentRecorded: PaymentRecorded;
  shipmentTracked: ShipmentTracked;
  stockLevelChanged: StockLevelChanged;
}

export type Topic = keyof Topics;

/** Publishes events. In-memory by default; the live issue adds Redis between instances. */
export interface EventBus {
  publish<T extends Topic>(topic: T, payload: Topics[T]): void;
  subscribe<T extends Topic>(topic: T): AsyncIterable<Topics[T]>;
}
