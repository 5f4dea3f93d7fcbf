// SKU rules, pure: which SKUs are valid, duplicates inside one input, and the
// suggestion of seed 002's generator (first letters of the name and each
// attribute, e.g. "Sepatu" + "Merah" -> "SEP-MER"), made unique with a counter.
import type { InputPath, Problems } from '../shared/validation.js';

export const SKU_MAX_LENGTH = 50;
const SKU = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

export const SKU_RULE = `1 to ${SKU_MAX_LENGTH} characters: letters, digits, ".", "_", "/" and "-", starting with a letter or digit`;

/** The trimmed SKU, or undefined with a problem at `path`. */
export function checkSku(problems: Problems, path: InputPath, value: string | null | undefined): string | undefined {
  const sku = value?.trim() ?? '';
  if (!sku) return void problems.add(path, 'is required');
  if (sku.length > SKU_MAX_LENGTH) return void problems.add(path, `must be at most ${SKU_MAX_LENGTH} characters`);
  if (!SKU.test(sku)) return void problems.add(path, `may hold ${SKU_RULE}`);
  return sku;
}

/** The first SKU given twice (exact match), with the path of its second use. */
export function firstRepeatedSku(entries: ReadonlyArray<{ sku: string | undefined; path: InputPath }>): { sku: string; path: string[] } | null {
  const seen = new Set<string>();
  for (const { sku, path } of entries) {
    if (sku === undefined) continue;
    if (seen.has(sku)) return { sku, path: path.map(String) };
    seen.add(sku);
  }
  return null;
}

/** Upper-case letters and digits of a word, at most `length` of them ("Merah Muda" -> "MER"). */
function abbreviate(word: string, length: number): string {
  return word
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase()
    .slice(0, length);
}

/** The base of a suggested SKU: "SEP-MER-XL" for ("Sepatu", ["Merah", "XL"]); "SKU" when nothing is left. */
export function skuBase(productName: string, attributes: readonly string[]): string {
  const parts = [abbreviate(productName, 3), ...attributes.map((a) => abbreviate(a, 3))].filter(Boolean);
  const base = parts.length ? parts.join('-') : 'SKU';
  // Room for a "-999" counter within the length limit.
  return base.slice(0, SKU_MAX_LENGTH - 4).replace(/-+$/, '');
}

/** The base itself when free, else base-2, base-3, ... : the first that is not in `taken`. */
export function firstFreeSku(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
