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

const MAX_STEPS = 10;
const STEP = /^(\d{1,3})(?:\.(\d{1,4}))?/;

/**
 * Parses "55.05+3" into percentages [55.05, 3]. Each step is 0..100 with at most
 * 4 decimals; spaces around "+" are allowed; at most 10 steps.
 */
export function parseCascadedDiscount(input: string): Decimal[] {
  const steps: Decimal[] = [];
  let position = 0;
  const skipSpaces = () => {
    while (input[position] === ' ') position++;
  };
  skipSpaces();
  if (position >= input.length) throw new DiscountFormatError(input, position, 'expected a percentage');
  for (;;) {
    const match = STEP.exec(input.slice(position));
    if (!match) throw new DiscountFormatError(input, position, 'expected a number such as 5 or 55.05');
    const value = new Decimal(match[0]);
    if (value.gt(100)) throw new DiscountFormatError(input, position, 'a percentage cannot exceed 100');
    steps.push(value);
    if (steps.length > MAX_STEPS) throw new DiscountFormatError(input, position, `at most ${MAX_STEPS} steps`);
    position += match[0].length;
    if (/^\d|^\./.test(input.slice(position))) throw new DiscountFormatError(input, position, 'too many digits');
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
    if (!NOMINAL.test(text)) throw new DiscountFormatError(value, 0, 'expected an amount such as 2500 or 2500.50');
    const amount = new Decimal(text);
    if (amount.gt(dec(base))) throw new DiscountFormatError(value, 0, `the discount exceeds the amount it applies to (${money(base).toFixed(2)})`);
    return amount;
  }
  const steps = parseCascadedDiscount(value);
  if (kind === 'PERCENTAGE' && steps.length > 1) throw new DiscountFormatError(value, value.indexOf('+'), 'a PERCENTAGE discount has one step; use CASCADED');
  return cascadedDiscountAmount(base, steps);
}
