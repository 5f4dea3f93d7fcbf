// Visits: a rep's call on a customer, with its outcome (a visit status), notes and
// the order taken there, if any. The team is the one given, else the rep's.
import { transaction } from '../db/transaction.js';
import type { Tx } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import { activeRep, activeTeam } from './sales-input-checks.js';
import type { SalesDeps } from './sales-team-service.js';
import { defaultVisitStatus } from './visit-status-service.js';

interface VisitFields {
  customerId?: number;
  repId?: number;
  /** Team id; null on update clears it. */
  teamId?: number | null;
  statusId?: number | null;
  visitedAt?: Date | null;
  notes?: string | null;
  /** The order taken during the visit; null on update detaches it. */
  orderId?: number | null;
}

/** Checks the references of a visit (same tenant, active, an order on no other visit); problems by field. */
async function checkRefs(tx: Tx, tenantId: number, input: VisitFields, problems: Problems, visitId: number | null) {
  if (input.customerId !== undefined) {
    const customer = await tx.customer.findFirst({ where: { id: input.customerId, tenantId, deletedAt: null }, select: { id: true } });
    if (!customer) problems.add(['customer'], 'no such customer');
  }
  const rep = input.repId !== undefined ? await activeRep(tx, tenantId, input.repId, problems, ['salesRep']) : undefined;
  if (input.teamId != null) await activeTeam(tx, tenantId, input.teamId, problems, ['team']);
  if (input.statusId != null) {
    const status = await tx.visitStatus.findFirst({ where: { id: input.statusId, tenantId }, select: { isActive: true } });
    if (!status) problems.add(['status'], 'no such visit status');
    else if (!status.isActive) problems.add(['status'], 'the visit status is inactive');
  }
  if (input.orderId != null) {
    const order = await tx.order.findFirst({ where: { id: input.orderId, tenantId }, select: { id: true, customerId: true, visit: { select: { id: true } } } });
    if (!order) problems.add(['order'], 'no such order');
    else if (order.visit && order.visit.id !== visitId) problems.add(['order'], 'the order is already on another visit');
  }
  return rep;
}

export async function createVisit(deps: SalesDeps, input: VisitFields & { customerId: number; repId: number }): Promise<{ visitId: number }> {
  const problems = new Problems();
  const notes = checkText(problems, ['notes'], input.notes, { max: 2000 });
  problems.throwIfAny();
  return transaction(deps, async ({ tx }) => {
    const rep = await checkRefs(tx, deps.tenantId, input, problems, null);
    problems.throwIfAny();
    const statusId = input.statusId ?? (await defaultVisitStatus(tx, deps.tenantId));
    const visit = await tx.visit.create({
      data: {
        tenantId: deps.tenantId,
        customerId: input.customerId,
        salesRepId: input.repId,
        teamId: input.teamId ?? rep?.teamId ?? null,
        statusId,
        visitedAt: input.visitedAt ?? new Date(),
        notes: notes || null,
        orderId: input.orderId ?? null,
      },
      select: { id: true },
    });
    return { visitId: visit.id };
  });
}

export async function updateVisit(deps: SalesDeps, input: VisitFields & { visitId: number }): Promise<{ visitId: number }> {
  const problems = new Problems();
  const notes = input.notes != null ? checkText(problems, ['notes'], input.notes, { max: 2000 }) : undefined;
  problems.throwIfAny();
  return transaction(deps, async ({ tx }) => {
    const visit = await tx.visit.findFirst({ where: { id: input.visitId, tenantId: deps.tenantId }, select: { id: true, salesRepId: true, teamId: true } });
    if (!visit) throw new NotFoundError('Visit', String(input.visitId));
    const repChanges = input.repId !== undefined && input.repId !== visit.salesRepId;
    const rep = await checkRefs(tx, deps.tenantId, { ...input, repId: repChanges ? input.repId : undefined }, problems, visit.id);
    problems.throwIfAny();
    // A new rep brings their team unless a team is given.
    const teamId = input.teamId !== undefined ? input.teamId : repChanges ? (rep?.teamId ?? null) : undefined;
    await tx.visit.update({
      where: { id: visit.id },
      data: {
        customerId: input.customerId,
        salesRepId: repChanges ? input.repId : undefined,
        teamId,
        statusId: input.statusId ?? undefined,
        visitedAt: input.visitedAt ?? undefined,
        notes: notes === undefined ? undefined : notes || null,
        orderId: input.orderId,
      },
    });
    return { visitId: visit.id };
  });
}
