// Aggregates per customer that relations cannot express, one SQL statement per batch.
import DataLoader from 'dataloader';
import { keyScopeOfClient } from '../auth/key-scope.js';
import type { Db } from '../db/client.js';
import { dec, type Decimal } from '../shared/money.js';

export interface CustomerStats {
  orderCount: number;
  cancelledOrderCount: number;
  itemCount: number;
  totalSpent: Decimal;
  totalPaid: Decimal;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
}

interface CustomerStatsRow {
  customerId: number;
  orderCount: number;
  cancelledOrderCount: number;
  itemCount: number;
  totalSpent: string;
  totalPaid: string;
  firstOrderAt: Date | string | null;
  lastOrderAt: Date | string | null;
}

const noOrders = (): CustomerStats => ({
  orderCount: 0,
  cancelledOrderCount: 0,
  itemCount: 0,
  totalSpent: dec(0),
  totalPaid: dec(0),
  firstOrderAt: null,
  lastOrderAt: null,
});

const toDate = (value: Date | string | null) => (value === null ? null : value instanceof Date ? value : new Date(value));

export function createCustomersLoaders(prisma: Db, tenantId: number) {
  // Raw SQL passes the key's scoped client by: a key bound to a channel counts that channel's orders only.
  const channel = keyScopeOfClient(prisma)?.channel ?? null;
  return {
    /** Order statistics per customer id (drafts left out); zeros for a customer without orders. */
    customerStatsByCustomerId: new DataLoader<number, CustomerStats>(async (customerIds) => {
      // Units and money per order in lateral subqueries, so an order's total is summed once, not once per line.
      // Net of returns and cancellations: returned units do not count, an order's total is its net total
      // (payments/payment-status.ts orderNetTotal: zero when cancelled or fully returned, else the grand
      // total less the value returned); what was paid is net of refunds.
      const rows = await prisma.$queryRaw<CustomerStatsRow[]>`
        SELECT o."customerId" AS "customerId",
               count(*)::int AS "orderCount",
               (count(*) FILTER (WHERE o."status" = 'CANCELLED'))::int AS "cancelledOrderCount",
               coalesce(sum(lines.units) FILTER (WHERE o."status" <> 'CANCELLED'), 0)::int AS "itemCount",
               coalesce(sum(CASE WHEN o."status" = 'CANCELLED' OR o."returnStatus" = 'FULL' THEN 0
                                 ELSE greatest(o."grandTotal" - o."returnedTotal", 0) END), 0)::text AS "totalSpent",
               coalesce(sum(kept.paid), 0)::text AS "totalPaid",
               min(o."orderedAt") AS "firstOrderAt",
               max(o."orderedAt") AS "lastOrderAt"
          FROM "Order" o
          LEFT JOIN LATERAL (
            SELECT sum(i."quantity" - i."returnedQuantity") AS units FROM "OrderItem" i WHERE i."orderId" = o."id" AND NOT i."isCancelled"
          ) lines ON true
          LEFT JOIN LATERAL (
            SELECT sum(CASE WHEN p."kind" = 'REFUND' THEN -p."amount" ELSE p."amount" END) AS paid FROM "Payment" p WHERE p."orderId" = o."id"
          ) kept ON true
         WHERE o."tenantId" = ${tenantId}
           AND o."customerId" = ANY(${[...customerIds]}::int[])
           AND NOT o."isDraft"
           AND (${channel}::text IS NULL OR o."channel" = ${channel}::text)
         GROUP BY o."customerId"`;
      const byId = new Map(rows.map((row) => [Number(row.customerId), row]));
      return customerIds.map((id) => {
        const row = byId.get(id);
        if (!row) return noOrders();
        return {
          orderCount: Number(row.orderCount),
          cancelledOrderCount: Number(row.cancelledOrderCount),
          itemCount: Number(row.itemCount),
          totalSpent: dec(row.totalSpent),
          totalPaid: dec(row.totalPaid),
          firstOrderAt: toDate(row.firstOrderAt),
          lastOrderAt: toDate(row.lastOrderAt),
        };
      });
    }),
  };
}
