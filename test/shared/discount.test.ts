// The cascaded discount strings of seed 004 ("55.05+3"): parsing, exact application
// and the position of the first problem in a malformed string.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/shared/money.js';
import {
  cascadedDiscountAmount,
  discountAmount,
  DiscountFormatError,
  effectivePercentage,
  parseCascadedDiscount,
  MAX_DISCOUNT_STEPS,
} from '../../src/shared/discount.js';

const steps = (input: string) => parseCascadedDiscount(input).map((d) => d.toString());

function formatError(fn: () => unknown): DiscountFormatError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DiscountFormatError) return error;
    throw error;
  }
  throw new Error('expected a DiscountFormatError');
}

describe('parseCascadedDiscount', () => {
  it.each([
    ['55.05+3', ['55.05', '3']],
    ['5', ['5']],
    ['0', ['0']],
    ['100', ['100']],
    ['100.0000', ['100']],
    ['0+0', ['0', '0']],
    ['12.3456', ['12.3456']],
    ['007', ['7']],
    [' 10 + 5 ', ['10', '5']],
    ['10\t+\t5', ['10', '5']],
    ['10+5+2.5+1', ['10', '5', '2.5', '1']],
    [Array(MAX_DISCOUNT_STEPS).fill('1').join('+'), Array(MAX_DISCOUNT_STEPS).fill('1')],
  ])('reads %j as the steps %j', (input, expected) => {
    expect(steps(input)).toEqual(expected);
  });

  it.each([
    ['', 0, 'expected a percentage'],
    ['   ', 3, 'expected a percentage'],
    ['+5', 0, 'expected a number'],
    ['5+', 2, 'expected a number'],
    ['5++3', 2, 'expected a number'],
    ['5 + ', 4, 'expected a number'],
    ['.5', 0, 'expected a number'],
    ['5.', 2, 'expected digits after "."'],
    ['5.+3', 2, 'expected digits after "."'],
    ['-5', 0, 'cannot be negative'],
    ['10+-5', 3, 'cannot be negative'],
    ['101', 0, 'cannot exceed 100'],
    ['10+100.01', 3, 'cannot exceed 100'],
    ['1000', 0, 'cannot exceed 100'],
    ['12.34567', 7, 'at most 4 decimal places'],
    ['55,05+3', 2, 'use "." as the decimal separator'],
    ['5 3', 2, 'steps are joined with "+"'],
    ['5%', 1, 'unexpected "%"'],
    ['5-3', 1, 'unexpected "-"'],
    ['abc', 0, 'expected a number'],
    ['10+5x', 4, 'unexpected "x"'],
    [Array(MAX_DISCOUNT_STEPS + 1).fill('1').join('+'), MAX_DISCOUNT_STEPS * 2, `at most ${MAX_DISCOUNT_STEPS} steps`],
    ['1'.repeat(121), 120, 'at most 120 characters'],
  ])('refuses %j at position %i (%s)', (input, position, reason) => {
    const error = formatError(() => parseCascadedDiscount(input));
    expect(error.code).toBe('INVALID_DISCOUNT');
    expect(error.position).toBe(position);
    expect(error.reason).toContain(reason);
    expect(error.message).toContain(`at position ${position}`);
  });
});

describe('cascadedDiscountAmount', () => {
  it.each([
    ['55.05+3', '100000', '56398.50'],
    ['55.05+3', '10000', '5639.85'],
    ['10', '12500', '1250.00'],
    ['10+10', '100000', '19000.00'],
    ['0', '99999.99', '0.00'],
    ['100', '12345.67', '12345.67'],
    ['100+50', '1000', '1000.00'],
    ['50+50+50', '1000', '875.00'],
    ['33.3333', '100', '33.33'],
    // 1000 x (1 - 0.99^10) = 95.6179...; rounded once at the end, half up.
    [Array(10).fill('1').join('+'), '1000', '95.62'],
    // 0.015 rounds half up to 0.02: rounding happens once, on the exact amount.
    ['1.5', '1', '0.02'],
  ])('takes %s of %s off as %s exactly', (discount, base, amount) => {
    expect(cascadedDiscountAmount(base, parseCascadedDiscount(discount)).toFixed(2)).toBe(amount);
  });

  it('gives the single equivalent percentage of a cascade', () => {
    expect(effectivePercentage(parseCascadedDiscount('55.05+3')).toString()).toBe('56.3985');
    expect(effectivePercentage(parseCascadedDiscount('0')).toString()).toBe('0');
  });
});

