// The order money figures as SQL over an order row, for compiled reads: the same
// arithmetic as orderPaymentTotals and orderNetTotal (src/payments/payment-status.ts).
// test/graph/compiled-reads.test.ts holds both to the same answer on orders with
// payments, refunds, returns, a cancellation and a transfer.
import { INTERNAL_KINDS } from '../../orders/order-kinds.js';

const internalKinds = INTERNAL_KINDS.map((kind) => `'${kind}'`).join(', ');

const paymentsOf = (row: string) => `FROM "Payment" p WHERE p."orderId" = ${row}."id"`;

/** Payments minus refunds: what the shop keeps (one pass over the order's payments). */
export const paidSql = (row: string) =>
  `(SELECT coalesce(sum(CASE p."kind" WHEN 'PAYMENT' THEN p."amount" WHEN 'REFUND' THEN -p."amount" END), 0) ${paymentsOf(row)})`;

/** Sum of the refunds. */
export const refundedSql = (row: string) => `(SELECT coalesce(sum(p."amount"), 0) ${paymentsOf(row)} AND p."kind" = 'REFUND')`;

/** The grand total less returned units; zero once cancelled or fully returned. */
export const netTotalSql = (row: string) =>
  `(CASE WHEN ${row}."status" = 'CANCELLED' OR ${row}."returnStatus" = 'FULL' THEN 0 ELSE greatest(${row}."grandTotal" - ${row}."returnedTotal", 0) END)`;

/** What the buyer still owes: nothing on kinds that are not receivables. */
export const dueSql = (row: string) => `(CASE WHEN ${row}."kind" IN (${internalKinds}) THEN 0 ELSE greatest(${netTotalSql(row)} - ${paidSql(row)}, 0) END)`;

/** What the shop owes back: paid beyond the net total; nothing on kinds that are not receivables. */
export const refundDueSql = (row: string) => `(CASE WHEN ${row}."kind" IN (${internalKinds}) THEN 0 ELSE greatest(${paidSql(row)} - ${netTotalSql(row)}, 0) END)`;
