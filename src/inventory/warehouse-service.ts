// Warehouses (seed 002 /warehouse): create, update, activate / deactivate, delete.
// Code unique per tenant. Delete is refused while the warehouse holds stock or is
// named by order allocations; it locks the row FOR UPDATE, and every stock change
// locks it FOR SHARE, so no stock can arrive between the check and the delete.
import type { KeyScope } from '../auth/viewer.js';
import { transaction, type TransactionDeps, type TransactionScope } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import { DuplicateWarehouseCodeError, WarehouseInUseError } from './errors.js';
import { isUniqueViolation } from '../db/faults.js';

export interface InventoryDeps extends TransactionDeps {
  tenantId: number;
  viewer: { actor: string; scope?: KeyScope };
}

export interface WarehouseFields {
  code?: string | null;
  name?: string | null;
  phone?: string | null;
  address?: string | null;
  postalCode?: string | null;
  regionId?: number | null;
  isActive?: boolean | null;
}

/** Orders in these states hold no stock: their allocations are history. */
export const CLOSED_ORDER_STATUSES = ['COMPLETED', 'CANCELLED', 'RETURNED'] as const;

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const POSTAL_CODE = /^[0-9A-Za-z -]{3,10}$/;

/** Checks every field given; `required` for create. Returns the cleaned values (undefined = unchanged). */
function checkFields(input: WarehouseFields, required: boolean) {
  const problems = new Problems();
  const code = input.code !== undefined || required ? checkText(problems, ['code'], input.code, { required: true, max: 50 }) : undefined;
  if (code && !CODE.test(code)) problems.add(['code'], 'may hold letters, digits, "_", "." and "-" only, starting with a letter or digit');
  const name = input.name !== undefined || required ? checkText(problems, ['name'], input.name, { required: true, max: 200 }) : undefined;
  const phone = checkText(problems, ['phone'], input.phone, { max: 30 });
  if (phone && !/^\+?[0-9 ()-]{5,30}$/.test(phone)) problems.add(['phone'], 'must be a phone number: digits, spaces, "+", "-", "(" and ")"');
  const address = checkText(problems, ['address'], input.address, { max: 500 });
  const postalCode = checkText(problems, ['postalCode'], input.postalCode, { max: 10 });
  if (postalCode && !POSTAL_CODE.test(postalCode)) problems.add(['postalCode'], 'must be 3 to 10 letters or digits');
  if (!required && input.isActive === null) problems.add(['isActive'], 'must be true or false when given');
  return {
    problems,
    data: {
      ...(code !== undefined ? { code } : {}),
      ...(name !== undefined ? { name } : {}),
      // null clears an optional field; an empty string too.
      ...(input.phone !== undefined ? { phone: phone || null } : {}),
      ...(input.address !== undefined ? { address: address || null } : {}),
      ...(input.postalCode !== undefined ? { postalCode: postalCode || null } : {}),
      ...(input.regionId !== undefined ? { regionId: input.regionId } : {}),
      ...(input.isActive != null ? { isActive: input.isActive } : {}),
    },
  };
}

async function checkRegion(scope: TransactionScope, tenantId: number, regionId: number | null | undefined) {
  if (regionId == null) return;
  const region = await scope.tx.region.findFirst({ where: { id: regionId, tenantId }, select: { id: true } });
  if (!region) throw new NotFoundError('Region', String(regionId));
}

async function checkCodeFree(scope: TransactionScope, tenantId: number, code: string | undefined, warehouseId?: number) {
  if (code === undefined) return;
  const existing = await scope.tx.warehouse.findFirst({
    where: { tenantId, code, ...(warehouseId ? { id: { not: warehouseId } } : {}) },
    select: { id: true },
  });
  if (existing) throw new DuplicateWarehouseCodeError(code, existing.id);
}

