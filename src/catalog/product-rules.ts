// Pure checks of product and variation fields (seed 002 product create / update).
// Each returns the cleaned values for Prisma, leaving out what was not given, and
// adds every problem with its path relative to the mutation's input.
import type { PreorderUnit, StockType } from '../db/generated/prisma/enums.js';
import { Decimal } from '../shared/money.js';
import { checkText, type InputPath, type Problems } from '../shared/validation.js';
import { checkSku } from './sku.js';

export const MAX_VARIATIONS = 100;
export const MAX_PRODUCT_IMAGES = 10;
/** Seed 002: "Array of string with maximum of 5 URLs". */
export const MAX_VARIATION_IMAGES = 5;
export const MAX_WEIGHT_GRAMS = 1_000_000;
/** Seed 002 preorder_setting: "Max 90 days or 12 weeks". */
export const MAX_PREORDER: Record<PreorderUnit, number> = { DAY: 90, WEEK: 12 };
const MAX_AMOUNT = new Decimal('9999999999999999.99');

export interface ProductFields {
  name?: string | null;
  description?: string | null;
  stockType?: StockType | null;
  categoryId?: number | null;
  supplierId?: number | null;
  weightGrams?: number | null;
  images?: string[] | null;
  isActive?: boolean | null;
  isFeatured?: boolean | null;
  showStock?: boolean | null;
  preorderUnit?: PreorderUnit | null;
  preorderLength?: number | null;
}

export interface VariationFields {
  sku?: string | null;
  name?: string | null;
  size?: string | null;
  color?: string | null;
  weightGrams?: number | null;
  images?: string[] | null;
  primaryImageIndex?: number | null;
  costPrice?: Decimal | null;
  price?: Decimal | null;
  available?: boolean | null;
}

/** A given-but-null value of a field that cannot be cleared. */
function notNull(problems: Problems, path: InputPath, value: unknown): void {
  if (value === null) problems.add(path, 'must not be null');
}

function checkFlag(problems: Problems, path: InputPath, value: boolean | null | undefined) {
  notNull(problems, path, value);
  return value ?? undefined;
}

function checkWeight(problems: Problems, path: InputPath, value: number | null | undefined): number | undefined {
  notNull(problems, path, value);
  if (value == null) return undefined;
  problems.check(value >= 0 && value <= MAX_WEIGHT_GRAMS, path, `must be between 0 and ${MAX_WEIGHT_GRAMS} grams`);
  return value;
}

/** An amount of money: at least 0, at most 2 decimal places, fits a Decimal(18, 2) column. */
export function checkMoney(problems: Problems, path: InputPath, value: Decimal): boolean {
  if (value.isNegative()) return problems.check(false, path, 'must not be negative');
  if (value.decimalPlaces() > 2) return problems.check(false, path, 'must have at most 2 decimal places');
  return problems.check(!value.gt(MAX_AMOUNT), path, `must be at most ${MAX_AMOUNT.toFixed(2)}`);
}

/** http(s) URLs, at most `max` of them, each at most 1000 characters. */
export function checkImages(problems: Problems, path: InputPath, images: string[] | null | undefined, max: number): string[] | undefined {
  notNull(problems, path, images);
  if (images == null) return undefined;
  if (images.length > max) problems.add(path, `at most ${max} images`);
  return images.map((raw, index) => {
    const url = raw.trim();
    let ok = url.length > 0 && url.length <= 1000;
    if (ok) {
      try {
        ok = ['http:', 'https:'].includes(new URL(url).protocol);
      } catch {
        ok = false;
      }
    }
    problems.check(ok, [...path, index], 'must be an http(s) URL of at most 1000 characters');
    return url;
  });
}

