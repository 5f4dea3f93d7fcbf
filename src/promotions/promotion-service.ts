// Promotions and coupons (seed 002 promo create, update, delete -> deactivate): the
// discount, its validity window, limits and whom it is for. No GraphQL here.
import type { DiscountType, PromotionGroup, PromotionPlatform, PromotionType } from '../db/generated/prisma/enums.js';
import { transaction, type TransactionDeps, type Tx } from '../db/transaction.js';
import { NotFoundError } from '../shared/errors.js';
import { dec, type Decimal } from '../shared/money.js';
import { checkText, Problems } from '../shared/validation.js';
import { DuplicateCouponCodeError } from './errors.js';
import { normalizeCouponCode } from './promotion-rules.js';
import { isUniqueViolation } from '../db/faults.js';

export interface PromotionDeps extends TransactionDeps {
  tenantId: number;
}

export interface PromotionFields {
  group?: PromotionGroup | null;
  type?: PromotionType | null;
  name?: string | null;
  couponCode?: string | null;
  discountType?: DiscountType | null;
  discountValue?: Decimal | null;
  maxDiscount?: Decimal | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  quota?: number | null;
  perCustomerLimit?: number | null;
  minQuantity?: number | null;
  minSubtotal?: Decimal | null;
  customerCategoryCodes?: string[] | null;
  platforms?: PromotionPlatform[] | null;
  courierIds?: number[] | null;
  allProducts?: boolean | null;
  productIds?: number[] | null;
  isActive?: boolean | null;
}

const COUPON = /^[A-Z0-9][A-Z0-9_-]{2,39}$/;
const AMOUNT_MAX = dec('9999999999999999.99');

/** A promotion as stored: required fields set, optional limits null, lists empty for "all". */
interface Row {
  group: PromotionGroup;
  type: PromotionType;
  name: string;
  couponCode: string | null;
  discountType: DiscountType;
  discountValue: Decimal;
  maxDiscount: Decimal | null;
  startsAt: Date;
  endsAt: Date | null;
  quota: number | null;
  perCustomerLimit: number | null;
  minQuantity: number | null;
  minSubtotal: Decimal | null;
  customerCategoryCodes: string[];
  platforms: PromotionPlatform[];
  courierIds: number[];
  allProducts: boolean;
  productIds: number[];
  isActive: boolean;
}

const DEFAULTS: Omit<Row, 'group' | 'type' | 'name' | 'discountType' | 'discountValue' | 'startsAt'> = {
  couponCode: null,
  maxDiscount: null,
  endsAt: null,
  quota: null,
  perCustomerLimit: null,
  minQuantity: null,
  minSubtotal: null,
  customerCategoryCodes: [],
  platforms: [],
  courierIds: [],
  allProducts: true,
  productIds: [],
  isActive: true,
};

function amount(problems: Problems, field: string, value: Decimal | null, positive: boolean) {
  if (value === null) return;
  if (positive ? value.lte(0) : value.lt(0)) problems.add([field], positive ? 'must be more than 0' : 'must not be negative');
  else if (value.gt(AMOUNT_MAX) || value.decimalPlaces() > 2) problems.add([field], 'must be an amount with at most 2 decimals');
}

function count(problems: Problems, field: string, value: number | null, min: number, max: number) {
  if (value !== null && !(Number.isInteger(value) && value >= min && value <= max)) problems.add([field], `must be a whole number from ${min} to ${max}`);
}

