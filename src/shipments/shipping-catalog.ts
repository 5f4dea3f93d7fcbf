// A courier's services (REG, YES, ...) and their rate tables, per tenant (seed 002
// expeditions and expedition cost). A service belongs to one courier; its code is
// unique within the courier. A rate prices one service from one region to another,
// at any level of the region tree, by weight steps.
import type { CourierServiceType } from '../db/generated/prisma/enums.js';
import { transaction, type TransactionDeps } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { dec, type Decimal } from '../shared/money.js';
import { checkText, Problems } from '../shared/validation.js';
import { isUniqueViolation } from '../db/faults.js';

export interface ShippingCatalogDeps extends TransactionDeps {
  tenantId: number;
}

const SERVICE_CODE = /^[A-Z0-9][A-Z0-9_.-]*$/;
export const SERVICE_CODE_MAX = 30;
export const SERVICE_NAME_MAX = 100;
/** Days a parcel may take at most, by any service. */
const MAX_DAYS = 60;
/** The largest weight step: 100 kg. */
const MAX_STEP_GRAMS = 100_000;

function checkServiceCode(problems: Problems, code: string): string | undefined {
  const text = checkText(problems, ['code'], code, { required: true, max: SERVICE_CODE_MAX })?.toUpperCase();
  if (text && !SERVICE_CODE.test(text)) problems.add(['code'], 'may hold letters, digits, "_", "." and "-" only, starting with a letter or digit');
  return text;
}

const duplicateService = (code: string) => new Problems().add(['code'], `the courier already has a service with code "${code}"`);

export interface ServiceInput {
  code?: string | null;
  name?: string | null;
  type?: CourierServiceType | null;
  supportsCod?: boolean | null;
  isActive?: boolean | null;
}

