// Money as integer cents (IDR has two decimals in the schema), so the seed's sums
// are exact without a decimal library in the hot loop.

/** Cents of a whole-rupiah amount. */
export const idr = (rupiah: number) => Math.round(rupiah * 100);

/** Rounds cents to a multiple of `rupiah` rupiah. */
export const roundIdr = (cents: number, rupiah: number) => Math.round(cents / (rupiah * 100)) * rupiah * 100;

/** cents * percent, half-up, to whole rupiah; percent given in basis points (10% = 1000). */
export const percentOf = (cents: number, bps: number) => Math.floor((cents * bps) / 1_000_000 + 0.5) * 100;

export const bpsOf = (percent: string) => Math.round(Number(percent) * 100);

/** Discount of a cascaded string such as "10+5": each step applies to what the previous left. */
export function cascadedDiscount(cents: number, value: string): number {
  let left = cents;
  for (const part of value.split('+')) left -= percentOf(left, bpsOf(part));
  return cents - left;
}

/** Cents as a decimal literal ("-12.05"), as PostgreSQL numeric reads it. */
export function moneyText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