/** The promotion as it will be stored, every rule checked against the whole (create: the input; update: the row merged with it). */
function checkPromotion(row: Row, problems: Problems): Row {
  const name = checkText(problems, ['name'], row.name, { required: true, max: 100 });
  let couponCode = row.couponCode === null ? null : normalizeCouponCode(row.couponCode);
  if (row.group === 'COUPON') {
    if (!couponCode) problems.add(['couponCode'], 'is required for a COUPON');
    else if (!COUPON.test(couponCode)) problems.add(['couponCode'], 'must be 3 to 40 letters, digits, "_" or "-"');
  } else if (couponCode) problems.add(['couponCode'], 'is for a COUPON only; a PROMO applies by itself');
  else couponCode = null;
  if (row.discountType === 'CASCADED') problems.add(['discountType'], 'must be PERCENTAGE or NOMINAL');
  amount(problems, 'discountValue', row.discountValue, true);
  if (row.discountType === 'PERCENTAGE' && row.discountValue.gt(100)) problems.add(['discountValue'], 'a percentage must be at most 100');
  amount(problems, 'maxDiscount', row.maxDiscount, true);
  amount(problems, 'minSubtotal', row.minSubtotal, false);
  if (row.endsAt && row.endsAt.getTime() <= row.startsAt.getTime()) problems.add(['endsAt'], 'must be after startsAt');
  count(problems, 'quota', row.quota, 1, 1_000_000_000);
  // Seed 002: 1 to 9 uses per customer, or unlimited.
  count(problems, 'perCustomerLimit', row.perCustomerLimit, 1, 9);
  count(problems, 'minQuantity', row.minQuantity, 1, 1_000_000);
  row.customerCategoryCodes.forEach((code, index) => checkText(problems, ['customerCategoryCodes', index], code, { required: true, max: 20 }));
  if (row.type === 'PRODUCT' && !row.allProducts && !row.productIds.length) problems.add(['productIds'], 'name at least one product, or set allProducts');
  if (row.productIds.length > 1000) problems.add(['productIds'], 'must hold at most 1000 products');
  return {
    ...row,
    name: name ?? '',
    couponCode,
    customerCategoryCodes: [...new Set(row.customerCategoryCodes.map((c) => c.trim()))],
    platforms: [...new Set(row.platforms)],
    courierIds: [...new Set(row.courierIds)],
    productIds: row.allProducts ? [] : [...new Set(row.productIds)],
  };
}

/** Everything the ids and codes name belongs to the tenant. */
async function checkReferences(tx: Tx, tenantId: number, row: Row) {
  const problems = new Problems();
  if (row.productIds.length) {
    const found = await tx.product.findMany({ where: { tenantId, id: { in: row.productIds } }, select: { id: true } });
    const ids = new Set(found.map((p) => p.id));
    row.productIds.forEach((id, index) => problems.check(ids.has(id), ['productIds', index], 'is not a product of this shop'));
  }
  if (row.courierIds.length) {
    const found = await tx.courier.findMany({ where: { tenantId, id: { in: row.courierIds } }, select: { id: true } });
    const ids = new Set(found.map((c) => c.id));
    row.courierIds.forEach((id, index) => problems.check(ids.has(id), ['courierIds', index], 'is not a courier of this shop'));
  }
  if (row.customerCategoryCodes.length) {
    const found = await tx.customerCategory.findMany({ where: { tenantId, code: { in: row.customerCategoryCodes } }, select: { code: true } });
    const codes = new Set(found.map((c) => c.code));
    row.customerCategoryCodes.forEach((code, index) => problems.check(codes.has(code), ['customerCategoryCodes', index], 'is not a customer category of this shop'));
  }
  problems.throwIfAny();
  if (row.couponCode) {
    const clash = await tx.promotion.findFirst({ where: { tenantId, couponCode: row.couponCode }, select: { id: true } });
    return clash?.id ?? null;
  }
  return null;
}

