// Variations (seed 002 product variations inside product create / update, DELETE
// /product/variation): add to a product, update, archive / unarchive, delete.
// Prices beyond `price` and `costPrice` are set by variationPricesSet (pricing).
import { transaction, type TransactionScope } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { Problems } from '../shared/validation.js';
import { assertVariationsDeletable, checkSkusFree, withSkuRace, type CatalogDeps } from './catalog-guards.js';
import { LastVariationError } from './errors.js';
import { checkVariationFields, MAX_VARIATIONS, variationData, type VariationFields } from './product-rules.js';

export async function createVariation(deps: CatalogDeps, productId: number, input: VariationFields): Promise<{ variationId: number }> {
  const problems = new Problems();
  const data = checkVariationFields(problems, [], input, true);
  problems.throwIfAny();
  const { tenantId } = deps;
  const skus = [{ sku: data.sku!, path: ['sku'] }];
  return withSkuRace(deps, skus, () =>
    transaction(deps, async (scope) => {
      const rows = await scope.tx.$queryRaw<Array<{ id: number; weightGrams: number }>>`
        SELECT "id", "weightGrams" FROM "Product" WHERE "id" = ${productId} AND "tenantId" = ${tenantId} FOR UPDATE`;
      const product = rows[0];
      if (!product) throw new NotFoundError('Product', String(productId));
      const count = await scope.tx.variation.count({ where: { productId } });
      if (count >= MAX_VARIATIONS) new Problems().add(['product'], `a product has at most ${MAX_VARIATIONS} variations`).throwIfAny();
      await checkSkusFree(scope, tenantId, skus);
      const row = await scope.tx.variation.create({
        data: {
          ...variationData(data),
          sku: data.sku!,
          price: data.price!.toFixed(2),
          weightGrams: data.weightGrams ?? product.weightGrams,
          tenantId,
          productId,
        },
        select: { id: true },
      });
      return { variationId: row.id };
    }),
  );
}

/** Locks the variation row (FOR UPDATE) after checking it is the tenant's. */
async function lockVariation(scope: TransactionScope, tenantId: number, variationId: number) {
  const rows = await scope.tx.$queryRaw<Array<{ id: number }>>`
    SELECT "id" FROM "Variation" WHERE "id" = ${variationId} AND "tenantId" = ${tenantId} FOR UPDATE`;
  if (!rows.length) throw new NotFoundError('Variation', String(variationId));
  return scope.tx.variation.findUniqueOrThrow({
    where: { id: variationId },
    select: { id: true, sku: true, productId: true, images: true, primaryImageIndex: true, archivedAt: true },
  });
}

/** Changes the fields given; null clears name, size, colour, costPrice and primaryImageIndex. */
export async function updateVariation(deps: CatalogDeps, variationId: number, input: VariationFields): Promise<{ variationId: number }> {
  const { tenantId } = deps;
  const sku = input.sku?.trim();
  const skus = sku ? [{ sku, path: ['sku'], variationId }] : [];
  return withSkuRace(deps, skus, () =>
    transaction(deps, async (scope) => {
      const stored = await lockVariation(scope, tenantId, variationId);
      // All checks after reading the row (the image index points into the stored images), before any write.
      const problems = new Problems();
      const data = checkVariationFields(problems, [], input, false, stored);
      problems.throwIfAny();
      await checkSkusFree(scope, tenantId, skus);
      await scope.tx.variation.update({ where: { id: variationId }, data: variationData(data), select: { id: true } });
      return { variationId };
    }),
  );
}

/** Archived variations are no longer sold but keep their history; archiving twice keeps the first time. */
export function setVariationArchived(deps: CatalogDeps, variationId: number, archived: boolean): Promise<{ variationId: number }> {
  return transaction(deps, async (scope) => {
    const stored = await lockVariation(scope, deps.tenantId, variationId);
    const archivedAt = archived ? (stored.archivedAt ?? new Date()) : null;
    await scope.tx.variation.update({ where: { id: variationId }, data: { archivedAt }, select: { id: true } });
    return { variationId };
  });
}

/**
 * Deletes a variation with its prices and empty stock rows. Refused for the last
 * variation of its product (LastVariationError), and while orders reference it or
 * it holds stock (see assertVariationsDeletable).
 */
export function deleteVariation(deps: CatalogDeps, variationId: number): Promise<{ variationId: number; sku: string; productId: number }> {
  return transaction(deps, async (scope) => {
    const found = await scope.tx.variation.findFirst({ where: { id: variationId, tenantId: deps.tenantId }, select: { productId: true } });
    if (!found) throw new NotFoundError('Variation', String(variationId));
    // Product first, as productDelete does: two deletes of a product's last two variations take turns.
    await scope.tx.$queryRaw`SELECT "id" FROM "Product" WHERE "id" = ${found.productId} FOR UPDATE`;
    const stored = await lockVariation(scope, deps.tenantId, variationId);
    const siblings = await scope.tx.variation.count({ where: { productId: stored.productId } });
    if (siblings <= 1) throw new LastVariationError(variationId, stored.productId);
    await assertVariationsDeletable(scope, [stored]);
    await scope.tx.variation.delete({ where: { id: variationId } });
    return { variationId, sku: stored.sku, productId: stored.productId };
  });
}
