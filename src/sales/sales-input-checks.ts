// Checks the sales services share: a unique-violation test and the active
// references a write points at (same tenant, still active), as validation problems.
import type { Tx } from '../db/transaction.js';
import type { InputPath, Problems } from '../shared/validation.js';

/** The team, if it is the tenant's and active; a problem at `path` otherwise. */
export async function activeTeam(tx: Tx, tenantId: number, teamId: number, problems: Problems, path: InputPath) {
  const team = await tx.salesTeam.findFirst({ where: { id: teamId, tenantId }, select: { id: true, isActive: true } });
  if (!team) problems.add(path, 'no such sales team');
  else if (!team.isActive) problems.add(path, 'the sales team is inactive');
  return team?.isActive ? team : null;
}

/** The rep (with its team), if it is the tenant's and active; a problem at `path` otherwise. */
export async function activeRep(tx: Tx, tenantId: number, repId: number, problems: Problems, path: InputPath) {
  const rep = await tx.salesRep.findFirst({ where: { id: repId, tenantId }, select: { id: true, isActive: true, teamId: true } });
  if (!rep) problems.add(path, 'no such sales rep');
  else if (!rep.isActive) problems.add(path, 'the sales rep is inactive');
  return rep?.isActive ? rep : null;
}
