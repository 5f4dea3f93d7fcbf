// Sales reps: the people who visit customers and take orders, each in at most one
// team. A deactivated rep stays on the orders and visits that name them.
import { transaction } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import { activeTeam } from './sales-input-checks.js';
import type { SalesDeps } from './sales-team-service.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

interface RepFields {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  /** Team id; null takes the rep out of any team. */
  teamId?: number | null;
  isActive?: boolean | null;
}

function checkFields(problems: Problems, input: RepFields, creating: boolean) {
  const name = input.name != null || creating ? checkText(problems, ['name'], input.name, { required: true, max: 200 }) : undefined;
  const phone = input.phone != null ? checkText(problems, ['phone'], input.phone, { max: 30 }) : undefined;
  if (phone && !PHONE.test(phone)) problems.add(['phone'], 'must be a phone number, e.g. "0812 3456 7890"');
  const email = input.email != null ? checkText(problems, ['email'], input.email, { max: 200 }) : undefined;
  if (email && !EMAIL.test(email)) problems.add(['email'], 'must be an e-mail address');
  // An empty string clears an optional contact field.
  return { name, phone: phone === '' ? null : phone, email: email === '' ? null : email };
}

export async function createRep(deps: SalesDeps, input: RepFields & { name: string }): Promise<{ repId: number }> {
  const problems = new Problems();
  const fields = checkFields(problems, input, true);
  problems.throwIfAny();
  return transaction(deps, async ({ tx }) => {
    if (input.teamId != null) await activeTeam(tx, deps.tenantId, input.teamId, problems, ['team']);
    problems.throwIfAny();
    const rep = await tx.salesRep.create({
      data: { tenantId: deps.tenantId, name: fields.name!, phone: fields.phone ?? null, email: fields.email ?? null, teamId: input.teamId ?? null, isActive: input.isActive ?? true },
      select: { id: true },
    });
    return { repId: rep.id };
  });
}

export async function updateRep(deps: SalesDeps, input: RepFields & { repId: number }): Promise<{ repId: number }> {
  const problems = new Problems();
  const fields = checkFields(problems, input, false);
  problems.throwIfAny();
  return transaction(deps, async ({ tx }) => {
    const rep = await tx.salesRep.findFirst({ where: { id: input.repId, tenantId: deps.tenantId }, select: { id: true, teamId: true } });
    if (!rep) throw new NotFoundError('SalesRep', String(input.repId));
    if (input.teamId != null && input.teamId !== rep.teamId) await activeTeam(tx, deps.tenantId, input.teamId, problems, ['team']);
    problems.throwIfAny();
    await tx.salesRep.update({
      where: { id: rep.id },
      data: { name: fields.name, phone: fields.phone, email: fields.email, teamId: input.teamId, isActive: input.isActive ?? undefined },
    });
    return { repId: rep.id };
  });
}

export async function deactivateRep(deps: SalesDeps, input: { repId: number }): Promise<{ repId: number }> {
  return transaction(deps, async ({ tx }) => {
    const { count } = await tx.salesRep.updateMany({ where: { id: input.repId, tenantId: deps.tenantId }, data: { isActive: false } });
    if (!count) throw new NotFoundError('SalesRep', String(input.repId));
    return { repId: input.repId };
  });
}
