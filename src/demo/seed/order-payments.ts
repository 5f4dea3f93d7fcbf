// Writes an order's payments with the references each method leaves behind, and
// derives the order's payment status and paid-at time from them.
import { derivePaymentStatus } from '../../payments/payment-status.js';
import type { PaymentStatus } from '../../db/generated/prisma/enums.js';
import type { OrderDraft, OrderWorld } from './order-draft.js';
import type { PaymentSpec } from './payment-schedule.js';
import type { Rng } from './random.js';
import { STAFF } from './shop-reference.js';

export interface PaymentSummary {
  /** Sum of the payments, refunds not deducted. */
  received: number;
  paymentStatus: PaymentStatus;
  /** When the payments first covered the grand total. */
  paidAt: number | null;
  lastPaymentAt: number;
}

function paymentReference(rng: Rng, draft: OrderDraft, payment: PaymentSpec, externalRef: string | null): string | null {
  if (payment.kind === 'REFUND') return `RFD-${draft.code}`;
  switch (draft.method) {
    case 'MARKETPLACE':
      return externalRef;
    case 'BANK_TRANSFER':
      return `TRF${rng.digits(10)}`;
    case 'VIRTUAL_ACCOUNT':
      return `8808${rng.digits(12)}`;
    case 'E_WALLET':
      return `${rng.pick(['OVO', 'DANA', 'GOPAY', 'SPAY'])}-${rng.digits(10)}`;
    case 'QRIS':
      return `QR${rng.digits(14)}`;
    default:
      return null;
  }
}

/** `bankAccount` is the shop account a bank transfer goes to. */
export function addPayments(
  { rng, rows }: OrderWorld,
  draft: OrderDraft,
  payments: readonly PaymentSpec[],
  bankAccount: number,
  externalRef: string | null,
  grandTotal: number,
): PaymentSummary {
  const { method } = draft;
  let received = 0;
  let paidAt: number | null = null;
  for (const p of payments) {
    if (p.kind !== 'PAYMENT') continue;
    received += p.amount;
    if (paidAt === null && received >= grandTotal) paidAt = p.at;
  }
  for (const p of payments) {
    const reference = paymentReference(rng, draft, p, externalRef);
    rows.add('Payment', {
      orderId: draft.index, kind: p.kind, method, amount: p.amount,
      bankAccountId: method === 'BANK_TRANSFER' ? bankAccount : null,
      installmentNumber: p.installment, reference,
      note: p.installment ? `Cicilan ke-${p.installment}` : p.kind === 'REFUND' ? 'Pengembalian dana' : null,
      paidAt: p.at, recordedBy: method === 'MARKETPLACE' ? 'system' : rng.pick(STAFF),
      // The refund of a cancelled order settles the cancellation; a returned order's refund gives back
      // everything paid (shipping too), more than the return's value, so it names no return.
      refundFor: p.kind === 'REFUND' && draft.plan.status === 'CANCELLED' ? 'CANCELLATION' : null,
      createdAt: p.at,
    });
  }
  return {
    received,
    paymentStatus: derivePaymentStatus(grandTotal, payments),
    paidAt,
    lastPaymentAt: payments.length ? payments[payments.length - 1].at : 0,
  };
}
