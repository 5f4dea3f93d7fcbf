import { describe, expect, it } from 'vitest';
import { derivePaymentStatus, paymentTotals, type PaymentLine } from '../../src/payments/payment-status.js';

const pay = (amount: string): PaymentLine => ({ kind: 'PAYMENT', amount });
const refund = (amount: string): PaymentLine => ({ kind: 'REFUND', amount });

describe('derivePaymentStatus', () => {
  it('is UNPAID when nothing was received', () => {
    expect(derivePaymentStatus('12000.00', [])).toBe('UNPAID');
  });

  it('is PAID when one payment covers the total exactly', () => {
    expect(derivePaymentStatus('12000.00', [pay('12000.00')])).toBe('PAID');
  });

  it('is PARTIALLY_PAID one cent short of the total, compared exactly', () => {
    expect(derivePaymentStatus('12000.00', [pay('11999.99')])).toBe('PARTIALLY_PAID');
    // 0.1 + 0.2 is exactly 0.3 in decimals (a float sum would fall short or over).
    expect(derivePaymentStatus('0.30', [pay('0.10'), pay('0.20')])).toBe('PAID');
  });

  it('adds installments up: PARTIALLY_PAID until the last one, then PAID', () => {
    const installments = [pay('4000.00'), pay('4000.00'), pay('4000.00')];
    expect(derivePaymentStatus('12000.00', installments.slice(0, 1))).toBe('PARTIALLY_PAID');
    expect(derivePaymentStatus('12000.00', installments.slice(0, 2))).toBe('PARTIALLY_PAID');
    expect(derivePaymentStatus('12000.00', installments)).toBe('PAID');
  });

  it('is PAID when overpaid, with nothing due', () => {
    expect(derivePaymentStatus('12000.00', [pay('10000.00'), pay('5000.00')])).toBe('PAID');
    expect(paymentTotals('12000.00', [pay('10000.00'), pay('5000.00')]).due.toFixed(2)).toBe('0.00');
  });

  it('is REFUNDED when everything received was given back, in one refund or several', () => {
    expect(derivePaymentStatus('12000.00', [pay('12000.00'), refund('12000.00')])).toBe('REFUNDED');
    expect(derivePaymentStatus('12000.00', [pay('5000.00'), pay('7000.00'), refund('6000.00'), refund('6000.00')])).toBe('REFUNDED');
    // A refund of a partly paid order gives back all there was: nothing is kept.
    expect(derivePaymentStatus('12000.00', [pay('5000.00'), refund('5000.00')])).toBe('REFUNDED');
  });

  it('is PARTIALLY_PAID after a partial refund of a paid order, and PAID when only the overpayment went back', () => {
    expect(derivePaymentStatus('12000.00', [pay('12000.00'), refund('0.01')])).toBe('PARTIALLY_PAID');
    expect(derivePaymentStatus('12000.00', [pay('15000.00'), refund('3000.00')])).toBe('PAID');
  });

  it('is PAID for an order with nothing to pay', () => {
    expect(derivePaymentStatus('0.00', [])).toBe('PAID');
  });
});

describe('paymentTotals', () => {
  it('keeps payments minus refunds, owes the rest, and never owes below zero', () => {
    const totals = paymentTotals('12000.00', [pay('5000.00'), pay('4000.50'), refund('1000.25')]);
    expect(totals.received.toFixed(2)).toBe('9000.50');
    expect(totals.refunded.toFixed(2)).toBe('1000.25');
    expect(totals.paid.toFixed(2)).toBe('8000.25');
    expect(totals.due.toFixed(2)).toBe('3999.75');
  });

  it('reads Prisma-style decimal objects as well as strings', () => {
    const asObject = (s: string) => ({ toString: () => s });
    const totals = paymentTotals(asObject('100.10'), [{ kind: 'PAYMENT', amount: asObject('100.05') }]);
    expect(totals.due.toFixed(2)).toBe('0.05');
  });
});
