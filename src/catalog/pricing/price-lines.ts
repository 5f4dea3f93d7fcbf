// The prices order lines get: loads what resolvePrice needs for many lines at once
// (the customer's category, the variations' base, category and wholesale prices)
// in a constant number of statements, then resolves each line. No GraphQL here.
import type { Tx } from '../../db/transaction.js';
import { NotFoundError } from '../../shared/errors.js';
import { dec, type Decimal } from '../../shared/money.js';
import { resolvePrice, type PricingCategory, type ResolvedPrice } from '../price-resolution.js';

/** ctx.prisma or a transaction's scope.tx. */
export type PricingDb = Pick<Tx, 'customer' | 'variation'>;

export interface PriceLine {
  variationId: number;
  quantity: number;
}

export interface LinePrice extends ResolvedPrice {
  variationId: number;
  quantity: number;
  /** The variation's own (base) price. */
  basePrice: Decimal;
  /** The customer's category; null for a guest or a customer without category. */
  category: PricingCategory | null;
  /** Whether discounts may apply: false when the customer's category has no discount access. */
  discountAccess: boolean;
  /** ISO 4217 currency of the variation's prices. */
  currency: string;
}

export interface PricingCustomer {
  category: (PricingCategory & { discountAccess: boolean }) | null;
}

/** What pricing reads of a customer's category (also for callers that load the customer themselves). */
export const categorySelect = { id: true, code: true, name: true, wholesaleAccess: true, discountAccess: true } as const;

/** The customer's category (null when it has none); NotFoundError for a customer not of the tenant. */
export async function loadPricingCustomer(db: PricingDb, tenantId: number, customerId: number): Promise<PricingCustomer> {
  const customer = await db.customer.findFirst({
    where: { id: customerId, tenantId, deletedAt: null },
    select: { category: { select: categorySelect } },
  });
  if (!customer) throw new NotFoundError('Customer', String(customerId));
  return { category: customer.category };
}

/**
 * Resolved prices in line order: one statement for the customer (none for a
 * guest) and one for every variation with its prices. Throws NotFoundError for a
 * customer or a variation not of the tenant. Archived variations and quantities
 * are the caller's to check.
 */
export async function priceForLines(db: PricingDb, tenantId: number, customerId: number | null, lines: PriceLine[]): Promise<LinePrice[]> {
  const customer = customerId === null ? { category: null } : await loadPricingCustomer(db, tenantId, customerId);
  return priceLinesFor(db, tenantId, customer, lines);
}

/**
 * What pricing reads of a variation for a customer category (none: null), as a Prisma
 * select: callers that read the variations anyway add it to their own read.
 */
export function priceSelect(categoryId: number | null) {
  return {
    id: true,
    price: true,
    currency: true,
    categoryPrices: categoryId !== null ? { where: { customerCategoryId: categoryId }, select: { price: true } } : false,
    wholesalePrices: { select: { id: true, minQty: true, maxQty: true, price: true }, orderBy: { minQty: 'asc' } },
  } as const;
}

/** A variation's prices as priceSelect reads them. */
export interface PriceRow {
  id: number;
  price: Decimal | string | number;
  currency: string;
  categoryPrices?: Array<{ price: Decimal | string | number }>;
  wholesalePrices: Array<{ id: number; minQty: number; maxQty: number | null; price: Decimal | string | number }>;
}

/**
 * priceForLines with the customer already loaded (see loadPricingCustomer); `rows`: the
 * variations' prices read already (priceSelect with the customer's category), else read here.
 */
export async function priceLinesFor(db: PricingDb, tenantId: number, customer: PricingCustomer, lines: PriceLine[], rows?: ReadonlyMap<number, PriceRow>): Promise<LinePrice[]> {
  if (!lines.length) return [];
  const category = customer.category;
  const ids = [...new Set(lines.map((l) => l.variationId))];
  const byId: ReadonlyMap<number, PriceRow> =
    rows ?? new Map((await db.variation.findMany({ where: { tenantId, id: { in: ids } }, select: priceSelect(category?.id ?? null) })).map((v) => [v.id, v]));
  const pricingCategory: PricingCategory | null = category
    ? { id: category.id, code: category.code, name: category.name, wholesaleAccess: category.wholesaleAccess }
    : null;
  return lines.map((line) => {
    const variation = byId.get(line.variationId);
    if (!variation) throw new NotFoundError('Variation', String(line.variationId));
    const resolved = resolvePrice({
      basePrice: variation.price,
      categoryPrice: variation.categoryPrices?.[0]?.price ?? null,
      category: pricingCategory,
      tiers: variation.wholesalePrices,
      quantity: line.quantity,
    });
    return {
      ...resolved,
      variationId: variation.id,
      quantity: line.quantity,
      basePrice: dec(variation.price),
      category: pricingCategory,
      discountAccess: category ? category.discountAccess : true,
      currency: variation.currency,
    };
  });
}
