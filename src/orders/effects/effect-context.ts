// What every effect of a transition receives: the open transaction, the order
// (already moved to its new status and locked by that update) and the input.
import type { CancelReason, OrderKind, OrderStatus, PaymentMethod, PickupOption } from '../../db/generated/prisma/enums.js';
import type { Decimal } from '../../shared/money.js';
import type { TransactionScope } from '../../db/transaction.js';
import type { TransitionName } from '../transitions.js';

/** The input of any transition, ids decoded; each transition reads the fields its table entry lists. */
export interface TransitionInput {
  note?: string | null;
  cancelReason?: CancelReason | null;
  reason?: string | null;
  pickupOption?: PickupOption | null;
  courierId?: number | null;
  serviceName?: string | null;
  trackingNumber?: string | null;
  allocations?: Array<{ itemId: number; warehouseId: number; quantity: number }> | null;
  returnBy?: string | null;
  restock?: boolean | null;
  /** Units per line of a return; restock and warehouse default to the return's restock and where the units shipped from. */
  returnLines?: Array<{ itemId: number; quantity: number; restock?: boolean | null; warehouseId?: number | null }> | null;
  /** The refund recorded with a return. */
  refund?: { amount: Decimal; method?: PaymentMethod | null; reference?: string | null } | null;
  /** Units received per line of a transfer (validate). */
  receivedLines?: Array<{ itemId: number; quantity: number }> | null;
}

export interface EffectOrder {
  id: number;
  code: string;
  kind: OrderKind;
  originWarehouseId: number | null;
  destinationWarehouseId: number | null;
  pickupOption: PickupOption | null;
}

export interface EffectContext {
  scope: TransactionScope;
  tenantId: number;
  actor: string;
  transition: TransitionName;
  from: OrderStatus;
  to: OrderStatus;
  order: EffectOrder;
  input: TransitionInput;
}

export type Effect = (ctx: EffectContext) => Promise<void>;

/**
 * Order lines whose stock is counted (OWN products, not cancelled), with their
 * allocations, in stock-row order (variation, then warehouse): every writer locks
 * stock rows in that order, so concurrent transitions cannot deadlock.
 */
export async function ownStockLines(ctx: EffectContext) {
  const items = await ctx.scope.tx.orderItem.findMany({
    where: { orderId: ctx.order.id, isCancelled: false },
    orderBy: [{ variationId: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      sku: true,
      quantity: true,
      variationId: true,
      variation: { select: { product: { select: { stockType: true } } } },
      allocations: { orderBy: { warehouseId: 'asc' }, select: { id: true, warehouseId: true, quantity: true, shippedQuantity: true } },
    },
  });
  return items.filter((item) => item.variationId != null && item.variation?.product.stockType === 'OWN') as Array<
    (typeof items)[number] & { variationId: number }
  >;
}
