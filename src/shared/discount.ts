// Cascaded percentage discounts of seed 004: "55.05+3" takes 55.05 % off, then
// 3 % off what remains. Pure and exact (decimal.js), shared by catalog and orders.
import { Decimal, dec, money, type DecimalLike } from './money.js';
import { DomainError } from './errors.js';

/** A discount string that does not parse; `position` is the 0-based character index of the problem. */
export class DiscountFormatError extends DomainError {
  readonly code = 'INVALID_DISCOUNT';
  constructor(
    readonly input: string,
    readonly position: number,
    readonly reason: string,
  ) {
    super(`Invalid discount "${input.slice(0, 60)}" at position ${position}: ${reason}`);
  }
}

export const MAX_DISCOUNT_STEPS = 10;
export const MAX_PERCENT_DECIMALS = 4;
const MAX_LENGTH = 120;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isSpace = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * Parses "55.05+3" into percentages [55.05, 3]. Each step is 0..100 with at most
 * 4 decimals; spaces and tabs around "+" are allowed; at most 10 steps. A
 * malformed string throws DiscountFormatError at the first offending character.
 */
export function parseCascadedDiscount(input: string): Decimal[] {
  if (input.length > MAX_LENGTH) throw new DiscountFormatError(input, MAX_LENGTH, `at most ${MAX_LENGTH} characters`);
  const steps: Decimal[] = [];
  let position = 0;
  const skipSpaces = () => {
    while (isSpace(input[position])) position++;
  };
  skipSpaces();
  if (position >= input.length) throw new DiscountFormatError(input, position, 'expected a percentage such as 5 or 55.05+3');
  for (;;) {
    const start = position;
    if (steps.length === MAX_DISCOUNT_STEPS) throw new DiscountFormatError(input, start, `at most ${MAX_DISCOUNT_STEPS} steps`);
    while (isDigit(input[position])) position++;
    if (position === start) {
      const reason = input[position] === '-' ? 'a percentage cannot be negative' : 'expected a number such as 5 or 55.05';
      throw new DiscountFormatError(input, position, reason);
    }
    if (input[position] === '.') {
      position++;
      const fraction = position;
      while (isDigit(input[position])) position++;
      if (position === fraction) throw new DiscountFormatError(input, fraction, 'expected digits after "."');
      if (position - fraction > MAX_PERCENT_DECIMALS) {
        throw new DiscountFormatError(input, fraction + MAX_PERCENT_DECIMALS, `at most ${MAX_PERCENT_DECIMALS} decimal places`);
      }
    }
    if (input[position] === ',') throw new DiscountFormatError(input, position, 'use "." as the decimal separator and "+" between steps');
    const value = new Decimal(input.slice(start, position));
    if (value.gt(100)) throw new DiscountFormatError(input, start, 'a percentage cannot exceed 100');
    steps.push(value);
    skipSpaces();
    if (position >= input.length) return steps;
    if (input[position] !== '+') throw new DiscountFormatError(input, position, `unexpected "${input[position]}"; steps are joined with "+"`);
    position++;
    skipSpaces();
  }
}

/** The amount taken off `base` by the cascaded percentages, rounded to the smallest unit once, at the end. */
export function cascadedDiscountAmount(base: DecimalLike, steps: Decimal[]): Decimal {
  const b = dec(base);
  const remaining = steps.reduce((acc, pct) => acc.times(new Decimal(100).minus(pct)).div(100), b);
  return money(b.minus(remaining));
}

/** The single percentage equivalent to the cascade (55.05+3 -> 56.3985). */
export function effectivePercentage(steps: Decimal[]): Decimal {
  const kept = steps.reduce((acc, pct) => acc.times(new Decimal(100).minus(pct)).div(100), new Decimal(1));
  return new Decimal(1).minus(kept).times(100);
}

export type DiscountKind = 'NOMINAL' | 'PERCENTAGE' | 'CASCADED';

const NOMINAL = /^\d{1,16}(\.\d{1,2})?$/;

/**
 * The amount a discount takes off `base`: NOMINAL is an amount ("2500"),
 * PERCENTAGE one step ("5"), CASCADED several ("55.05+3"). Throws
 * DiscountFormatError for a malformed value and for a nominal above the base.
 */
export function discountAmount(kind: DiscountKind, value: string, base: DecimalLike): Decimal {
  if (kind === 'NOMINAL') {
    const text = value.trim();
    const offset = value.length - value.trimStart().length;
    if (!NOMINAL.test(text)) {
      const bad = text.search(/[^\d.]/);
      throw new DiscountFormatError(value, offset + (bad >= 0 ? bad : 0), 'expected an amount such as 2500 or 2500.50');
    }
    const amount = new Decimal(text);
    if (amount.gt(dec(base))) throw new DiscountFormatError(value, offset, `the discount exceeds the amount it applies to (${money(base).toFixed(2)})`);
    return amount;
  }
  const steps = parseCascadedDiscount(value);
  if (kind === 'PERCENTAGE' && steps.length > 1) throw new DiscountFormatError(value, value.indexOf('+'), 'a PERCENTAGE discount has one step; use CASCADED');
  return cascadedDiscountAmount(base, steps);
}
