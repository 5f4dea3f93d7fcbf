// Product categories (seed 002 /product-category create, update, delete): a tree
// through `parent`, names unique per tenant, no cycles, delete refused while
// products or sub-categories are filed under it. No GraphQL here.
import { transaction, type TransactionScope } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import type { CatalogDeps } from './catalog-guards.js';
import { DuplicateProductCategoryNameError, ProductCategoryInUseError } from './errors.js';
import { isUniqueViolation } from '../db/faults.js';

export interface ProductCategoryFields {
  name?: string | null;
  /** Parent category; null puts it at the top. */
  parentId?: number | null;
}

function checkFields(input: ProductCategoryFields, required: boolean) {
  const problems = new Problems();
  const name = input.name !== undefined || required ? checkText(problems, ['name'], input.name, { required: true, max: 100 }) : undefined;
  problems.throwIfAny();
  return {
    ...(name !== undefined ? { name } : {}),
    ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
  };
}

async function checkNameFree(scope: TransactionScope, tenantId: number, name: string | undefined, categoryId?: number) {
  if (name === undefined) return;
  const other = await scope.tx.productCategory.findFirst({
    where: { tenantId, name, ...(categoryId ? { id: { not: categoryId } } : {}) },
    select: { id: true },
  });
  if (other) throw new DuplicateProductCategoryNameError(name, other.id);
}

/**
 * The parent must be the tenant's and must not be the category itself or one of
 * its descendants. The tenant's categories are locked while the tree changes, so
 * two moves at once cannot close a loop between them.
 */
async function checkParent(scope: TransactionScope, tenantId: number, parentId: number | null | undefined, categoryId?: number) {
  if (parentId == null) return;
  const tree = await scope.tx.$queryRaw<Array<{ id: number; parentId: number | null }>>`
    SELECT "id", "parentId" FROM "ProductCategory" WHERE "tenantId" = ${tenantId} ORDER BY "id" FOR UPDATE`;
  const parents = new Map(tree.map((c) => [c.id, c.parentId]));
  if (!parents.has(parentId)) throw new NotFoundError('ProductCategory', String(parentId));
  if (categoryId === undefined) return;
  const problems = new Problems();
  // Walk up from the new parent; meeting the category itself means it would sit under itself.
  for (let at: number | null | undefined = parentId, steps = 0; at != null && steps <= parents.size; at = parents.get(at), steps += 1) {
    if (at === categoryId) {
      problems.add(['parent'], at === parentId ? 'a category cannot be its own parent' : 'would put the category under one of its own sub-categories');
      break;
    }
  }
  problems.throwIfAny();
}

async function withNameRace<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    // Two writes of one name at once: the unique index refuses the second.
    if (name !== undefined && isUniqueViolation(error)) throw new DuplicateProductCategoryNameError(name, null);
    throw error;
  }
}

export async function createProductCategory(deps: CatalogDeps, input: ProductCategoryFields): Promise<{ productCategoryId: number }> {
  const data = checkFields(input, true);
  return withNameRace(data.name, () =>
    transaction(deps, async (scope) => {
      await checkParent(scope, deps.tenantId, data.parentId);
      await checkNameFree(scope, deps.tenantId, data.name);
      const row = await scope.tx.productCategory.create({
        data: { tenantId: deps.tenantId, name: data.name!, parentId: data.parentId ?? null },
        select: { id: true },
      });
      return { productCategoryId: row.id };
    }),
  );
}

export async function updateProductCategory(deps: CatalogDeps, categoryId: number, input: ProductCategoryFields): Promise<{ productCategoryId: number }> {
  const data = checkFields(input, false);
  return withNameRace(data.name, () =>
    transaction(deps, async (scope) => {
      const found = await scope.tx.productCategory.findFirst({ where: { id: categoryId, tenantId: deps.tenantId }, select: { id: true } });
      if (!found) throw new NotFoundError('ProductCategory', String(categoryId));
      await checkParent(scope, deps.tenantId, data.parentId, categoryId);
      await checkNameFree(scope, deps.tenantId, data.name, categoryId);
      await scope.tx.productCategory.update({ where: { id: categoryId }, data, select: { id: true } });
      return { productCategoryId: categoryId };
    }),
  );
}

/**
 * Deletes a category that nothing is filed under. The row is locked first: a
 * product being filed under it at the same moment waits, then fails to find it.
 */
export function deleteProductCategory(deps: CatalogDeps, categoryId: number): Promise<{ productCategoryId: number; name: string }> {
  return transaction(deps, async (scope) => {
    const rows = await scope.tx.$queryRaw<Array<{ id: number; name: string }>>`
      SELECT "id", "name" FROM "ProductCategory" WHERE "id" = ${categoryId} AND "tenantId" = ${deps.tenantId} FOR UPDATE`;
    const category = rows[0];
    if (!category) throw new NotFoundError('ProductCategory', String(categoryId));
    const productCount = await scope.tx.product.count({ where: { categoryId } });
    const childCount = await scope.tx.productCategory.count({ where: { parentId: categoryId } });
    if (productCount > 0 || childCount > 0) throw new ProductCategoryInUseError(categoryId, productCount, childCount);
    await scope.tx.productCategory.delete({ where: { id: categoryId } });
    return { productCategoryId: categoryId, name: category.name };
  });
}
