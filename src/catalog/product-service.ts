// Products (seed 002 POST / PATCH / DELETE /product): create with their variations
// in one call, update, archive / unarchive, delete. Validated in full first, one
// transaction each, another tenant's ids are NotFound. No GraphQL here.
import { checkInitialStock, putInitialStock, type InitialStock } from '../inventory/stock-service.js';
import type { StockType } from '../db/generated/prisma/enums.js';
import { transaction, type TransactionScope } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { Problems } from '../shared/validation.js';
import {
  assertVariationsDeletable,
  checkProductReferences,
  checkSkusFree,
  withSkuRace,
  type CatalogDeps,
  type SkuEntry,
} from './catalog-guards.js';
import { DuplicateSkuError } from './errors.js';
import {
  checkPreorder,
  checkProductFields,
  checkVariationFields,
  MAX_VARIATIONS,
  variationData,
  type ProductFields,
  type VariationFields,
} from './product-rules.js';
import { firstRepeatedSku } from './sku.js';

export interface ProductCreateFields extends ProductFields {
  variations: Array<VariationFields & { initialStock?: InitialStock[] | null }>;
}

export async function createProduct(deps: CatalogDeps, input: ProductCreateFields): Promise<{ productId: number }> {
  const problems = new Problems();
  const product = checkProductFields(problems, input, true);
  const stockType: StockType = input.stockType ?? 'OWN';
  const preorder = checkPreorder(problems, stockType, input);
  if (!input.variations.length) problems.add(['variations'], 'a product needs at least one variation');
  if (input.variations.length > MAX_VARIATIONS) problems.add(['variations'], `at most ${MAX_VARIATIONS} variations`);
  const variations = input.variations.map((v, index) => checkVariationFields(problems, ['variations', index], v, true));
  input.variations.forEach((v, index) => {
    const stock = v.initialStock ?? [];
    checkInitialStock(problems, ['variations', index, 'initialStock'], stock);
    problems.check(!stock.length || stockType === 'OWN', ['variations', index, 'initialStock'], 'only OWN products keep stock');
  });
  problems.throwIfAny();
  const skus: SkuEntry[] = variations.map((v, index) => ({ sku: v.sku!, path: ['variations', String(index), 'sku'] }));
  const repeated = firstRepeatedSku(skus);
  if (repeated) throw new DuplicateSkuError(repeated.sku, repeated.path, null);

  const { tenantId } = deps;
  return withSkuRace(deps, skus, () =>
    transaction(deps, async (scope) => {
      await checkProductReferences(scope, tenantId, product);
      await checkSkusFree(scope, tenantId, skus);
      const created = await scope.tx.product.create({
        data: { ...product, ...preorder, name: product.name!, stockType, tenantId },
        select: { id: true, weightGrams: true },
      });
      // One statement for all variations; they read back oldest (= input order) first.
      const rows = await scope.tx.variation.createManyAndReturn({
        select: { id: true, sku: true },
        data: variations.map((v) => ({
          ...variationData(v),
          sku: v.sku!,
          price: v.price!.toFixed(2),
          weightGrams: v.weightGrams ?? created.weightGrams,
          tenantId,
          productId: created.id,
        })),
      });
      const idOf = new Map(rows.map((r) => [r.sku, r.id]));
      await putInitialStock(
        scope,
        deps,
        input.variations.flatMap((v, index) => (v.initialStock ?? []).map((e) => ({ ...e, variationId: idOf.get(variations[index]!.sku!)! }))),
      );
      return { productId: created.id };
    }),
  );
}

/** Locks the product row (FOR UPDATE) after checking it is the tenant's. */
async function lockProduct(scope: TransactionScope, tenantId: number, productId: number) {
  const rows = await scope.tx.$queryRaw<Array<{ id: number }>>`
    SELECT "id" FROM "Product" WHERE "id" = ${productId} AND "tenantId" = ${tenantId} FOR UPDATE`;
  if (!rows.length) throw new NotFoundError('Product', String(productId));
  return scope.tx.product.findUniqueOrThrow({
    where: { id: productId },
    select: { id: true, name: true, stockType: true, preorderUnit: true, preorderLength: true, archivedAt: true },
  });
}

/**
 * Changes the fields given; null clears description, category, supplier and the
 * preorder time. A product leaves OWN only without units on hand or reserved
 * (SUPPLIER and PREORDER stock is not counted). Leaving PREORDER clears its time.
 */
export async function updateProduct(deps: CatalogDeps, productId: number, input: ProductFields): Promise<{ productId: number }> {
  const { tenantId } = deps;
  return transaction(deps, async (scope) => {
    const stored = await lockProduct(scope, tenantId, productId);
    // All checks after reading the row (the preorder time and stock type depend on it), before any write.
    const problems = new Problems();
    const data = checkProductFields(problems, input, false);
    const stockType = data.stockType ?? stored.stockType;
    const preorder = checkPreorder(problems, stockType, input, stored);
    if (stored.stockType === 'OWN' && stockType !== 'OWN') {
      const stock = await scope.tx.stockLevel.aggregate({
        where: { variation: { productId }, OR: [{ onHand: { gt: 0 } }, { reserved: { gt: 0 } }] },
        _sum: { onHand: true },
      });
      const onHand = stock._sum.onHand;
      if (onHand !== null) problems.add(['stockType'], `cannot leave OWN while its variations hold stock (${onHand} on hand); take the stock out first`);
    }
    problems.throwIfAny();
    await checkProductReferences(scope, tenantId, data);
    await scope.tx.product.update({ where: { id: productId }, data: { ...data, ...preorder }, select: { id: true } });
    return { productId };
  });
}

/** Archived products leave the catalog and storefronts but keep their history; archiving twice keeps the first time. */
export function setProductArchived(deps: CatalogDeps, productId: number, archived: boolean): Promise<{ productId: number }> {
  return transaction(deps, async (scope) => {
    const stored = await lockProduct(scope, deps.tenantId, productId);
    const archivedAt = archived ? (stored.archivedAt ?? new Date()) : null;
    await scope.tx.product.update({ where: { id: productId }, data: { archivedAt }, select: { id: true } });
    return { productId };
  });
}

/**
 * Deletes a product with its variations, their prices and empty stock rows.
 * Refused while an order references one of its variations (open: VariationInUseError;
 * finished: VariationInOrderHistoryError, archive instead) or one holds stock.
 */
export function deleteProduct(deps: CatalogDeps, productId: number): Promise<{ productId: number; name: string; variationIds: number[]; skus: string[] }> {
  return transaction(deps, async (scope) => {
    const stored = await lockProduct(scope, deps.tenantId, productId);
    // Locked so no order line can reference them between the check and the delete.
    const variations = await scope.tx.$queryRaw<Array<{ id: number; sku: string }>>`
      SELECT "id", "sku" FROM "Variation" WHERE "productId" = ${productId} ORDER BY "id" FOR UPDATE`;
    await assertVariationsDeletable(scope, variations);
    await scope.tx.product.delete({ where: { id: productId } });
    return { productId, name: stored.name, variationIds: variations.map((v) => v.id), skus: variations.map((v) => v.sku) };
  });
}
