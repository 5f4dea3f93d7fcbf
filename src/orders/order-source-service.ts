// The tenant's order sources (seed 002 order sources): named sales channels an order
// may name. Names are unique per tenant, compared case-insensitively. Deactivated
// sources stay on the orders that name them but are refused on new orders.
import { transaction, type TransactionDeps, type Tx } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import { DuplicateOrderSourceError } from './order-source-errors.js';
import { isUniqueViolation } from '../db/faults.js';

export interface OrderSourceDeps extends TransactionDeps {
  tenantId: number;
}

/** Longest order source name. */
export const ORDER_SOURCE_NAME_MAX = 100;

/** Another source with this name, case aside (compared here: a catalogue is a few dozen rows, and ILIKE would read "_" and "%" as patterns). */
async function sameName(tx: Tx, tenantId: number, name: string, exceptId: number | null) {
  const sources = await tx.orderSource.findMany({ where: { tenantId }, select: { id: true, name: true } });
  const wanted = name.toLowerCase();
  return sources.find((s) => s.id !== exceptId && s.name.toLowerCase() === wanted) ?? null;
}

export async function createOrderSource(deps: OrderSourceDeps, input: { name: string; isActive?: boolean | null }): Promise<{ sourceId: number }> {
  const problems = new Problems();
  const name = checkText(problems, ['name'], input.name, { required: true, max: ORDER_SOURCE_NAME_MAX });
  problems.throwIfAny();
  try {
    return await transaction(deps, async ({ tx }) => {
      const clash = await sameName(tx, deps.tenantId, name!, null);
      if (clash) throw new DuplicateOrderSourceError(name!, clash.id);
      const source = await tx.orderSource.create({ data: { tenantId: deps.tenantId, name: name!, isActive: input.isActive ?? true }, select: { id: true } });
      return { sourceId: source.id };
    });
  } catch (error) {
    // Two creates of one name at once: the unique index refuses the second.
    if (isUniqueViolation(error)) throw new DuplicateOrderSourceError(name!, null);
    throw error;
  }
}

export async function updateOrderSource(
  deps: OrderSourceDeps,
  input: { sourceId: number; name?: string | null; isActive?: boolean | null },
): Promise<{ sourceId: number }> {
  const problems = new Problems();
  const name = input.name != null ? checkText(problems, ['name'], input.name, { required: true, max: ORDER_SOURCE_NAME_MAX }) : undefined;
  problems.throwIfAny();
  try {
    return await transaction(deps, async ({ tx }) => {
      const source = await tx.orderSource.findFirst({ where: { id: input.sourceId, tenantId: deps.tenantId }, select: { id: true } });
      if (!source) throw new NotFoundError('OrderSource', String(input.sourceId));
      if (name !== undefined) {
        const clash = await sameName(tx, deps.tenantId, name, source.id);
        if (clash) throw new DuplicateOrderSourceError(name, clash.id);
      }
      await tx.orderSource.update({ where: { id: source.id }, data: { name, isActive: input.isActive ?? undefined } });
      return { sourceId: source.id };
    });
  } catch (error) {
    if (isUniqueViolation(error) && name) throw new DuplicateOrderSourceError(name, null);
    throw error;
  }
}

export async function deactivateOrderSource(deps: OrderSourceDeps, input: { sourceId: number }): Promise<{ sourceId: number }> {
  return transaction(deps, async ({ tx }) => {
    const { count } = await tx.orderSource.updateMany({ where: { id: input.sourceId, tenantId: deps.tenantId }, data: { isActive: false } });
    if (!count) throw new NotFoundError('OrderSource', String(input.sourceId));
    return { sourceId: input.sourceId };
  });
}
