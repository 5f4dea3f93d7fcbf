// The tenant's couriers (seed 002 expeditions): code (lower-case, unique per tenant),
// name, whether they collect cash on delivery. Deactivated couriers stay on the
// shipments that name them but are refused on new shipments and ship transitions.
import { transaction, type TransactionDeps } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { dec, type Decimal } from '../shared/money.js';
import { checkText, Problems } from '../shared/validation.js';
import { DuplicateCourierError } from './courier-errors.js';
import { isUniqueViolation } from '../db/faults.js';

export interface CourierDeps extends TransactionDeps {
  tenantId: number;
}

export const COURIER_CODE_MAX = 30;
export const COURIER_NAME_MAX = 100;
const CODE = /^[a-z0-9][a-z0-9_.-]*$/;

/** Trimmed, lower-cased code ("JNE" and "jne" are one courier) or a problem. */
function checkCode(problems: Problems, code: string): string | undefined {
  const text = checkText(problems, ['code'], code, { required: true, max: COURIER_CODE_MAX })?.toLowerCase();
  if (text && !CODE.test(text)) problems.add(['code'], 'may hold letters, digits, "_", "." and "-" only, starting with a letter or digit');
  return text;
}

/** A custom courier's fee per shipment: zero or more, two decimals at most. */
function checkFlatFee(problems: Problems, fee: Decimal | null | undefined): string | undefined {
  if (fee == null) return undefined;
  const value = dec(fee);
  if (!problems.check(value.gte(0) && value.decimalPlaces() <= 2, ['flatFee'], 'must be zero or more, with at most two decimals')) return undefined;
  return value.toFixed(2);
}

export async function createCourier(
  deps: CourierDeps,
  input: { code: string; name: string; supportsCod?: boolean | null; isActive?: boolean | null; flatFee?: Decimal | null },
): Promise<{ courierId: number }> {
  const problems = new Problems();
  const code = checkCode(problems, input.code);
  const name = checkText(problems, ['name'], input.name, { required: true, max: COURIER_NAME_MAX });
  const flatFee = checkFlatFee(problems, input.flatFee);
  problems.throwIfAny();
  try {
    return await transaction(deps, async ({ tx }) => {
      const clash = await tx.courier.findFirst({ where: { tenantId: deps.tenantId, code: code! }, select: { id: true } });
      if (clash) throw new DuplicateCourierError(code!, clash.id);
      const courier = await tx.courier.create({
        data: { tenantId: deps.tenantId, code: code!, name: name!, supportsCod: input.supportsCod ?? false, isActive: input.isActive ?? true, flatFee: flatFee ?? null },
        select: { id: true },
      });
      return { courierId: courier.id };
    });
  } catch (error) {
    // Two creates of one code at once: the unique index refuses the second.
    if (isUniqueViolation(error)) throw new DuplicateCourierError(code!, null);
    throw error;
  }
}

export async function updateCourier(
  deps: CourierDeps,
  input: { courierId: number; code?: string | null; name?: string | null; supportsCod?: boolean | null; isActive?: boolean | null; flatFee?: Decimal | null; removeFlatFee?: boolean | null },
): Promise<{ courierId: number }> {
  const problems = new Problems();
  const code = input.code != null ? checkCode(problems, input.code) : undefined;
  const name = input.name != null ? checkText(problems, ['name'], input.name, { required: true, max: COURIER_NAME_MAX }) : undefined;
  const flatFee = checkFlatFee(problems, input.flatFee);
  if (input.removeFlatFee && flatFee) problems.add(['removeFlatFee'], 'cannot be given with flatFee');
  problems.throwIfAny();
  try {
    return await transaction(deps, async ({ tx }) => {
      const courier = await tx.courier.findFirst({ where: { id: input.courierId, tenantId: deps.tenantId }, select: { id: true, code: true } });
      if (!courier) throw new NotFoundError('Courier', String(input.courierId));
      if (code !== undefined && code !== courier.code) {
        const clash = await tx.courier.findFirst({ where: { tenantId: deps.tenantId, code }, select: { id: true } });
        if (clash) throw new DuplicateCourierError(code, clash.id);
      }
      await tx.courier.update({
        where: { id: courier.id },
        data: { code, name, supportsCod: input.supportsCod ?? undefined, isActive: input.isActive ?? undefined, flatFee: input.removeFlatFee ? null : (flatFee ?? undefined) },
      });
      return { courierId: courier.id };
    });
  } catch (error) {
    if (isUniqueViolation(error) && code) throw new DuplicateCourierError(code, null);
    throw error;
  }
}

export async function deactivateCourier(deps: CourierDeps, input: { courierId: number }): Promise<{ courierId: number }> {
  return transaction(deps, async ({ tx }) => {
    const { count } = await tx.courier.updateMany({ where: { id: input.courierId, tenantId: deps.tenantId }, data: { isActive: false } });
    if (!count) throw new NotFoundError('Courier', String(input.courierId));
    return { courierId: input.courierId };
  });
}