/** Product fields; with `required` (create) the name must be given. */
export function checkProductFields(problems: Problems, input: ProductFields, required: boolean) {
  const name = input.name !== undefined || required ? checkText(problems, ['name'], input.name, { required: true, max: 200 }) : undefined;
  const description = checkText(problems, ['description'], input.description, { max: 10_000 });
  notNull(problems, ['stockType'], input.stockType);
  if (input.preorderLength != null && (!Number.isInteger(input.preorderLength) || input.preorderLength < 1)) {
    problems.add(['preorderLength'], 'must be at least 1');
  }
  return {
    ...(name !== undefined ? { name } : {}),
    ...(input.description !== undefined ? { description: description || null } : {}),
    ...(input.stockType != null ? { stockType: input.stockType } : {}),
    ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
    ...(input.supplierId !== undefined ? { supplierId: input.supplierId } : {}),
    ...optional('weightGrams', checkWeight(problems, ['weightGrams'], input.weightGrams)),
    ...optional('images', checkImages(problems, ['images'], input.images, MAX_PRODUCT_IMAGES)),
    ...optional('isActive', checkFlag(problems, ['isActive'], input.isActive)),
    ...optional('isFeatured', checkFlag(problems, ['isFeatured'], input.isFeatured)),
    ...optional('showStock', checkFlag(problems, ['showStock'], input.showStock)),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * The preorder time of the product as it will be stored: PREORDER products need a
 * unit and a length (at most 90 days or 12 weeks); other stock types have none.
 * `given` are the fields of the input, `stored` the current row (update).
 */
export function checkPreorder(
  problems: Problems,
  stockType: StockType,
  given: Pick<ProductFields, 'preorderUnit' | 'preorderLength'>,
  stored: { preorderUnit: PreorderUnit | null; preorderLength: number | null } = { preorderUnit: null, preorderLength: null },
): { preorderUnit: PreorderUnit | null; preorderLength: number | null } {
  if (stockType !== 'PREORDER') {
    if (given.preorderUnit != null) problems.add(['preorderUnit'], 'is only for PREORDER products');
    if (given.preorderLength != null) problems.add(['preorderLength'], 'is only for PREORDER products');
    return { preorderUnit: null, preorderLength: null };
  }
  const unit = given.preorderUnit !== undefined ? given.preorderUnit : stored.preorderUnit;
  const length = given.preorderLength !== undefined ? given.preorderLength : stored.preorderLength;
  if (unit == null) problems.add(['preorderUnit'], 'is required for PREORDER products');
  if (length == null) problems.add(['preorderLength'], 'is required for PREORDER products');
  else if (unit != null && length > MAX_PREORDER[unit]) {
    problems.add(['preorderLength'], `must be at most ${MAX_PREORDER[unit]} ${unit === 'DAY' ? 'days' : 'weeks'}`);
  }
  return { preorderUnit: unit ?? null, preorderLength: length ?? null };
}

/**
 * Variation fields at `path`; with `required` (create) the SKU and price must be
 * given. `primaryImageIndex` is checked against the images it will point into:
 * the given ones, else `storedImages`.
 */
export function checkVariationFields(
  problems: Problems,
  path: InputPath,
  input: VariationFields,
  required: boolean,
  stored: { images: string[]; primaryImageIndex: number | null } = { images: [], primaryImageIndex: null },
) {
  const sku = input.sku !== undefined || required ? checkSku(problems, [...path, 'sku'], input.sku) : undefined;
  const name = checkText(problems, [...path, 'name'], input.name, { max: 200 });
  const size = checkText(problems, [...path, 'size'], input.size, { max: 50 });
  const color = checkText(problems, [...path, 'color'], input.color, { max: 50 });
  const images = checkImages(problems, [...path, 'images'], input.images, MAX_VARIATION_IMAGES);
  if (required && input.price == null) problems.add([...path, 'price'], 'is required');
  else notNull(problems, [...path, 'price'], input.price);
  if (input.price != null) checkMoney(problems, [...path, 'price'], input.price);
  if (input.costPrice != null) checkMoney(problems, [...path, 'costPrice'], input.costPrice);
  const imageCount = (images ?? stored.images).length;
  const primary = input.primaryImageIndex !== undefined ? input.primaryImageIndex : stored.primaryImageIndex;
  if (primary != null && !(primary >= 0 && primary < imageCount)) {
    // Reported on the field that was given: the index, or the images it no longer fits.
    const at = input.primaryImageIndex !== undefined ? 'primaryImageIndex' : 'images';
    problems.add([...path, at], imageCount ? `primaryImageIndex must point into images (0 to ${imageCount - 1})` : 'primaryImageIndex needs images');
  }
  return {
    ...(sku !== undefined ? { sku } : {}),
    ...(input.name !== undefined ? { name: name || null } : {}),
    ...(input.size !== undefined ? { size: size || null } : {}),
    ...(input.color !== undefined ? { color: color || null } : {}),
    ...optional('weightGrams', checkWeight(problems, [...path, 'weightGrams'], input.weightGrams)),
    ...optional('images', images),
    ...(input.primaryImageIndex !== undefined ? { primaryImageIndex: input.primaryImageIndex } : {}),
    ...(input.costPrice !== undefined ? { costPrice: input.costPrice } : {}),
    ...optional('price', input.price ?? undefined),
    ...optional('available', checkFlag(problems, [...path, 'available'], input.available)),
  };
}

/** Decimal values as the exact strings Prisma stores. */
export function variationData<T extends { price?: { toFixed(n: number): string }; costPrice?: { toFixed(n: number): string } | null }>(data: T) {
  const { price, costPrice, ...rest } = data;
  return {
    ...rest,
    ...(price !== undefined ? { price: price.toFixed(2) } : {}),
    ...(costPrice !== undefined ? { costPrice: costPrice === null ? null : costPrice.toFixed(2) } : {}),
  };
}
