// A customer's order statistics as SQL aggregates over their orders (alias `o`, drafts
// already left out by the caller's WHERE), net of returns and cancellations: returned units
// do not count, an order counts its net total (payments/payment-status.ts orderNetTotal:
// zero when cancelled or fully returned, else the grand total less the value returned),
// and what was paid is net of refunds. The loader (loaders.ts) groups them per customer;
// compiled reads put them in one subquery per customer row (graphql/types.ts).
export const CUSTOMER_STATS_SQL = {
  orderCount: `count(*)::int`,
  cancelledOrderCount: `(count(*) FILTER (WHERE o."status" = 'CANCELLED'))::int`,
  itemCount: `coalesce(sum((SELECT sum(i."quantity" - i."returnedQuantity") FROM "OrderItem" i WHERE i."orderId" = o."id" AND NOT i."isCancelled")) FILTER (WHERE o."status" <> 'CANCELLED'), 0)::int`,
  totalSpent: `coalesce(sum(CASE WHEN o."status" = 'CANCELLED' OR o."returnStatus" = 'FULL' THEN 0 ELSE greatest(o."grandTotal" - o."returnedTotal", 0) END), 0)`,
  totalPaid: `coalesce(sum((SELECT sum(CASE WHEN p."kind" = 'REFUND' THEN -p."amount" ELSE p."amount" END) FROM "Payment" p WHERE p."orderId" = o."id")), 0)`,
  firstOrderAt: `min(o."orderedAt")`,
  lastOrderAt: `max(o."orderedAt")`,
} as const;
