// The tenant's delivery types (seed 000 `/order/delivery-types`, seed 001 delivery):
// how orders reach buyers, e.g. REGULAR by courier, SELF_DELIVERY by the shop,
// PICKUP by the buyer. Codes are upper-case and unique per tenant; deactivated types
// stay on the orders that name them but are refused on new ones.
import { transaction, type TransactionDeps } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { checkText, Problems } from '../shared/validation.js';
import { isUniqueViolation } from '../db/faults.js';

export interface DeliveryTypeDeps extends TransactionDeps {
  tenantId: number;
}

const CODE = /^[A-Z0-9][A-Z0-9_-]*$/;

function checkCode(problems: Problems, code: string): string | undefined {
  const text = checkText(problems, ['code'], code, { required: true, max: 30 })?.toUpperCase().replaceAll(' ', '_');
  if (text && !CODE.test(text)) problems.add(['code'], 'may hold letters, digits, "_" and "-" only, starting with a letter or digit');
  return text;
}

const duplicate = (code: string) => new Problems().add(['code'], `a delivery type with code ${code} exists already`);

export interface DeliveryTypeInput {
  code?: string | null;
  name?: string | null;
  needsCourier?: boolean | null;
  isActive?: boolean | null;
}

export async function createDeliveryType(deps: DeliveryTypeDeps, input: DeliveryTypeInput & { code: string; name: string }): Promise<{ deliveryTypeId: number }> {
  const problems = new Problems();
  const code = checkCode(problems, input.code);
  const name = checkText(problems, ['name'], input.name, { required: true, max: 100 });
  problems.throwIfAny();
  try {
    return await transaction(deps, async ({ tx }) => {
      const clash = await tx.deliveryType.findFirst({ where: { tenantId: deps.tenantId, code: code! }, select: { id: true } });
      if (clash) duplicate(code!).throwIfAny();
      const created = await tx.deliveryType.create({
        data: { tenantId: deps.tenantId, code: code!, name: name!, needsCourier: input.needsCourier ?? true, isActive: input.isActive ?? true },
        select: { id: true },
      });
      return { deliveryTypeId: created.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) duplicate(code!).throwIfAny();
    throw error;
  }
}

export async function updateDeliveryType(deps: DeliveryTypeDeps, input: DeliveryTypeInput & { deliveryTypeId: number }): Promise<{ deliveryTypeId: number }> {
  const problems = new Problems();
  const code = input.code != null ? checkCode(problems, input.code) : undefined;
  const name = input.name != null ? checkText(problems, ['name'], input.name, { required: true, max: 100 }) : undefined;
  problems.throwIfAny();
  try {
    return await transaction(deps, async ({ tx }) => {
      const found = await tx.deliveryType.findFirst({ where: { id: input.deliveryTypeId, tenantId: deps.tenantId }, select: { id: true, code: true } });
      if (!found) throw new NotFoundError('DeliveryType', String(input.deliveryTypeId));
      if (code !== undefined && code !== found.code && (await tx.deliveryType.findFirst({ where: { tenantId: deps.tenantId, code }, select: { id: true } }))) {
        duplicate(code).throwIfAny();
      }
      await tx.deliveryType.update({
        where: { id: found.id },
        data: { code, name, needsCourier: input.needsCourier ?? undefined, isActive: input.isActive ?? undefined },
      });
      return { deliveryTypeId: found.id };
    });
  } catch (error) {
    if (isUniqueViolation(error) && code) duplicate(code).throwIfAny();
    throw error;
  }
}