export async function createWarehouse(deps: InventoryDeps, input: WarehouseFields): Promise<{ warehouseId: number }> {
  const { problems, data } = checkFields(input, true);
  problems.throwIfAny();
  try {
    return await transaction(deps, async (scope) => {
      await checkRegion(scope, deps.tenantId, data.regionId);
      await checkCodeFree(scope, deps.tenantId, data.code);
      const warehouse = await scope.tx.warehouse.create({
        data: { ...data, tenantId: deps.tenantId, code: data.code!, name: data.name! },
        select: { id: true },
      });
      return { warehouseId: warehouse.id };
    });
  } catch (error) {
    // Two creates of one code at once: the unique index refuses the second.
    if (isUniqueViolation(error)) throw new DuplicateWarehouseCodeError(data.code!, null);
    throw error;
  }
}

export async function updateWarehouse(deps: InventoryDeps, warehouseId: number, input: WarehouseFields): Promise<{ warehouseId: number }> {
  const { problems, data } = checkFields(input, false);
  problems.throwIfAny();
  try {
    return await transaction(deps, async (scope) => {
      await findWarehouse(scope, deps.tenantId, warehouseId);
      await checkRegion(scope, deps.tenantId, data.regionId);
      await checkCodeFree(scope, deps.tenantId, data.code, warehouseId);
      await scope.tx.warehouse.update({ where: { id: warehouseId }, data, select: { id: true } });
      return { warehouseId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateWarehouseCodeError(data.code!, null);
    throw error;
  }
}

/** Deactivated warehouses keep their stock and history but take no stock in and no new allocations. */
export function setWarehouseActive(deps: InventoryDeps, warehouseId: number, isActive: boolean): Promise<{ warehouseId: number }> {
  return transaction(deps, async (scope) => {
    await findWarehouse(scope, deps.tenantId, warehouseId);
    await scope.tx.warehouse.update({ where: { id: warehouseId }, data: { isActive }, select: { id: true } });
    return { warehouseId };
  });
}

/**
 * Deletes an empty warehouse. Refused (WarehouseInUseError) while it holds units or
 * is named by any order allocation: open ones need the stock, finished ones are
 * order history. Its zero stock rows and its ledger go with it (they sum to zero).
 */
export function deleteWarehouse(deps: InventoryDeps, warehouseId: number): Promise<{ warehouseId: number; code: string; name: string }> {
  return transaction(deps, async (scope) => {
    const { tx } = scope;
    const locked = await tx.$queryRaw<Array<{ id: number; code: string; name: string }>>`
      SELECT "id", "code", "name" FROM "Warehouse" WHERE "id" = ${warehouseId} AND "tenantId" = ${deps.tenantId} FOR UPDATE`;
    const warehouse = locked[0];
    if (!warehouse) throw new NotFoundError('Warehouse', String(warehouseId));
    // One after the other: an interactive transaction has one connection.
    const stock = await tx.stockLevel.aggregate({ where: { warehouseId }, _sum: { onHand: true } });
    const open = await tx.orderItemAllocation.count({ where: { warehouseId, orderItem: { order: { status: { notIn: [...CLOSED_ORDER_STATUSES] } } } } });
    const closed = await tx.orderItemAllocation.count({ where: { warehouseId, orderItem: { order: { status: { in: [...CLOSED_ORDER_STATUSES] } } } } });
    const onHand = stock._sum.onHand ?? 0;
    if (onHand > 0 || open > 0 || closed > 0) throw new WarehouseInUseError(warehouseId, onHand, open, closed);
    await tx.warehouse.delete({ where: { id: warehouseId } });
    return { warehouseId, code: warehouse.code, name: warehouse.name };
  });
}

async function findWarehouse(scope: TransactionScope, tenantId: number, warehouseId: number) {
  const warehouse = await scope.tx.warehouse.findFirst({ where: { id: warehouseId, tenantId }, select: { id: true, isActive: true } });
  if (!warehouse) throw new NotFoundError('Warehouse', String(warehouseId));
  return warehouse;
}