describe('discountAmount', () => {
  it.each([
    ['NOMINAL', '2500', '10000', '2500.00'],
    ['NOMINAL', ' 2500.50 ', '10000', '2500.50'],
    ['NOMINAL', '10000', '10000', '10000.00'],
    ['NOMINAL', '0', '10000', '0.00'],
    ['PERCENTAGE', '5', '10000', '500.00'],
    ['PERCENTAGE', '12.5', '999', '124.88'],
    ['CASCADED', '55.05+3', '100000', '56398.50'],
    ['CASCADED', '5', '10000', '500.00'],
  ] as const)('%s %j of %s is %s', (kind, value, base, amount) => {
    expect(discountAmount(kind, value, base).toFixed(2)).toBe(amount);
  });

  it.each([
    ['NOMINAL', '25x0', '10000', 2, 'expected an amount'],
    ['NOMINAL', ' -5', '10000', 1, 'expected an amount'],
    ['NOMINAL', '1.234', '10000', 0, 'expected an amount'],
    ['NOMINAL', '10000.01', '10000', 0, 'exceeds the amount it applies to (10000.00)'],
    ['PERCENTAGE', '5+3', '10000', 1, 'has one step'],
    ['PERCENTAGE', '150', '10000', 0, 'cannot exceed 100'],
    ['CASCADED', '55.05+3+', '10000', 8, 'expected a number'],
  ] as const)('refuses %s %j with the position %#', (kind, value, base, position, reason) => {
    const error = formatError(() => discountAmount(kind, value, base));
    expect(error.position).toBe(position);
    expect(error.reason).toContain(reason);
  });
});

describe('cascaded discounts, for any steps and base (fast-check)', () => {
  const percent = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 9999 })).map(([whole, frac]) =>
    whole === 100 ? '100' : frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(4, '0').replace(/0+$/, '')}`,
  );
  const cascade = fc.array(percent, { minLength: 1, maxLength: MAX_DISCOUNT_STEPS });
  const base = fc.integer({ min: 0, max: 10_000_000_00 }).map((cents) => (cents / 100).toFixed(2));

  it('parses what it prints, step by step', () => {
    fc.assert(
      fc.property(cascade, fc.constantFrom('+', ' + ', '+ ', '\t+'), (parts, joiner) => {
        expect(steps(parts.join(joiner))).toEqual(parts.map((p) => new Decimal(p).toString()));
      }),
    );
  });

  it('takes off between 0 and the whole base, in whole cents, and at least what its largest step alone takes off', () => {
    fc.assert(
      fc.property(cascade, base, (parts, b) => {
        const amount = cascadedDiscountAmount(b, parseCascadedDiscount(parts.join('+')));
        expect(amount.gte(0) && amount.lte(b)).toBe(true);
        expect(amount.decimalPlaces()).toBeLessThanOrEqual(2);
        const largest = Decimal.max(...parts.map((p) => new Decimal(p)));
        expect(amount.gte(new Decimal(b).times(largest).div(100).toDecimalPlaces(2, Decimal.ROUND_DOWN))).toBe(true);
      }),
    );
  });

  it('does not depend on the order of the steps', () => {
    fc.assert(
      fc.property(cascade, base, (parts, b) => {
        const forward = cascadedDiscountAmount(b, parseCascadedDiscount(parts.join('+')));
        const backward = cascadedDiscountAmount(b, parseCascadedDiscount([...parts].reverse().join('+')));
        expect(backward.toFixed(2)).toBe(forward.toFixed(2));
      }),
    );
  });

  it('reports a position inside the string (or at its end) for any malformed input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (input) => {
        try {
          parseCascadedDiscount(input);
        } catch (error) {
          expect(error).toBeInstanceOf(DiscountFormatError);
          const position = (error as DiscountFormatError).position;
          expect(position >= 0 && position <= input.length).toBe(true);
        }
      }),
    );
  });
});
