// Customer categories (seed 002 /customer-category create, update; delete added):
// code unique per tenant, name, active flag and the discount / wholesale access
// that pricing reads. No GraphQL here.
import { transaction, type TransactionDeps } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import { CustomerCategoryInUseError, DuplicateCustomerCategoryError } from './customer-category-errors.js';
import { isUniqueViolation } from '../db/faults.js';

export interface CategoryDeps extends TransactionDeps {
  tenantId: number;
}

export interface CategoryFields {
  code?: string | null;
  name?: string | null;
  isActive?: boolean | null;
  discountAccess?: boolean | null;
  wholesaleAccess?: boolean | null;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

function checkCode(problems: Problems, code: string | null | undefined): string | undefined {
  const text = checkText(problems, ['code'], code, { required: true, max: 20 });
  if (text && !CODE.test(text)) problems.add(['code'], 'may hold letters, digits, "_" and "-" only, starting with a letter or digit');
  return text;
}

/** Seed 002 numbers custom categories "1", "2", ...: the next number no category of the tenant uses. */
function nextNumericCode(codes: string[]): string {
  const numbers = codes.filter((c) => /^\d{1,9}$/.test(c)).map(Number);
  return String(numbers.length ? Math.max(...numbers) + 1 : 1);
}

export async function createCustomerCategory(deps: CategoryDeps, input: CategoryFields & { name: string }): Promise<{ categoryId: number }> {
  const problems = new Problems();
  const code = input.code != null ? checkCode(problems, input.code) : undefined;
  const name = checkText(problems, ['name'], input.name, { required: true, max: 100 });
  problems.throwIfAny();
  let chosen = code;
  try {
    return await transaction(deps, async ({ tx }) => {
      if (chosen === undefined) {
        const existing = await tx.customerCategory.findMany({ where: { tenantId: deps.tenantId }, select: { code: true } });
        chosen = nextNumericCode(existing.map((c) => c.code));
      } else {
        const clash = await tx.customerCategory.findFirst({ where: { tenantId: deps.tenantId, code: chosen }, select: { id: true } });
        if (clash) throw new DuplicateCustomerCategoryError(chosen);
      }
      const category = await tx.customerCategory.create({
        data: {
          tenantId: deps.tenantId,
          code: chosen,
          name: name!,
          isActive: input.isActive ?? true,
          discountAccess: input.discountAccess ?? true,
          wholesaleAccess: input.wholesaleAccess ?? true,
        },
        select: { id: true },
      });
      return { categoryId: category.id };
    });
  } catch (error) {
    // Two creates of one code at once: the unique index refuses the second.
    if (isUniqueViolation(error)) throw new DuplicateCustomerCategoryError(chosen ?? '');
    throw error;
  }
}

export async function updateCustomerCategory(deps: CategoryDeps, input: CategoryFields & { categoryId: number }): Promise<{ categoryId: number }> {
  const problems = new Problems();
  const code = input.code != null ? checkCode(problems, input.code) : undefined;
  const name = input.name != null ? checkText(problems, ['name'], input.name, { required: true, max: 100 }) : undefined;
  problems.throwIfAny();
  try {
    return await transaction(deps, async ({ tx }) => {
      const category = await tx.customerCategory.findFirst({ where: { id: input.categoryId, tenantId: deps.tenantId }, select: { id: true, code: true } });
      if (!category) throw new NotFoundError('CustomerCategory', String(input.categoryId));
      if (code !== undefined && code !== category.code) {
        const clash = await tx.customerCategory.findFirst({ where: { tenantId: deps.tenantId, code }, select: { id: true } });
        if (clash) throw new DuplicateCustomerCategoryError(code);
      }
      await tx.customerCategory.update({
        where: { id: category.id },
        data: {
          code,
          name,
          isActive: input.isActive ?? undefined,
          discountAccess: input.discountAccess ?? undefined,
          wholesaleAccess: input.wholesaleAccess ?? undefined,
        },
      });
      return { categoryId: category.id };
    });
  } catch (error) {
    if (isUniqueViolation(error) && code) throw new DuplicateCustomerCategoryError(code);
    throw error;
  }
}

/**
 * Deletes a category nobody uses: no customer (deleted ones aside) and no order
 * refer to it. Its variation prices go with it. The row is locked first, so a
 * customer put in the category meanwhile either is counted or fails its own write.
 */
export async function deleteCustomerCategory(deps: CategoryDeps, input: { categoryId: number }): Promise<{ categoryId: number; deletedPriceCount: number }> {
  return transaction(deps, async ({ tx }) => {
    const rows = await tx.$queryRaw<Array<{ id: number; code: string }>>`
      SELECT "id", "code" FROM "CustomerCategory" WHERE "id" = ${input.categoryId} AND "tenantId" = ${deps.tenantId} FOR UPDATE`;
    const category = rows[0];
    if (!category) throw new NotFoundError('CustomerCategory', String(input.categoryId));
    const [customerCount, orderCount] = [
      await tx.customer.count({ where: { tenantId: deps.tenantId, categoryId: category.id, deletedAt: null } }),
      await tx.order.count({ where: { tenantId: deps.tenantId, customerCategoryId: category.id } }),
    ];
    if (customerCount || orderCount) throw new CustomerCategoryInUseError(category.code, customerCount, orderCount);
    const { count: deletedPriceCount } = await tx.variationPrice.deleteMany({ where: { customerCategoryId: category.id } });
    await tx.customerCategory.delete({ where: { id: category.id } });
    return { categoryId: category.id, deletedPriceCount };
  });
}
