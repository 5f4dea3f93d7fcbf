// The tenant's visit statuses: what came of a visit, each of type ORDER (an order
// was taken) or NO_ORDER. Listed by position; the first active ORDER status is
// the default of a visit recorded without one.
import type { VisitStatusType } from '../db/generated/prisma/enums.js';
import type { Tx } from '../db/transaction.js';
import { transaction } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import { DuplicateVisitStatusError, NoDefaultVisitStatusError } from './errors.js';
import { isUniqueViolation } from '../db/faults.js';
import type { SalesDeps } from './sales-team-service.js';

function checkPosition(problems: Problems, position: number | null | undefined) {
  if (position != null && (!Number.isInteger(position) || position < 0 || position > 10_000)) problems.add(['position'], 'must be a whole number from 0 to 10000');
}

export async function createVisitStatus(
  deps: SalesDeps,
  input: { name: string; type: VisitStatusType; position?: number | null; isActive?: boolean | null },
): Promise<{ statusId: number }> {
  const problems = new Problems();
  const name = checkText(problems, ['name'], input.name, { required: true, max: 100 });
  checkPosition(problems, input.position);
  problems.throwIfAny();
  try {
    return await transaction(deps, async ({ tx }) => {
      const existing = await tx.visitStatus.findFirst({ where: { tenantId: deps.tenantId, name: name! }, select: { id: true } });
      if (existing) throw new DuplicateVisitStatusError(name!, existing.id);
      // Without a position it goes last.
      const last = input.position == null ? await tx.visitStatus.aggregate({ where: { tenantId: deps.tenantId }, _max: { position: true } }) : null;
      const position = input.position ?? (last?._max.position == null ? 0 : last._max.position + 1);
      const status = await tx.visitStatus.create({
        data: { tenantId: deps.tenantId, name: name!, type: input.type, position, isActive: input.isActive ?? true },
        select: { id: true },
      });
      return { statusId: status.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateVisitStatusError(name!, null);
    throw error;
  }
}

export async function updateVisitStatus(
  deps: SalesDeps,
  input: { statusId: number; name?: string | null; type?: VisitStatusType | null; position?: number | null; isActive?: boolean | null },
): Promise<{ statusId: number }> {
  const problems = new Problems();
  const name = input.name != null ? checkText(problems, ['name'], input.name, { required: true, max: 100 }) : undefined;
  checkPosition(problems, input.position);
  problems.throwIfAny();
  try {
    return await transaction(deps, async ({ tx }) => {
      const status = await tx.visitStatus.findFirst({ where: { id: input.statusId, tenantId: deps.tenantId }, select: { id: true, name: true } });
      if (!status) throw new NotFoundError('VisitStatus', String(input.statusId));
      if (name !== undefined && name !== status.name) {
        const clash = await tx.visitStatus.findFirst({ where: { tenantId: deps.tenantId, name }, select: { id: true } });
        if (clash) throw new DuplicateVisitStatusError(name, clash.id);
      }
      await tx.visitStatus.update({
        where: { id: status.id },
        data: { name, type: input.type ?? undefined, position: input.position ?? undefined, isActive: input.isActive ?? undefined },
      });
      return { statusId: status.id };
    });
  } catch (error) {
    if (isUniqueViolation(error) && name) throw new DuplicateVisitStatusError(name, null);
    throw error;
  }
}

export async function deactivateVisitStatus(deps: SalesDeps, input: { statusId: number }): Promise<{ statusId: number }> {
  return transaction(deps, async ({ tx }) => {
    const { count } = await tx.visitStatus.updateMany({ where: { id: input.statusId, tenantId: deps.tenantId }, data: { isActive: false } });
    if (!count) throw new NotFoundError('VisitStatus', String(input.statusId));
    return { statusId: input.statusId };
  });
}

/** The status a visit recorded without one gets: the first active ORDER status by position. */
export async function defaultVisitStatus(tx: Tx, tenantId: number): Promise<number> {
  const status = await tx.visitStatus.findFirst({
    where: { tenantId, type: 'ORDER', isActive: true },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { id: true },
  });
  if (!status) throw new NoDefaultVisitStatusError();
  return status.id;
}
