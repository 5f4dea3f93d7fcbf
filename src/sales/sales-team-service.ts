// Sales teams: a named group of reps; orders and visits are attributed to one.
// Names are unique per tenant; a deactivated team stays for the history.
import { transaction, type TransactionDeps } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import { DuplicateSalesTeamError } from './errors.js';
import { isUniqueViolation } from '../db/faults.js';

export interface SalesDeps extends TransactionDeps {
  tenantId: number;
}

export async function createTeam(deps: SalesDeps, input: { name: string; isActive?: boolean | null }): Promise<{ teamId: number }> {
  const problems = new Problems();
  const name = checkText(problems, ['name'], input.name, { required: true, max: 100 });
  problems.throwIfAny();
  try {
    return await transaction(deps, async ({ tx }) => {
      const existing = await tx.salesTeam.findFirst({ where: { tenantId: deps.tenantId, name: name! }, select: { id: true } });
      if (existing) throw new DuplicateSalesTeamError(name!, existing.id);
      const team = await tx.salesTeam.create({ data: { tenantId: deps.tenantId, name: name!, isActive: input.isActive ?? true }, select: { id: true } });
      return { teamId: team.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateSalesTeamError(name!, null);
    throw error;
  }
}

export async function updateTeam(deps: SalesDeps, input: { teamId: number; name?: string | null; isActive?: boolean | null }): Promise<{ teamId: number }> {
  const problems = new Problems();
  const name = input.name != null ? checkText(problems, ['name'], input.name, { required: true, max: 100 }) : undefined;
  problems.throwIfAny();
  try {
    return await transaction(deps, async ({ tx }) => {
      const team = await tx.salesTeam.findFirst({ where: { id: input.teamId, tenantId: deps.tenantId }, select: { id: true, name: true } });
      if (!team) throw new NotFoundError('SalesTeam', String(input.teamId));
      if (name !== undefined && name !== team.name) {
        const clash = await tx.salesTeam.findFirst({ where: { tenantId: deps.tenantId, name }, select: { id: true } });
        if (clash) throw new DuplicateSalesTeamError(name, clash.id);
      }
      await tx.salesTeam.update({ where: { id: team.id }, data: { name, isActive: input.isActive ?? undefined } });
      return { teamId: team.id };
    });
  } catch (error) {
    if (isUniqueViolation(error) && name) throw new DuplicateSalesTeamError(name, null);
    throw error;
  }
}

export async function deactivateTeam(deps: SalesDeps, input: { teamId: number }): Promise<{ teamId: number }> {
  return transaction(deps, async ({ tx }) => {
    const { count } = await tx.salesTeam.updateMany({ where: { id: input.teamId, tenantId: deps.tenantId }, data: { isActive: false } });
    if (!count) throw new NotFoundError('SalesTeam', String(input.teamId));
    return { teamId: input.teamId };
  });
}
