// Sets a variation's prices: base price, the price of each customer category and
// the wholesale tiers. Each list given replaces the stored one, atomically; a list
// left out stays as it is. Validated in full before anything is written.
import { transaction, type TransactionDeps, type Tx } from '../../db/transaction.js';
import { NotFoundError } from '../../shared/errors.js';
import type { Decimal } from '../../shared/money.js';
import { Problems } from '../../shared/validation.js';
import { checkAmount, checkDistinct, checkTiers, MAX_CATEGORY_PRICES, type TierInput } from './price-rules.js';

export interface PricingDeps extends TransactionDeps {
  tenantId: number;
}

export interface CategoryPriceInput {
  /** Internal id of the category, or null when it is named by code. */
  categoryId: number | null;
  categoryCode: string | null;
  price: Decimal;
}

export interface VariationPricesInput {
  variationId: number;
  basePrice?: Decimal | null;
  categoryPrices?: CategoryPriceInput[] | null;
  wholesaleTiers?: TierInput[] | null;
}

function validate(input: VariationPricesInput): void {
  const problems = new Problems();
  if (input.basePrice == null && input.categoryPrices == null && input.wholesaleTiers == null) {
    problems.add([], 'give basePrice, categoryPrices or wholesaleTiers');
  }
  if (input.basePrice != null) checkAmount(problems, ['basePrice'], input.basePrice);
  const prices = input.categoryPrices;
  if (prices && prices.length > MAX_CATEGORY_PRICES) problems.add(['categoryPrices'], `at most ${MAX_CATEGORY_PRICES} category prices`);
  else if (prices) {
    prices.forEach((entry, index) => {
      const named = Number(entry.categoryId !== null) + Number(entry.categoryCode !== null);
      if (named !== 1) problems.add(['categoryPrices', index], 'give either category or categoryCode');
      else if (entry.categoryCode !== null && !entry.categoryCode.trim()) problems.add(['categoryPrices', index, 'categoryCode'], 'must not be empty');
      checkAmount(problems, ['categoryPrices', index, 'price'], entry.price);
    });
    checkDistinct(problems, ['categoryPrices'], prices.map((p) => p.categoryId), 'category');
    checkDistinct(problems, ['categoryPrices'], prices.map((p) => p.categoryCode?.trim() ?? null), 'categoryCode');
  }
  if (input.wholesaleTiers) checkTiers(problems, ['wholesaleTiers'], input.wholesaleTiers);
  problems.throwIfAny();
}

export async function setVariationPrices(deps: PricingDeps, input: VariationPricesInput): Promise<{ variationId: number }> {
  validate(input);
  const { tenantId } = deps;
  const { variationId } = input;
  return transaction(deps, async ({ tx }) => {
    // The update both checks the tenant and locks the row, so two setters of one variation take turns.
    const { count } = await tx.variation.updateMany({
      where: { id: variationId, tenantId },
      data: { ...(input.basePrice != null ? { price: input.basePrice } : {}), updatedAt: new Date() },
    });
    if (!count) throw new NotFoundError('Variation', String(variationId));

    if (input.categoryPrices) {
      const categoryIds = await resolveCategories(tx, tenantId, input.categoryPrices);
      await tx.variationPrice.deleteMany({ where: { variationId } });
      if (input.categoryPrices.length) {
        await tx.variationPrice.createMany({
          data: input.categoryPrices.map((p, i) => ({ tenantId, variationId, customerCategoryId: categoryIds[i]!, price: p.price })),
        });
      }
    }
    if (input.wholesaleTiers) {
      await tx.wholesalePrice.deleteMany({ where: { variationId } });
      if (input.wholesaleTiers.length) {
        await tx.wholesalePrice.createMany({
          data: input.wholesaleTiers.map((t) => ({ tenantId, variationId, minQty: t.minQty, maxQty: t.maxQty ?? null, price: t.price })),
        });
      }
    }
    return { variationId };
  });
}

/** The category id of each entry, in order: one statement; an unknown code is a problem, another tenant's id not found. */
async function resolveCategories(tx: Tx, tenantId: number, prices: CategoryPriceInput[]): Promise<number[]> {
  const ids = prices.flatMap((p) => (p.categoryId !== null ? [p.categoryId] : []));
  const codes = prices.flatMap((p) => (p.categoryCode !== null ? [p.categoryCode.trim()] : []));
  const found = await tx.customerCategory.findMany({
    where: { tenantId, OR: [{ id: { in: ids } }, { code: { in: codes } }] },
    select: { id: true, code: true },
  });
  const byId = new Set(found.map((c) => c.id));
  const byCode = new Map(found.map((c) => [c.code, c.id]));
  const missingId = ids.find((id) => !byId.has(id));
  if (missingId !== undefined) throw new NotFoundError('CustomerCategory', String(missingId));
  const problems = new Problems();
  const resolved = prices.map((p, index) => {
    if (p.categoryId !== null) return p.categoryId;
    const id = byCode.get(p.categoryCode!.trim());
    if (id === undefined) problems.add(['categoryPrices', index, 'categoryCode'], `no customer category has the code "${p.categoryCode!.trim().slice(0, 50)}"`);
    return id ?? 0;
  });
  checkDistinct(problems, ['categoryPrices'], resolved.map((id) => id || null), 'category');
  problems.throwIfAny();
  return resolved;
}

/**
 * Seed 002 keeps wholesale tiers per product: sets the same tiers on every
 * variation of the product that is not archived, replacing theirs.
 */
export async function setProductWholesale(deps: PricingDeps, input: { productId: number; tiers: TierInput[] }): Promise<{ productId: number; variationCount: number }> {
  const problems = new Problems();
  checkTiers(problems, ['wholesaleTiers'], input.tiers);
  problems.throwIfAny();
  const { tenantId } = deps;
  return transaction(deps, async ({ tx }) => {
    const product = await tx.product.findFirst({ where: { id: input.productId, tenantId }, select: { id: true } });
    if (!product) throw new NotFoundError('Product', String(input.productId));
    const variations = await tx.variation.updateManyAndReturn({
      where: { productId: product.id, tenantId, archivedAt: null },
      data: { updatedAt: new Date() },
      select: { id: true },
    });
    const ids = variations.map((v) => v.id);
    await tx.wholesalePrice.deleteMany({ where: { variationId: { in: ids } } });
    if (input.tiers.length && ids.length) {
      await tx.wholesalePrice.createMany({
        data: ids.flatMap((variationId) => input.tiers.map((t) => ({ tenantId, variationId, minQty: t.minQty, maxQty: t.maxQty ?? null, price: t.price }))),
      });
    }
    return { productId: product.id, variationCount: ids.length };
  });
}