function defined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function createPromotion(deps: PromotionDeps, input: PromotionFields): Promise<{ promotionId: number }> {
  const problems = new Problems();
  problems.check(!!input.group, ['group'], 'is required');
  problems.check(!!input.type, ['type'], 'is required');
  problems.check(!!input.discountType, ['discountType'], 'is required');
  problems.check(input.discountValue != null, ['discountValue'], 'is required');
  problems.check(!!input.startsAt, ['startsAt'], 'is required');
  if (input.startsAt && input.startsAt.getTime() < Date.now() - 24 * 3600_000) problems.add(['startsAt'], 'must not be in the past');
  problems.throwIfAny();
  const given = defined(input) as Partial<Row>;
  const row = checkPromotion({ ...DEFAULTS, ...given, group: input.group!, type: input.type!, name: input.name ?? '', discountType: input.discountType!, discountValue: input.discountValue!, startsAt: input.startsAt! }, problems);
  problems.throwIfAny();
  try {
    return await transaction(deps, async ({ tx }) => {
      if (await checkReferences(tx, deps.tenantId, row)) throw new DuplicateCouponCodeError(row.couponCode!);
      const created = await tx.promotion.create({ data: { ...toColumns(row), tenantId: deps.tenantId }, select: { id: true } });
      return { promotionId: created.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateCouponCodeError(row.couponCode ?? '');
    throw error;
  }
}

export async function updatePromotion(deps: PromotionDeps, promotionId: number, input: PromotionFields): Promise<{ promotionId: number }> {
  try {
    return await transaction(deps, async ({ tx }) => {
      const current = await tx.promotion.findFirst({ where: { id: promotionId, tenantId: deps.tenantId } });
      if (!current) throw new NotFoundError('Promotion', String(promotionId));
      const problems = new Problems();
      const merged: Row = {
        ...current,
        discountValue: dec(current.discountValue),
        maxDiscount: current.maxDiscount === null ? null : dec(current.maxDiscount),
        minSubtotal: current.minSubtotal === null ? null : dec(current.minSubtotal),
        ...(defined(input) as Partial<Row>),
      };
      // Null clears an optional limit or a list; a required field sent null keeps its value.
      const mutable = merged as unknown as Record<string, unknown>;
      for (const key of ['group', 'type', 'name', 'discountType', 'discountValue', 'startsAt', 'allProducts', 'isActive'] as const) {
        if (input[key] === null) mutable[key] = key === 'discountValue' ? dec(current.discountValue) : current[key];
      }
      for (const key of ['customerCategoryCodes', 'platforms', 'courierIds', 'productIds'] as const) if (input[key] === null) merged[key] = [];
      const row = checkPromotion(merged, problems);
      if (row.quota !== null && row.quota < current.usedCount) problems.add(['quota'], `must be at least the ${current.usedCount} use(s) already taken`);
      problems.throwIfAny();
      const clash = await checkReferences(tx, deps.tenantId, row);
      if (clash !== null && clash !== promotionId) throw new DuplicateCouponCodeError(row.couponCode!);
      await tx.promotion.update({ where: { id: promotionId }, data: toColumns(row), select: { id: true } });
      return { promotionId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateCouponCodeError(input.couponCode ?? '');
    throw error;
  }
}

/** Activates or deactivates (seed 002 delete: a promotion orders used stays, inactive). */
export async function setPromotionActive(deps: PromotionDeps, promotionId: number, isActive: boolean): Promise<{ promotionId: number }> {
  return transaction(deps, async ({ tx }) => {
    const updated = await tx.promotion.updateMany({ where: { id: promotionId, tenantId: deps.tenantId }, data: { isActive } });
    if (updated.count !== 1) throw new NotFoundError('Promotion', String(promotionId));
    return { promotionId };
  });
}

function toColumns(row: Row) {
  return {
    group: row.group,
    type: row.type,
    name: row.name,
    couponCode: row.couponCode,
    discountType: row.discountType,
    discountValue: row.discountValue.toFixed(2),
    maxDiscount: row.maxDiscount?.toFixed(2) ?? null,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    quota: row.quota,
    perCustomerLimit: row.perCustomerLimit,
    minQuantity: row.minQuantity,
    minSubtotal: row.minSubtotal?.toFixed(2) ?? null,
    customerCategoryCodes: row.customerCategoryCodes,
    platforms: row.platforms,
    courierIds: row.courierIds,
    allProducts: row.allProducts,
    productIds: row.productIds,
    isActive: row.isActive,
  };
}
