// Aggregates per customer that relations cannot express, one SQL statement per batch.
import DataLoader from 'dataloader';
import { keyScopeOfClient } from '../auth/key-scope.js';
import type { Db } from '../db/client.js';
import { Prisma } from '../db/generated/prisma/client.js';
import { dec, type Decimal } from '../shared/money.js';
import { CUSTOMER_STATS_SQL } from './customer-stats-sql.js';

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
      // The aggregates of customer-stats-sql.ts, grouped per customer.
      const stats = CUSTOMER_STATS_SQL;
      const rows = await prisma.$queryRaw<CustomerStatsRow[]>`
        SELECT o."customerId" AS "customerId",
               ${Prisma.raw(stats.orderCount)} AS "orderCount",
               ${Prisma.raw(stats.cancelledOrderCount)} AS "cancelledOrderCount",
               ${Prisma.raw(stats.itemCount)} AS "itemCount",
               (${Prisma.raw(stats.totalSpent)})::text AS "totalSpent",
               (${Prisma.raw(stats.totalPaid)})::text AS "totalPaid",
               ${Prisma.raw(stats.firstOrderAt)} AS "firstOrderAt",
               ${Prisma.raw(stats.lastOrderAt)} AS "lastOrderAt"
          FROM "Order" o
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