export async function createCourierService(deps: ShippingCatalogDeps, input: ServiceInput & { courierId: number; code: string; name: string }): Promise<{ serviceId: number }> {
  const problems = new Problems();
  const code = checkServiceCode(problems, input.code);
  const name = checkText(problems, ['name'], input.name, { required: true, max: SERVICE_NAME_MAX });
  problems.throwIfAny();
  try {
    return await transaction(deps, async ({ tx }) => {
      const courier = await tx.courier.findFirst({ where: { id: input.courierId, tenantId: deps.tenantId }, select: { id: true, supportsCod: true } });
      if (!courier) throw new NotFoundError('Courier', String(input.courierId));
      if (input.supportsCod && !courier.supportsCod) new Problems().add(['supportsCod'], 'the courier does not collect cash on delivery').throwIfAny();
      const clash = await tx.courierService.findFirst({ where: { courierId: courier.id, code: code! }, select: { id: true } });
      if (clash) duplicateService(code!).throwIfAny();
      const service = await tx.courierService.create({
        data: {
          tenantId: deps.tenantId,
          courierId: courier.id,
          code: code!,
          name: name!,
          type: input.type ?? 'REGULAR',
          supportsCod: input.supportsCod ?? false,
          isActive: input.isActive ?? true,
        },
        select: { id: true },
      });
      return { serviceId: service.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) duplicateService(code!).throwIfAny();
    throw error;
  }
}

export async function updateCourierService(deps: ShippingCatalogDeps, input: ServiceInput & { serviceId: number }): Promise<{ serviceId: number }> {
  const problems = new Problems();
  const code = input.code != null ? checkServiceCode(problems, input.code) : undefined;
  const name = input.name != null ? checkText(problems, ['name'], input.name, { required: true, max: SERVICE_NAME_MAX }) : undefined;
  problems.throwIfAny();
  try {
    return await transaction(deps, async ({ tx }) => {
      const service = await tx.courierService.findFirst({
        where: { id: input.serviceId, tenantId: deps.tenantId },
        select: { id: true, code: true, courierId: true, courier: { select: { supportsCod: true } } },
      });
      if (!service) throw new NotFoundError('CourierService', String(input.serviceId));
      if (input.supportsCod && !service.courier.supportsCod) new Problems().add(['supportsCod'], 'the courier does not collect cash on delivery').throwIfAny();
      if (code !== undefined && code !== service.code) {
        const clash = await tx.courierService.findFirst({ where: { courierId: service.courierId, code }, select: { id: true } });
        if (clash) duplicateService(code).throwIfAny();
      }
      await tx.courierService.update({
        where: { id: service.id },
        data: { code, name, type: input.type ?? undefined, supportsCod: input.supportsCod ?? undefined, isActive: input.isActive ?? undefined },
      });
      return { serviceId: service.id };
    });
  } catch (error) {
    if (isUniqueViolation(error) && code) duplicateService(code).throwIfAny();
    throw error;
  }
}

export interface RateInput {
  serviceId: number;
  originRegionId: number;
  destinationRegionId: number;
  stepGrams?: number | null;
  firstStepPrice: Decimal;
  nextStepPrice?: Decimal | null;
  minDays: number;
  maxDays: number;
}

/** Sets the rate of a service between two regions: a new one, or the one there replaced. */
export async function setShippingRate(deps: ShippingCatalogDeps, input: RateInput): Promise<{ rateId: number }> {
  const problems = new Problems();
  const stepGrams = input.stepGrams ?? 1000;
  const first = dec(input.firstStepPrice);
  const next = input.nextStepPrice != null ? dec(input.nextStepPrice) : first;
  problems.check(Number.isInteger(stepGrams) && stepGrams >= 1 && stepGrams <= MAX_STEP_GRAMS, ['stepGrams'], `must be a whole number from 1 to ${MAX_STEP_GRAMS}`);
  problems.check(first.gte(0) && first.decimalPlaces() <= 2, ['firstStepPrice'], 'must be zero or more, with at most two decimals');
  if (input.nextStepPrice != null) problems.check(next.gte(0) && next.decimalPlaces() <= 2, ['nextStepPrice'], 'must be zero or more, with at most two decimals');
  problems.check(Number.isInteger(input.minDays) && input.minDays >= 0 && input.minDays <= MAX_DAYS, ['minDays'], `must be a whole number from 0 to ${MAX_DAYS}`);
  problems.check(Number.isInteger(input.maxDays) && input.maxDays >= input.minDays && input.maxDays <= MAX_DAYS, ['maxDays'], `must be a whole number from minDays to ${MAX_DAYS}`);
  problems.throwIfAny();
  return transaction(deps, async ({ tx }) => {
    const service = await tx.courierService.findFirst({ where: { id: input.serviceId, tenantId: deps.tenantId }, select: { id: true } });
    if (!service) throw new NotFoundError('CourierService', String(input.serviceId));
    const regions = await tx.region.findMany({ where: { tenantId: deps.tenantId, id: { in: [input.originRegionId, input.destinationRegionId] } }, select: { id: true } });
    const found = new Set(regions.map((r) => r.id));
    if (!found.has(input.originRegionId)) throw new NotFoundError('Region', String(input.originRegionId));
    if (!found.has(input.destinationRegionId)) throw new NotFoundError('Region', String(input.destinationRegionId));
    const figures = { stepGrams, firstStepPrice: first.toFixed(2), nextStepPrice: next.toFixed(2), minDays: input.minDays, maxDays: input.maxDays };
    const rate = await tx.shippingRate.upsert({
      where: { serviceId_originRegionId_destinationRegionId: { serviceId: service.id, originRegionId: input.originRegionId, destinationRegionId: input.destinationRegionId } },
      create: { tenantId: deps.tenantId, serviceId: service.id, originRegionId: input.originRegionId, destinationRegionId: input.destinationRegionId, ...figures },
      update: figures,
      select: { id: true },
    });
    return { rateId: rate.id };
  });
}

export async function deleteShippingRate(deps: ShippingCatalogDeps, input: { rateId: number }): Promise<{ rateId: number }> {
  return transaction(deps, async ({ tx }) => {
    const deleted = await tx.shippingRate.deleteMany({ where: { id: input.rateId, tenantId: deps.tenantId } });
    if (deleted.count !== 1) throw new NotFoundError('ShippingRate', String(input.rateId));
    return { rateId: input.rateId };
  });
}
