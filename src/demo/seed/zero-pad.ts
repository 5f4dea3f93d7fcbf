// Fixed-width numbers in codes, SKUs, phone numbers and tracking numbers.

export const pad = (n: number, width: number) => String(n).padStart(width, '0');
