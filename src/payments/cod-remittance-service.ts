// COD remittances (seeds 001 and 002: the courier settles the cash it collected on
// delivery, less its fees). In one transaction: each line is matched by its air
// waybill to a delivered shipment of that courier on a cash-on-delivery order, the
// amount is recorded as a COD payment on the order (so its payment status follows),
// and what does not fit is kept and flagged rather than refused: an amount other than
// what the order owed (DIFFERENCE: at most what it owed is paid), a waybill that
// matches no such shipment (UNMATCHED), a shipment remitted before (DUPLICATE). The
// shipments are locked first, so two remittances naming one parcel pay it once.
import { Prisma } from '../db/generated/prisma/client.js';
import type { CodRemittanceLineStatus } from '../db/generated/prisma/enums.js';
import { transaction } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { dec, type Decimal } from '../shared/money.js';
import { checkText, Problems } from '../shared/validation.js';
import { amountDueInScope, recordPaymentInScope, type PaymentDeps } from './payment-service.js';

export interface CodRemittanceInput {
  courierId: number;
  reference: string;
  remittedAt: Date;
  bankAccountId?: number | null;
  note?: string | null;
  lines: Array<{ trackingNumber: string; amount: Decimal; fee?: Decimal | null }>;
}

export const MAX_REMITTANCE_LINES = 1000;
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

function checkMoney(problems: Problems, path: Array<string | number>, value: Decimal) {
  if (!value.isFinite() || value.lt(0) || value.decimalPlaces() > 2 || value.gte('1e16')) problems.add(path, 'must be zero or more, with at most two decimals');
}

export async function recordCodRemittance(deps: PaymentDeps, input: CodRemittanceInput): Promise<{ remittanceId: number }> {
  const problems = new Problems();
  const reference = checkText(problems, ['reference'], input.reference, { required: true, max: 100 });
  const note = checkText(problems, ['note'], input.note, { max: 1000 }) || null;
  if (input.remittedAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) problems.add(['remittedAt'], 'must not be in the future');
  problems.check(input.lines.length >= 1 && input.lines.length <= MAX_REMITTANCE_LINES, ['lines'], `must hold 1 to ${MAX_REMITTANCE_LINES} lines`);
  const seen = new Map<string, number>();
  const lines = input.lines.map((line, index) => {
    const trackingNumber = checkText(problems, ['lines', index, 'trackingNumber'], line.trackingNumber, { required: true, max: 60 }) ?? '';
    const amount = dec(line.amount);
    const fee = dec(line.fee ?? 0);
    checkMoney(problems, ['lines', index, 'amount'], amount);
    checkMoney(problems, ['lines', index, 'fee'], fee);
    if (trackingNumber && seen.has(trackingNumber)) problems.add(['lines', index, 'trackingNumber'], `is also line ${seen.get(trackingNumber)}`);
    seen.set(trackingNumber, index);
    return { trackingNumber, amount, fee };
  });
  problems.throwIfAny();

  return transaction(deps, async (scope) => {
    const { tx } = scope;
    const { tenantId } = deps;
    const courier = await tx.courier.findFirst({ where: { id: input.courierId, tenantId }, select: { id: true } });
    if (!courier) throw new NotFoundError('Courier', String(input.courierId));
    if (input.bankAccountId != null) {
      const account = await tx.bankAccount.findFirst({ where: { id: input.bankAccountId, tenantId }, select: { isActive: true } });
      if (!account) throw new NotFoundError('BankAccount', String(input.bankAccountId));
      if (!account.isActive) new Problems().add(['bankAccount'], 'is inactive; use an active bank account').throwIfAny();
    }
    const earlier = await tx.codRemittance.findFirst({ where: { tenantId, courierId: courier.id, reference }, select: { id: true } });
    if (earlier) new Problems().add(['reference'], `the courier's remittance ${reference} is recorded already`).throwIfAny();

    // The delivered COD shipments the waybills name, locked: a concurrent remittance of one of them waits here.
    const shipments = await tx.$queryRaw<Array<{ id: number; orderId: number; trackingNumber: string }>>(Prisma.sql`
      SELECT s."id", s."orderId", s."trackingNumber"
        FROM "Shipment" s JOIN "Order" o ON o."id" = s."orderId"
       WHERE s."tenantId" = ${tenantId}::int AND s."courierId" = ${courier.id}::int AND s."status" = 'DELIVERED'
         AND o."paymentMethod" = 'COD' AND s."trackingNumber" = ANY(${lines.map((l) => l.trackingNumber)}::text[])
       ORDER BY s."id"
         FOR UPDATE OF s`);
    const byWaybill = new Map<string, { id: number; orderId: number }>();
    for (const s of shipments) byWaybill.set(s.trackingNumber, s);
    const remitted = new Set(
      (await tx.codRemittanceLine.findMany({ where: { shipmentId: { in: shipments.map((s) => s.id) } }, select: { shipmentId: true } })).map((l) => l.shipmentId),
    );

    const gross = lines.reduce((sum, l) => sum.plus(l.amount), dec(0));
    const fees = lines.reduce((sum, l) => sum.plus(l.fee), dec(0));
    const remittance = await tx.codRemittance.create({
      data: {
        tenantId,
        courierId: courier.id,
        reference: reference!,
        remittedAt: input.remittedAt,
        bankAccountId: input.bankAccountId ?? null,
        grossAmount: gross.toFixed(2),
        feeAmount: fees.toFixed(2),
        netAmount: gross.minus(fees).toFixed(2),
        note,
        recordedBy: deps.viewer.actor,
      },
      select: { id: true },
    });

    const rows: Prisma.CodRemittanceLineCreateManyInput[] = [];
    for (const line of lines) {
      const shipment = byWaybill.get(line.trackingNumber);
      const base = { tenantId, remittanceId: remittance.id, trackingNumber: line.trackingNumber, amount: line.amount.toFixed(2), fee: line.fee.toFixed(2) };
      if (!shipment) {
        rows.push({ ...base, status: 'UNMATCHED' });
        continue;
      }
      if (remitted.has(shipment.id)) {
        rows.push({ ...base, orderId: shipment.orderId, status: 'DUPLICATE' });
        continue;
      }
      // What the order owes now (its row locked); null: it takes no payment (cancelled, returned).
      const due = (await amountDueInScope(scope, tenantId, shipment.orderId)) ?? dec(0);
      const pay = Prisma.Decimal.min(line.amount, due);
      const payment = pay.gt(0)
        ? await recordPaymentInScope(scope, deps, {
            orderId: shipment.orderId,
            method: 'COD',
            amount: dec(pay),
            bankAccountId: input.bankAccountId ?? null,
            paidAt: input.remittedAt,
            reference: `COD ${reference}`.slice(0, 100),
            note: `Collected on delivery (${line.trackingNumber}), remitted by the courier`,
          })
        : null;
      const status: CodRemittanceLineStatus = line.amount.eq(due) ? 'MATCHED' : 'DIFFERENCE';
      rows.push({ ...base, shipmentId: shipment.id, orderId: shipment.orderId, paymentId: payment?.paymentId ?? null, expectedAmount: due.toFixed(2), status });
    }
    await tx.codRemittanceLine.createMany({ data: rows });
    const flagged = rows.filter((r) => r.status !== 'MATCHED').length;
    if (flagged) await tx.codRemittance.update({ where: { id: remittance.id }, data: { flaggedLines: flagged } });
    return { remittanceId: remittance.id };
  });
}
