// Unique transfer codes (seed 002 `unique_code`): a bank-transfer order gets a small
// number, 1 to 999, added to what the buyer transfers, so that two transfers of the
// same total tell their orders apart. No two open orders (owing money, not
// cancelled) of a tenant hold the same code; a paid or cancelled order's code is
// free again without a write. Assigned under the tenant's order-insert lock.
import type { TransactionScope } from '../db/transaction.js';

export const TRANSFER_CODE_MAX = 999;
/** Serializes the writers of a tenant's order codes and transfer codes until the transaction ends (order_insert_lock: the SQL function the day's next code takes it with too). */
export async function lockOrderInserts(scope: TransactionScope, tenantId: number): Promise<void> {
  await scope.tx.$queryRaw`SELECT 1 AS locked FROM order_insert_lock(${tenantId}::int)`;
}

/** The smallest code no open order of the tenant holds; null when all 999 are taken. Run under lockOrderInserts. */
export async function freeTransferCode(scope: TransactionScope, tenantId: number): Promise<number | null> {
  const rows = await scope.tx.$queryRaw<Array<{ code: number | null }>>`
    SELECT min(c)::int AS code FROM generate_series(1, ${TRANSFER_CODE_MAX}::int) c
     WHERE NOT EXISTS (
       SELECT 1 FROM "Order" o
        WHERE o."tenantId" = ${tenantId}::int AND o."transferCode" = c
          AND o."paymentStatus" IN ('UNPAID', 'PARTIALLY_PAID') AND o."status" NOT IN ('CANCELLED', 'RETURNED'))`;
  return rows[0]?.code ?? null;
}
