// The tenant's reason catalogue (seed 000 GET /order-reasons): cancel, return and
// pending reasons, code unique per tenant and kind. Deactivated reasons stay for
// the history that refers to them.
import type { ReasonKind } from '../db/generated/prisma/enums.js';
import { transaction, type TransactionDeps } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import { DuplicateOrderReasonError } from './order-reason-errors.js';
import { isUniqueViolation } from '../db/faults.js';

export interface ReasonDeps extends TransactionDeps {
  tenantId: number;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function checkCode(problems: Problems, code: string | null | undefined, required: boolean) {
  const text = checkText(problems, ['code'], code, { required, max: 50 });
  if (text && !CODE.test(text)) problems.add(['code'], 'may hold letters, digits, "_", "." and "-" only, starting with a letter or digit');
  return text;
}

export async function createReason(
  deps: ReasonDeps,
  input: { kind: ReasonKind; code: string; label: string; isActive?: boolean | null },
): Promise<{ reasonId: number }> {
  const problems = new Problems();
  const code = checkCode(problems, input.code, true);
  const label = checkText(problems, ['label'], input.label, { required: true, max: 200 });
  problems.throwIfAny();
  try {
    return await transaction(deps, async ({ tx }) => {
      const existing = await tx.orderReason.findFirst({ where: { tenantId: deps.tenantId, kind: input.kind, code: code! }, select: { id: true } });
      if (existing) throw new DuplicateOrderReasonError(input.kind, code!, existing.id);
      const reason = await tx.orderReason.create({
        data: { tenantId: deps.tenantId, kind: input.kind, code: code!, label: label!, isActive: input.isActive ?? true },
        select: { id: true },
      });
      return { reasonId: reason.id };
    });
  } catch (error) {
    // Two creates of one code at once: the unique index refuses the second.
    if (isUniqueViolation(error)) throw new DuplicateOrderReasonError(input.kind, code!, null);
    throw error;
  }
}

export async function updateReason(
  deps: ReasonDeps,
  input: { reasonId: number; code?: string | null; label?: string | null; isActive?: boolean | null },
): Promise<{ reasonId: number }> {
  const problems = new Problems();
  const code = input.code != null ? checkCode(problems, input.code, true) : undefined;
  const label = input.label != null ? checkText(problems, ['label'], input.label, { required: true, max: 200 }) : undefined;
  problems.throwIfAny();
  let kind: ReasonKind | undefined;
  try {
    return await transaction(deps, async ({ tx }) => {
      const reason = await tx.orderReason.findFirst({ where: { id: input.reasonId, tenantId: deps.tenantId }, select: { id: true, kind: true, code: true } });
      if (!reason) throw new NotFoundError('OrderReason', String(input.reasonId));
      kind = reason.kind;
      if (code !== undefined && code !== reason.code) {
        const clash = await tx.orderReason.findFirst({ where: { tenantId: deps.tenantId, kind: reason.kind, code }, select: { id: true } });
        if (clash) throw new DuplicateOrderReasonError(reason.kind, code, clash.id);
      }
      await tx.orderReason.update({
        where: { id: reason.id },
        data: { code, label, isActive: input.isActive ?? undefined },
      });
      return { reasonId: reason.id };
    });
  } catch (error) {
    if (isUniqueViolation(error) && kind && code) throw new DuplicateOrderReasonError(kind, code, null);
    throw error;
  }
}

export async function deactivateReason(deps: ReasonDeps, input: { reasonId: number }): Promise<{ reasonId: number }> {
  return transaction(deps, async ({ tx }) => {
    const { count } = await tx.orderReason.updateMany({ where: { id: input.reasonId, tenantId: deps.tenantId }, data: { isActive: false } });
    if (!count) throw new NotFoundError('OrderReason', String(input.reasonId));
    return { reasonId: input.reasonId };
  });
}
